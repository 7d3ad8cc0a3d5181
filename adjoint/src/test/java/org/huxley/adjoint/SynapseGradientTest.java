package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.SpikeTrainSynapse;
import org.huxley.mech.synapse.TanhConductanceSynapse;
import org.huxley.mech.synapse.TanhRateSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.CompartmentField;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks (≤ 1e−6, Richardson, error normalised by Σ|g_i·d_i|; GradientCheck) of
 * gradients through every synapse type beyond the ionotropic ones (FiniteDifferenceGradientTest):
 * the tanh synapses (both slope conventions; their current is not affine in v_pre), delayed
 * synapses (the adjoint routes ∂/∂v_pre back d steps through the delay history, down to the initial
 * voltage while n − d &lt; 0), and synapses driven by spike trains (weights w, τ, gS, e_syn, initial
 * s). Checkpointing must reproduce the full-storage gradient bit for bit with delay histories in
 * the checkpoints.
 */
class SynapseGradientTest {
    private static final Loss LOSS = Losses.meanSquaredErrorTo(-60.0, 1);

    record Case(String name, Supplier<Network> model, Function<Network, ParameterLayout> layout, SlopeMode slope) {
        @Override
        public String toString() {
            return name + " (" + slope + ")";
        }
    }

    /** Three HH cells as in TestModels.hhNetwork, without synapses; cell 0 is driven and spikes. */
    static Network cells() {
        Network net = Network.of(3, 3, 2);
        for (int c = 0; c < 3; c++) {
            TestModels.unequal(net, c, 3);
        }
        net.insert(HH.MECHANISM);
        net.cell(0).branch(0).loc(0.0).stimulate(TestModels.pulse(1.0));
        net.cell(0).branch(0).loc(0.0).record();
        net.cell(1).branch(2).loc(1.0).record();
        net.cell(2).branch(0).loc(1.0).record();
        net.cell(2).branch(1).loc(0.0).record();
        return net;
    }

