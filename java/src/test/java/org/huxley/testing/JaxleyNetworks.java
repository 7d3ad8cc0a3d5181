package org.huxley.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.huxley.mech.Mechanism;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Network;
import org.huxley.stim.Stimuli;
import tools.jackson.databind.JsonNode;

/**
 * The networks of Jaxley's test_complex_net, test_mixed_net and test_network_grad
 * (reference-numerics §11.5): seven cells, four fully_connect calls whose random post-synaptic
 * compartments are taken from the reference's {@code derived_synapses} (NumPy's draws, which our
 * seeded {@code fullyConnect} does not reproduce), the same conductances and stimulus.
 */
public final class JaxleyNetworks {
    /** Jaxley's f = 1e5 / (2π·10·1): µS per (mS/cm²) on a default compartment. */
    public static final double F = 1e5 / (2 * Math.PI * 10.0 * 1.0);

    private JaxleyNetworks() {
    }

    /**
     * @param ref the reference whose {@code derived_synapses} place the synapses
     * @param mixed test_mixed_net: cells 0–5 are one-compartment cells and all six are stimulated
     */
    public static Network build(JaxleyReference ref, boolean mixed) {
        Network net;
        if (mixed) {
            List<Cell> cells = new ArrayList<>(Collections.nCopies(6, new Cell(List.of(Branch.of(1)), new int[] {-1})));
            cells.add(Cell.binaryTree(5, 4));
            net = new Network(cells);
        } else {
            net = Network.of(7, 5, 4);
        }
        net.insert(HH.MECHANISM);
        JsonNode syn = ref.json().get("derived_synapses");
        // The four fully_connect calls in order: Iono 0-2 -> 3-5, Test 0-2 -> 3-5, Iono 3-5 -> 6, Test 3-5 -> 6.
        connectRows(net, syn.get("IonotropicSynapse"), 0, 9, IonotropicSynapse.MECHANISM);
        connectRows(net, syn.get("TestSynapse"), 0, 9, TestSynapse.MECHANISM);
        connectRows(net, syn.get("IonotropicSynapse"), 9, 12, IonotropicSynapse.MECHANISM);
        connectRows(net, syn.get("TestSynapse"), 9, 12, TestSynapse.MECHANISM);
        net.edges(IonotropicSynapse.MECHANISM).set(IonotropicSynapse.G_S, 0.44 / F);
        net.edges(IonotropicSynapse.MECHANISM).edge(0, 2, 4).set(IonotropicSynapse.G_S, 0.32 / F);
        net.edges(TestSynapse.MECHANISM).set(TestSynapse.G_C, 0.62 / F);
        net.edges(TestSynapse.MECHANISM).edge(0, 3, 5).set(TestSynapse.G_C, 0.24 / F);
        double[] pulse = Stimuli.stepCurrent(0.5, 0.5, 0.1, 0.025, 10.0);
        for (int c = 0; c < (mixed ? 6 : 3); c++) {
            net.cell(c).branch(0).loc(0.0).stimulate(pulse);
        }
        net.cell(6).branch(0).loc(0.0).record();
        return net;
    }

    /** Rows [index within type, pre cell, post cell, post branch, post comp], pre at branch 0 comp 0. */
    private static void connectRows(Network net, JsonNode rows, int from, int to, Mechanism type) {
        for (int r = from; r < to; r++) {
            JsonNode row = rows.get(r);
            if (row.get(0).intValue() != r) {
                throw new IllegalStateException("derived_synapses row " + r + " has index " + row.get(0));
            }
            net.connect(net.cell(row.get(1).intValue()).branch(0).comp(0),
                    net.cell(row.get(2).intValue()).branch(row.get(3).intValue()).comp(row.get(4).intValue()), type);
        }
    }
}
