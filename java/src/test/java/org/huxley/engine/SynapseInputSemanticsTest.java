package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.SpikeTrainSynapse;
import org.huxley.mech.synapse.TanhConductanceSynapse;
import org.huxley.mech.synapse.TanhRateSynapse;
import org.huxley.model.Network;
import org.huxley.stim.Stimuli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented semantics of the pre-synaptic inputs (docs/networks.md), checked on recorded
 * traces: a synapse with delay d sees v_pre of step n − d (v⁰ while n − d &lt; 0), also for a
 * clamped pre-synaptic compartment; a spike-train synapse follows s ← s·E + k·w·(1 − s·E); the
 * tanh synapses' currents are their formulas; two spikes of one train in one step are rejected.
 */
class SynapseInputSemanticsTest {
    static final double DT = 0.025;
    static final int STEPS = 400;

    static Network twoCells() {
        Network net = Network.of(2, 1, 2);
        net.insert(HH.MECHANISM);
        net.cell(0).branch(0).loc(0.0).stimulate(Stimuli.stepCurrent(1.0, 2.0, 0.5, DT, 10.0));
        net.cell(0).branch(0).loc(0.0).record();
        return net;
    }

    /** Recorded current at sample k ≥ 1 is that of step k − 1; sample 0 is computed from the initial state. */
    private static int preSample(int k, int delay) {
        return Math.max(0, k - 1 - delay);
    }

    @ParameterizedTest(name = "delay {0} steps")
    @ValueSource(ints = {0, 1, 5, 40, 399, 1000})
    void aDelayedSynapseSeesThePreVoltageOfStepNMinusD(int delay) {
        Network net = twoCells();
        double gS = 0.01;
        double x0 = -50.0;
        double slope = 0.05;
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(1.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, gS).set(TanhRateSynapse.X_OFFSET, x0).set(TanhRateSynapse.SLOPE, slope)
                .setDelay(delay).record(TanhRateSynapse.MECHANISM.current());
        Recordings rec = new CpuEngine(1).run(net.compile(), Protocol.defaults().withSteps(STEPS));
        double[] vPre = rec.trace(0, 0);
        double[] current = rec.trace(0, 1);
        assertTrue(max(vPre) > 0, "the pre-synaptic cell spikes");
        for (int k = 0; k <= STEPS; k++) {
            double expected = -gS * Math.tanh((vPre[preSample(k, delay)] - x0) * slope);
            assertEquals(expected, current[k], 1e-15 * Math.abs(expected) + 1e-300, "sample " + k);
        }
    }

