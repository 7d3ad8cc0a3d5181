package org.huxley.bench;

import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.Network;
import org.huxley.stim.Stimuli;

/**
 * The network scale workload of issue 6 (docs/networks.md, "Scale"): {@code ncells} cells of 5
 * branches × 4 compartments with HH, wired by one seeded {@code sparseConnect} of
 * IonotropicSynapses (connection probability chosen for the requested expected number of synapses,
 * random post-synaptic compartments), weak synapses (gS = 1e-6 µS), a 0.5 nA pulse into the first
 * ten cells and v recorded at cell 0.
 */
public final class NetworkWorkloads {
    private NetworkWorkloads() {
    }

    /**
     * {@return the model, built but not compiled}
     *
     * @param ncells number of cells
     * @param expectedSynapses expected number of synapses
     * @param seed seed of the wiring
     */
    public static Network sparse(int ncells, long expectedSynapses, long seed) {
        Network net = Network.of(ncells, 5, 4);
        net.insert(HH.MECHANISM);
        double p = Math.min(1.0, expectedSynapses / ((double) ncells * ncells));
        net.sparseConnect(net.all(), net.all(), IonotropicSynapse.MECHANISM, p, seed, true);
        net.edges(IonotropicSynapse.MECHANISM).set(IonotropicSynapse.G_S, 1e-6);
        for (int c = 0; c < Math.min(10, ncells); c++) {
            net.cell(c).branch(0).comp(0).stimulate(Stimuli.stepCurrent(0.5, 2.0, 0.5, 0.025, 100.0));
        }
        net.cell(0).branch(0).comp(0).record();
        return net;
    }
}
