package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.testing.JaxleyNetworks;
import org.huxley.testing.JaxleyReference;
import org.huxley.testing.ParityLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Jaxley's test_grad.py::test_network_grad (reference-numerics §11.5): the seven-cell network of
 * test_complex_net, loss = sum of samples 0, 40, …, 400 of cell 6's voltage, and the gradient with
 * respect to 14 trainables in make_trainable order: HH_gNa (one shared), HH_gK (cells 0, 1, 4),
 * HH_gLeak (cells 0–6), IonotropicSynapse_gS (one shared by all 12: Jaxley initialises it to the
 * mean 0.41/f, so the simulation runs with that value), TestSynapse_gC (within-type edges 0 and 2).
 */
class JaxleyNetworkGradTest {
    /** Sum of every 40th sample of the one recording. */
    static final Loss SUM_EVERY_40TH = (set, x, g) -> {
        double sum = 0;
        for (int k = 0; k < x[0].length; k += 40) {
            sum += x[0][k];
            g[0][k] = 1.0;
        }
        return sum;
    };

    @ParameterizedTest(name = "{0} slope")
    @EnumSource(SlopeMode.class)
    void lossAndGradientsMatchJaxley(SlopeMode slope) {
        JaxleyReference ref = JaxleyReference.load("test_network_grad");
        Network net = JaxleyNetworks.build(ref, false);
        ParameterLayout layout = new ParameterLayout(net)
                .add(net.all(), HH.G_NA)
                .add(net.cell(0, 1, 4), HH.G_K)
                .add(net.cell(0, 1, 2, 3, 4, 5, 6), HH.G_LEAK)
                .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.G_S)
                .add(net.edges(TestSynapse.MECHANISM).edge(0, 2), TestSynapse.G_C);
        ParameterSets sets = layout.batch(1);
        double[] theta = sets.row(0);
        JsonNode init = ref.json().get("initial_trainable_values_derived");
        assertEquals(init.get("IonotropicSynapse_gS_uS").doubleValue(), theta[11], 1e-18, "shared gS = mean 0.41/f");
        assertEquals(init.get("TestSynapse_gC_edge0_uS").doubleValue(), theta[12], 1e-18);
        assertEquals(init.get("TestSynapse_gC_edge2_uS").doubleValue(), theta[13], 1e-18);

        GradientResult r = new CpuGradientEngine(1, null).valueAndGradient(net.compile(),
                Protocol.defaults().withSlope(slope), new Batch(sets), SUM_EVERY_40TH);
        assertEquals(402, r.recordings().numSamples());

        List<Double> expected = new ArrayList<>();
        for (JsonNode entry : ref.json().get("gradients")) {
            entry.properties().forEach(e -> e.getValue().forEach(x -> expected.add(x.doubleValue())));
        }
        double[] want = expected.stream().mapToDouble(Double::doubleValue).toArray();
        double[] got = r.gradient(0);
        double worstAbs = 0;
        double worstRel = 0;
        for (int i = 0; i < want.length; i++) {
            worstAbs = Math.max(worstAbs, Math.abs(got[i] - want[i]));
            worstRel = Math.max(worstRel, Math.abs(got[i] - want[i]) / Math.abs(want[i]));
        }
        double lossErr = Math.abs(r.loss(0) - ref.json().get("loss").doubleValue());
        System.out.printf("test_network_grad (%s slope): loss %.10f (|d| = %.2e), worst gradient |d| = %.2e "
                + "(relative %.2e)%n", slope, r.loss(0), lossErr, worstAbs, worstRel);
        ParityLog.record("jaxley test_network_grad", "loss (" + slope + " slope)", lossErr,
                ref.json().get("loss_tolerance").get("value").doubleValue());
        assertTrue(lossErr <= ref.json().get("loss_tolerance").get("value").doubleValue(),
                "loss " + r.loss(0) + " vs " + ref.json().get("loss"));
        assertEquals(14, got.length);
        assertArrayEquals(want, got, ref.json().get("gradient_tolerance").get("value").doubleValue(),
                "gradients in make_trainable order");
        // Stricter than the reference's own 1e-3: every gradient to 1e-8 relative (8 decimals are stored).
        assertTrue(worstRel <= 1e-8, "worst relative gradient error " + worstRel);
    }
}