    @Test
    void aDelayedSynapseOfAClampedCellSeesTheDelayedClamp() {
        Network net = Network.of(2, 1, 2);
        net.insert(HH.MECHANISM);
        double[] clamp = new double[STEPS];
        for (int n = 0; n < STEPS; n++) {
            clamp[n] = -70.0 + 40.0 * Math.sin(n * 0.05);
        }
        net.cell(0).branch(0).loc(0.0).clamp(clamp);
        net.cell(0).branch(0).loc(0.0).record();
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), TanhConductanceSynapse.MECHANISM)
                .set(TanhConductanceSynapse.G_S, 1e-3).setDelay(13).record(TanhConductanceSynapse.MECHANISM.current());
        net.cell(1).branch(0).loc(0.0).record();
        Recordings rec = new CpuEngine(1).run(net.compile(), Protocol.defaults().withSteps(STEPS));
        double[] vPre = rec.trace(0, 0);
        double[] current = rec.trace(0, 1);
        double[] vPost = rec.trace(0, 2);
        for (int k = 1; k <= STEPS; k++) {
            assertEquals(clamp[k - 1], vPre[k], 0.0, "the clamp overwrites v");
            double expected = Math.tanh((vPre[preSample(k, 13)] + 70.0) * 1.0) * 1e-3 * vPost[k - 1];
            assertEquals(expected, current[k], 1e-14 * Math.abs(expected) + 1e-300, "sample " + k);
        }
    }

    @Test
    void aSpikeTrainSynapseFollowsItsEventRule() {
        Network net = twoCells();
        double w = 0.3;
        double tau = 2.0;
        double[] times = {1.0, 0.3, 2.5, 2.5 + DT, 7.0};
        int delay = 4;
        net.connectSpikeTrain(times, net.cell(1).branch(0).loc(0.0), SpikeTrainSynapse.MECHANISM)
                .set(SpikeTrainSynapse.W, w).set(SpikeTrainSynapse.TAU, tau).set(SpikeTrainSynapse.G_S, 0.01)
                .setDelay(delay).record(SpikeTrainSynapse.S);
        Recordings rec = new CpuEngine(1).run(net.compile(), Protocol.defaults().withSteps(STEPS));
        double[] s = rec.trace(0, 1);
        boolean[] spike = new boolean[STEPS + 1000];
        for (double t : times) {
            spike[(int) Math.floor(t / DT + 1e-9) + delay] = true; // 0.3 ms falls into step 12, not 11
        }
        assertTrue(spike[12 + delay]);
        double e = Math.exp(-DT / tau);
        assertEquals(0.0, s[0]);
        for (int n = 0; n < STEPS; n++) {
            double decayed = s[n] * e;
            double expected = decayed + (spike[n] ? w * (1.0 - decayed) : 0.0);
            assertEquals(expected, s[n + 1], 1e-15, "step " + n);
        }
        assertEquals(w, s[13 + delay], 1e-15, "from rest a spike gives s = w right after its step");
    }

    @Test
    void twoSpikesOfOneTrainInOneStepAreRejected() {
        Network net = twoCells();
        net.connectSpikeTrain(new double[] {1.0, 1.01}, net.cell(1).branch(0).loc(0.0), SpikeTrainSynapse.MECHANISM);
        var plan = net.compile();
        ModelException e = assertThrows(ModelException.class,
                () -> new CpuEngine(1).run(plan, Protocol.defaults().withSteps(STEPS)));
        assertTrue(e.getMessage().contains("same step 40"), e.getMessage());
        assertTrue(e.getMessage().contains("1.01"), e.getMessage());
        // With a finer step they fall into different steps.
        new CpuEngine(1).run(plan, Protocol.defaults().withDt(0.005).withSteps(STEPS));
    }

    @Test
    void theTanhRateSlopeUsesJaxleysDirection() {
        // Jaxley perturbs pre and post together; for TanhRate the current depends on v_pre only, so the
        // analytic slope ∂I/∂v_pre and the 1e-3 mV difference agree to O(1e-3), not to roundoff.
        Network net = twoCells();
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, 0.01).set(TanhRateSynapse.SLOPE, 0.1);
        net.cell(1).branch(0).loc(0.0).record();
        var plan = net.compile();
        double[] a = new CpuEngine(1).run(plan, Protocol.defaults().withSteps(STEPS)).trace(0, 1);
        double[] f = new CpuEngine(1).run(plan, Protocol.defaults().withSteps(STEPS)
                .withSlope(SlopeMode.FORWARD_DIFFERENCE)).trace(0, 1);
        double worst = 0;
        for (int k = 0; k <= STEPS; k++) {
            worst = Math.max(worst, Math.abs(a[k] - f[k]));
        }
        assertNotEquals(0.0, worst);
        assertTrue(worst < 1e-3, "difference between slope conventions " + worst + " mV");
    }

    @Test
    void ionotropicSynapsesThroughDelaysAndSpikesSimulateTogether() {
        Network net = twoCells();
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.02).setDelay(20);
        net.connectSpikeTrains(List.of(new double[] {2.0}, new double[] {}), net.cell(1).branch(0).comp(0, 1),
                SpikeTrainSynapse.MECHANISM);
        net.cell(1).branch(0).loc(0.0).record();
        Recordings rec = new CpuEngine(1).run(net.compile(), Protocol.defaults().withSteps(STEPS)).requireFinite();
        assertEquals(STEPS + 1, rec.numSamples());
    }

    @Test
    void generatedAndInterpretedKernelsAgreeBitwiseOnEverySynapseType() {
        Network net = twoCells();
        var pre = net.cell(0).branch(0).loc(0.0);
        var post = net.cell(1).branch(0).loc(0.0);
        net.connect(pre, post, IonotropicSynapse.MECHANISM).set(IonotropicSynapse.G_S, 0.01).setDelay(9);
        net.connect(pre, post, TanhRateSynapse.MECHANISM).set(TanhRateSynapse.G_S, 0.01).set(TanhRateSynapse.SLOPE, 0.1);
        net.connect(pre, post, TanhConductanceSynapse.MECHANISM).set(TanhConductanceSynapse.G_S, 1e-3).setDelay(2);
        net.connectSpikeTrain(new double[] {1.0, 4.0}, post, SpikeTrainSynapse.MECHANISM);
        net.cell(1).branch(0).loc(1.0).record();
        var plan = net.compile();
        for (SlopeMode slope : SlopeMode.values()) {
            Protocol p = Protocol.defaults().withSteps(STEPS).withSlope(slope);
            GeneratedKernelsTest.assertBitwiseEqual(new CpuEngine(1, KernelMode.INTERPRETED).run(plan, p),
                    new CpuEngine(1, KernelMode.GENERATED).run(plan, p));
        }
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }
}