    /** Cell 0 drives cell 1 through a TanhRateSynapse and cell 2 through a TanhConductanceSynapse. */
    static Network tanhNetwork() {
        Network net = cells();
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(2).loc(1.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, 0.02).set(TanhRateSynapse.SLOPE, 0.05).set(TanhRateSynapse.X_OFFSET, -50.0);
        net.connect(net.cell(0).branch(2).loc(1.0), net.cell(2).branch(0).loc(0.0), TanhConductanceSynapse.MECHANISM)
                .set(TanhConductanceSynapse.G_S, 0.002).set(TanhConductanceSynapse.SLOPE, 0.05)
                .set(TanhConductanceSynapse.X_OFFSET, -80.0);
        net.connect(net.cell(1).branch(0).loc(0.0), net.cell(2).branch(1).loc(0.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, 0.01).set(TanhRateSynapse.SLOPE, 0.1);
        return net;
    }

    /**
     * Delays of 40, 7, 1, 0 and 120 steps (two synapses share a delayed pre compartment, so they
     * share a history row; the TanhRate current reads the delayed voltage directly).
     */
    static Network delayedNetwork() {
        Network net = cells();
        var pre = net.cell(0).branch(0).loc(0.0);
        net.connect(pre, net.cell(1).branch(2).loc(1.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.02).setDelay(40);
        net.connect(pre, net.cell(2).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.02).setDelay(7);
        net.connect(net.cell(1).branch(0).loc(0.0), net.cell(2).branch(1).loc(0.0), TestSynapse.MECHANISM)
                .set(TestSynapse.G_C, 0.01).setDelay(1);
        net.connect(net.cell(0).branch(1).loc(1.0), net.cell(2).branch(2).loc(1.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.005);
        net.connect(net.cell(0).branch(2).loc(0.0), net.cell(1).branch(1).loc(0.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, 0.02).set(TanhRateSynapse.SLOPE, 0.05).set(TanhRateSynapse.X_OFFSET, -50.0)
                .setDelay(120);
        return net;
    }

    /** Spike trains onto cells 1 and 2 (one of them delayed by 12 steps) plus cell 0's own spikes. */
    static Network spikeNetwork() {
        Network net = cells();
        net.connectSpikeTrains(List.of(new double[] {1.0, 3.0, 3.5, 6.0}, new double[] {2.0, 2.025, 5.0}),
                net.cell(1, 2).branch(0).loc(0.0), SpikeTrainSynapse.MECHANISM)
                .set(SpikeTrainSynapse.G_S, 0.03).set(SpikeTrainSynapse.TAU, 3.0).set(SpikeTrainSynapse.W, 0.4)
                .edge(1).set(SpikeTrainSynapse.S, 0.1);
        net.connectSpikeTrain(new double[] {0.5, 4.0}, net.cell(2).branch(2).loc(1.0), SpikeTrainSynapse.MECHANISM)
                .set(SpikeTrainSynapse.G_S, 0.02).set(SpikeTrainSynapse.E_SYN, -20.0).setDelay(12);
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(1).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.01).setDelay(3);
        return net;
    }

    static Stream<Case> cases() {
        Function<Network, ParameterLayout> tanh = net -> new ParameterLayout(net)
                .add(net.edges(TanhRateSynapse.MECHANISM).edge(0, 1), TanhRateSynapse.G_S)
                .add(net.edges(TanhRateSynapse.MECHANISM), TanhRateSynapse.X_OFFSET)
                .add(net.edges(TanhRateSynapse.MECHANISM).edge(0), TanhRateSynapse.SLOPE)
                .add(net.edges(TanhConductanceSynapse.MECHANISM), TanhConductanceSynapse.G_S)
                .add(net.edges(TanhConductanceSynapse.MECHANISM), TanhConductanceSynapse.E_SYN)
                .add(net.edges(TanhConductanceSynapse.MECHANISM), TanhConductanceSynapse.X_OFFSET)
                .add(net.edges(TanhConductanceSynapse.MECHANISM), TanhConductanceSynapse.SLOPE)
                .add(net.cell(0), HH.G_K);
        Function<Network, ParameterLayout> delayed = net -> new ParameterLayout(net)
                .add(net.edges(IonotropicSynapse.MECHANISM).edge(0, 1, 2), IonotropicSynapse.G_S)
                .add(net.edges(IonotropicSynapse.MECHANISM).edge(0, 1), IonotropicSynapse.V_TH)
                .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.K_MINUS)
                .add(net.edges(IonotropicSynapse.MECHANISM).edge(0), IonotropicSynapse.S)
                .add(net.edges(TestSynapse.MECHANISM), TestSynapse.G_C)
                .add(net.edges(TanhRateSynapse.MECHANISM), TanhRateSynapse.X_OFFSET)
                .add(net.cell(0), HH.G_NA)
                .add(net.cell(0, 1), CompartmentField.V);
        Function<Network, ParameterLayout> spikes = net -> new ParameterLayout(net)
                .add(net.edges(SpikeTrainSynapse.MECHANISM).edge(0, 1, 2), SpikeTrainSynapse.W)
                .add(net.edges(SpikeTrainSynapse.MECHANISM), SpikeTrainSynapse.TAU)
                .add(net.edges(SpikeTrainSynapse.MECHANISM).edge(0, 2), SpikeTrainSynapse.G_S)
                .add(net.edges(SpikeTrainSynapse.MECHANISM), SpikeTrainSynapse.E_SYN)
                .add(net.edges(SpikeTrainSynapse.MECHANISM).edge(1), SpikeTrainSynapse.S)
                .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.G_S)
                .add(net.cell(1, 2), HH.G_LEAK);
        return Stream.of(
                new Case("tanh synapses gS, x_offset, slope, e_syn", SynapseGradientTest::tanhNetwork, tanh,
                        SlopeMode.ANALYTIC),
                new Case("tanh synapses gS, x_offset, slope, e_syn", SynapseGradientTest::tanhNetwork, tanh,
                        SlopeMode.FORWARD_DIFFERENCE),
                new Case("delayed synapses, pre-cell gNa and initial v", SynapseGradientTest::delayedNetwork, delayed,
                        SlopeMode.ANALYTIC),
                new Case("delayed synapses, pre-cell gNa and initial v", SynapseGradientTest::delayedNetwork, delayed,
                        SlopeMode.FORWARD_DIFFERENCE),
                new Case("spike-train weights w, tau, gS, e_syn, s", SynapseGradientTest::spikeNetwork, spikes,
                        SlopeMode.ANALYTIC),
                new Case("spike-train weights w, tau, gS, e_syn, s", SynapseGradientTest::spikeNetwork, spikes,
                        SlopeMode.FORWARD_DIFFERENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientAgreesWithFiniteDifferences(Case c) {
        Network net = c.model().get();
        Plan plan = net.compile();
        ParameterLayout layout = c.layout().apply(net);
        Protocol protocol = TestModels.protocol().withSlope(c.slope());
        ParameterSets sets = layout.batch(1);
        GradientResult r = FiniteDifferenceGradientTest.gradient(plan, protocol, sets, LOSS);
        double[] theta = sets.row(0);
        for (long seed : new long[] {1, 2}) {
            GradientCheck.Result res = GradientCheck.directional(plan, protocol, layout, theta, r.gradient(0),
                    GradientCheck.randomDirection(theta, seed), LOSS);
            System.out.printf("FD %-60s seed %d %s%n", c, seed, res);
            assertTrue(res.error() <= GradientCheck.TOLERANCE, c + ", seed " + seed + ": " + res);
        }
        for (int i = 0; i < theta.length; i++) {
            GradientCheck.Result res = GradientCheck.directional(plan, protocol, layout, theta, r.gradient(0),
                    GradientCheck.unitDirection(theta, i), LOSS);
            System.out.printf("FD single %-50s %s%n", layout.names().get(i), res);
            assertTrue(res.error() <= GradientCheck.TOLERANCE, c + ", " + layout.names().get(i) + ": " + res);
        }
    }

    /**
     * The delays around a given one: d − 1, d, d + 1 for d = 1 and 40, a delay as long as the run
     * (the synapse only ever sees the initial voltage) and 0, each checked along random directions.
     */
    @ParameterizedTest(name = "delay {0} steps")
    @ValueSource(ints = {0, 1, 2, 39, 40, 41, 399, 400})
    void delaysAndTheirNeighbours(int delay) {
        Network net = cells();
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(2).loc(1.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.02).setDelay(delay);
        net.connect(net.cell(0).branch(2).loc(1.0), net.cell(2).branch(0).loc(0.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, 0.02).set(TanhRateSynapse.SLOPE, 0.05).set(TanhRateSynapse.X_OFFSET, -50.0)
                .setDelay(delay);
        ParameterLayout layout = new ParameterLayout(net)
                .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.G_S)
                .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.V_TH)
                .add(net.edges(TanhRateSynapse.MECHANISM), TanhRateSynapse.X_OFFSET)
                .add(net.cell(0), HH.G_NA)
                .add(net.cell(0), CompartmentField.V);
        Plan plan = net.compile();
        Protocol protocol = TestModels.protocol();
        ParameterSets sets = layout.batch(1);
        GradientResult r = FiniteDifferenceGradientTest.gradient(plan, protocol, sets, LOSS);
        double[] theta = sets.row(0);
        GradientCheck.Result res = GradientCheck.directional(plan, protocol, layout, theta, r.gradient(0),
                GradientCheck.randomDirection(theta, 3), LOSS);
        System.out.printf("FD delay %3d %s%n", delay, res);
        assertTrue(res.error() <= GradientCheck.TOLERANCE, "delay " + delay + ": " + res);
    }

    /** Every checkpoint policy gives the full-storage gradient bit for bit (the history is in the checkpoints). */
    @Test
    void checkpointsCarryTheDelayHistory() {
        for (Supplier<Network> model : List.<Supplier<Network>>of(SynapseGradientTest::delayedNetwork,
                SynapseGradientTest::spikeNetwork)) {
            Network net = model.get();
            Plan plan = net.compile();
            ParameterLayout layout = new ParameterLayout(net)
                    .add(net.cell(0), HH.G_NA)
                    .add(net.cell(0, 1), CompartmentField.V)
                    .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.G_S);
            ParameterSets sets = layout.batch(2);
            sets.set(1, 0, 0.1);
            GradientResult full = run(plan, sets, CheckpointPolicy.full());
            for (CheckpointPolicy p : new CheckpointPolicy[] {CheckpointPolicy.uniform(7), CheckpointPolicy.uniform(20),
                    CheckpointPolicy.levels(10, 5, 8)}) {
                GradientResult r = run(plan, sets, p);
                for (int b = 0; b < 2; b++) {
                    assertEquals(full.loss(b), r.loss(b), 0.0);
                    assertArrayEquals(full.gradient(b), r.gradient(b), 0.0, p + ", set " + b);
                }
            }
        }
    }

    private static GradientResult run(Plan plan, ParameterSets sets, CheckpointPolicy policy) {
        return new CpuGradientEngine(2, policy).valueAndGradient(plan, TestModels.protocol(), new Batch(sets), LOSS);
    }
}
