package org.huxley.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.SpikeTrainSynapse;
import org.huxley.model.Network;
import org.junit.jupiter.api.Test;

/**
 * The device kernels read v_pre of the current step only: plans with transmission delays or
 * spike-train synapses are refused with a message pointing to the CPU engine (docs/networks.md),
 * while the built-in source still covers every built-in synapse (a spike-driven synapse's input
 * occupies the v_pre argument, as in the CPU kernels).
 */
class NetworkInputsOnDeviceTest {
    private static Network net() {
        Network net = Network.of(2, 1, 2);
        net.insert(HH.MECHANISM);
        net.cell(0).branch(0).loc(0.0).record();
        return net;
    }

    @Test
    void delaysAndSpikeTrainsAreRefusedNamingTheCpuEngine() {
        Network delayed = net();
        delayed.connect(delayed.cell(0).branch(0).loc(0.0), delayed.cell(1).branch(0).loc(0.0),
                IonotropicSynapse.MECHANISM).setDelay(3);
        ModelException e = assertThrows(ModelException.class, () -> KernelSources.select(delayed.compile()));
        assertTrue(e.getMessage().contains("transmission delays") && e.getMessage().contains("CpuEngine"),
                e.getMessage());
        Network spikes = net();
        spikes.connectSpikeTrain(new double[] {1.0}, spikes.cell(1).branch(0).loc(0.0), SpikeTrainSynapse.MECHANISM);
        e = assertThrows(ModelException.class, () -> KernelSources.select(spikes.compile()));
        assertTrue(e.getMessage().contains("spike-train synapses"), e.getMessage());
        Network plain = net();
        plain.connect(plain.cell(0).branch(0).loc(0.0), plain.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM);
        assertTrue(KernelSources.select(plain.compile()).builtin());
    }

    @Test
    void theBuiltinSourceHasEverySynapse() {
        CudaSourceGenerator.Source s = KernelSources.builtins();
        int id = s.synapseId(SpikeTrainSynapse.MECHANISM);
        assertTrue(id >= 0);
        String struct = s.text().substring(s.text().indexOf("struct hx_sy_" + id));
        assertTrue(struct.substring(0, struct.indexOf("};")).contains("v_pre"), "the spike input is v_pre's slot");
    }
}
