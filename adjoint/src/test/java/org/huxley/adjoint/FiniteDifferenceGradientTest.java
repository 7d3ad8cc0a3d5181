package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Shared;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adjoint gradient equals central finite differences of the simulated loss (float64, 10 ms
 * spiking runs, random directions d_i = u_i·|θ_i|, error normalised by Σ|g_i·d_i| ≤ 1e−6;
 * adjoint-derivation.md §10.3) for every kind of trainable parameter, on models whose system
 * matrix is not symmetric.
 */
class FiniteDifferenceGradientTest {

    /** One parameter kind: a model, the trainables declared on it, the slope convention. */
    record Case(String name, Supplier<Module> model, Function<Module, ParameterLayout> layout, SlopeMode slope,
            Loss loss) {
        @Override
        public String toString() {
            return name + " (" + slope + ")";
        }
    }

    private static final Loss TO_MINUS_60 = Losses.meanSquaredErrorTo(-60.0, 1);
    private static final Loss STRIDED = Losses.meanSquaredErrorTo(-65.0, 3);

    static Stream<Case> kinds() {
        return Stream.of(
                hh("HH conductances gNa, gK, gLeak", m -> new ParameterLayout(m)
                        .add(m.branch(0, 1, 2, 3, 4), HH.G_NA)
                        .add(m.all(), HH.G_K)
                        .addPerElement(m.branch(3, 4), HH.G_LEAK)),
                hh("HH reversals eNa, eK, eLeak", m -> new ParameterLayout(m)
                        .add(m.branch(0, 1, 2, 3, 4), HH.E_NA)
                        .add(m.all(), HH.E_K)
                        .add(m.branch(0, 2, 4), HH.E_LEAK)),
                hh("capacitance", m -> new ParameterLayout(m).add(m.branch(0, 1, 2, 3, 4),
                        CompartmentField.CAPACITANCE)),
                hh("axial resistivity", m -> new ParameterLayout(m).addPerElement(m.all(),
                        CompartmentField.AXIAL_RESISTIVITY)),
                hh("radius and length (cylinder)", m -> new ParameterLayout(m)
                        .add(m.branch(0, 1, 2, 3, 4), CompartmentField.RADIUS)
                        .addPerElement(m.branch(0, 3), CompartmentField.LENGTH)
                        .add(m.branch(1, 2, 4), CompartmentField.LENGTH)),
                hh("area and resistive loads (no cylinder)", m -> new ParameterLayout(m)
                        .addPerElement(m.all(), CompartmentField.AREA)
                        .addPerElement(m.all(), CompartmentField.RESISTIVE_LOAD_IN)
                        .addPerElement(m.all(), CompartmentField.RESISTIVE_LOAD_OUT)),
                hh("initial v, m, h, n", m -> new ParameterLayout(m)
                        .addPerElement(m.all(), CompartmentField.V)
                        .add(m.branch(0, 1, 2, 3, 4), HH.M)
                        .add(m.all(), HH.H)
                        .addPerElement(m.branch(0, 3), HH.N)),
                hh("all HH-tree kinds at once", FiniteDifferenceGradientTest::everythingOnHhTree),
                pospischil("Pospischil vt, Km taumax, CaT vx", FiniteDifferenceGradientTest::kinetics,
                        SlopeMode.ANALYTIC),
                pospischil("Pospischil vt, Km taumax, CaT vx", FiniteDifferenceGradientTest::kinetics,
                        SlopeMode.FORWARD_DIFFERENCE),
                pospischil("CaT gCaT, eCa", FiniteDifferenceGradientTest::calcium, SlopeMode.ANALYTIC),
                pospischil("CaT gCaT, eCa", FiniteDifferenceGradientTest::calcium, SlopeMode.FORWARD_DIFFERENCE),
                pospischil("Pospischil geometry and initial states", m -> new ParameterLayout(m)
                        .add(m.branch(0, 1, 2), CompartmentField.RADIUS)
                        .add(m.branch(0, 1, 2), CompartmentField.CAPACITANCE)
                        .addPerElement(m.all(), CompartmentField.V)
                        .add(m.branch(0, 1), CaT.U), SlopeMode.FORWARD_DIFFERENCE),
                network("synapse parameters gS, e_syn, k_minus, v_th, delta, gC",
                        FiniteDifferenceGradientTest::synapseParameters),
                new Case("synapse parameters at a steep activation (delta = 2 mV: s_inf rounds to 1, tau to 0)",
                        () -> {
                            Network net = TestModels.hhNetwork();
                            net.edges(IonotropicSynapse.MECHANISM).set(IonotropicSynapse.DELTA, 2.0);
                            return net;
                        }, FiniteDifferenceGradientTest::synapseParameters, SlopeMode.ANALYTIC, TO_MINUS_60),
                network("synapse initial states s, c", m -> {
                    Network net = (Network) m;
                    return new ParameterLayout(m)
                            .add(net.edges(IonotropicSynapse.MECHANISM).edge(0, 1), IonotropicSynapse.S)
                            .add(net.edges(TestSynapse.MECHANISM), TestSynapse.C);
                }),
                network("network cell parameters", m -> new ParameterLayout(m)
                        .add(m.cell(0, 1, 2), HH.G_NA)
                        .add(m.cell(0, 1, 2), CompartmentField.RADIUS)
                        .add(m.cell(1, 2), CompartmentField.V)));
    }

    private static Case hh(String name, Function<Module, ParameterLayout> layout) {
        return new Case(name, TestModels::hhTree, layout, SlopeMode.ANALYTIC, TO_MINUS_60);
    }

    private static Case pospischil(String name, Function<Module, ParameterLayout> layout, SlopeMode slope) {
        return new Case(name, TestModels::pospischilTree, layout, slope, STRIDED);
    }

    private static Case network(String name, Function<Module, ParameterLayout> layout) {
        return new Case(name, TestModels::hhNetwork, layout, SlopeMode.ANALYTIC, TO_MINUS_60);
    }

    private static ParameterLayout synapseParameters(Module m) {
        Network net = (Network) m;
        var iono = net.edges(IonotropicSynapse.MECHANISM);
        return new ParameterLayout(m)
                .add(iono.edge(0, 1), IonotropicSynapse.G_S)
                .add(iono, IonotropicSynapse.E_SYN)
                .add(iono.edge(0, 1), IonotropicSynapse.K_MINUS)
                .add(iono.edge(0, 1), IonotropicSynapse.V_TH)
                .add(iono, IonotropicSynapse.DELTA)
                .add(net.edges(TestSynapse.MECHANISM), TestSynapse.G_C)
                .add(net.cell(0), HH.G_K);
    }

    private static ParameterLayout kinetics(Module m) {
        return new ParameterLayout(m)
                .add(m.branch(0, 1, 2), Shared.V_T)
                .add(m.all(), Km.TAU_MAX)
                .add(m.branch(0, 1), CaT.V_X);
    }

    private static ParameterLayout calcium(Module m) {
        return new ParameterLayout(m)
                .add(m.branch(0, 1), CaT.G_CA_T)
                .addPerElement(m.all(), CaT.E_CA);
    }

    /** Every kind on one tree: radius and length on branches 1 and 2, area and loads on 3 and 4. */
    private static ParameterLayout everythingOnHhTree(Module m) {
        return new ParameterLayout(m)
                .add(m.branch(0, 1, 2, 3, 4), HH.G_NA)
                .add(m.all(), HH.G_K)
                .add(m.branch(0, 3), HH.G_LEAK)
                .add(m.all(), HH.E_NA)
                .add(m.branch(1, 4), HH.E_K)
                .add(m.all(), HH.E_LEAK)
                .add(m.branch(0, 1, 2, 3, 4), CompartmentField.CAPACITANCE)
                .add(m.branch(0, 1, 2, 3, 4), CompartmentField.AXIAL_RESISTIVITY)
                .add(m.branch(1, 2), CompartmentField.RADIUS)
                .add(m.branch(1, 2), CompartmentField.LENGTH)
                .addPerElement(m.branch(3, 4), CompartmentField.AREA)
                .addPerElement(m.branch(0, 3, 4), CompartmentField.RESISTIVE_LOAD_IN)
                .addPerElement(m.branch(0, 3, 4), CompartmentField.RESISTIVE_LOAD_OUT)
                .add(m.branch(0, 1, 2, 3, 4), CompartmentField.V)
                .add(m.branch(0, 4), HH.M)
                .add(m.branch(2), HH.H)
                .add(m.all(), HH.N);
    }

    /** Gradient of set 0 (full storage), after checking that the run spikes and is valid. */
    static GradientResult gradient(Plan plan, Protocol protocol, ParameterSets sets, Loss loss) {
        GradientResult r = new CpuGradientEngine(1, CheckpointPolicy.full()).valueAndGradient(plan, protocol,
                new Batch(sets), loss);
        assertTrue(r.valid(0), "the run must stay finite");
        assertTrue(TestModels.peak(r.recordings(), 0) > 0.0,
                "the 10 ms run must contain a spike, peak " + TestModels.peak(r.recordings(), 0) + " mV");
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void gradientAgreesWithFiniteDifferencesAlongRandomDirections(Case c) {
        for (long seed : new long[] {1, 2}) {
            GradientCheck.Result res = check(c, seed);
            System.out.printf("FD %-60s seed %d %s%n", c, seed, res);
            assertTrue(res.error() <= GradientCheck.TOLERANCE, c + ", seed " + seed + ": " + res);
        }
    }

    /**
     * The check itself: gradient at the layout's initial values (full storage), then finite
     * differences along the random direction of the given seed.
     */
    static GradientCheck.Result check(Case c, long seed) {
        Module m = c.model().get();
        Plan plan = m.compile();
        ParameterLayout layout = c.layout().apply(m);
        Protocol protocol = TestModels.protocol().withSlope(c.slope());
        ParameterSets sets = layout.batch(1);
        GradientResult r = gradient(plan, protocol, sets, c.loss());
        assertEquals(GradientCheck.losses(plan, protocol, sets, c.loss())[0], r.loss(0), 0.0,
                "the gradient engine's loss is the forward engine's loss, bit for bit");
        double[] theta = sets.row(0);
        double[] d = GradientCheck.randomDirection(theta, seed);
        return GradientCheck.directional(plan, protocol, layout, theta, r.gradient(0), d, c.loss());
    }

    /** Single parameters: one geometry entry, one capacitance, one synaptic threshold. */
    @Test
    void singleElementsAgreeWithFiniteDifferences() {
        Module tree = TestModels.hhTree();
        ParameterLayout layout = new ParameterLayout(tree)
                .add(tree.branch(3), CompartmentField.RADIUS)
                .add(tree.branch(1), CompartmentField.CAPACITANCE)
                .add(tree.branch(4).comp(1), HH.G_NA);
        checkEachElement(tree, layout, TO_MINUS_60);

        Network net = TestModels.hhNetwork();
        ParameterLayout synapses = new ParameterLayout(net)
                .add(net.edges(IonotropicSynapse.MECHANISM).edge(1), IonotropicSynapse.V_TH)
                .add(net.edges(TestSynapse.MECHANISM), TestSynapse.G_C);
        checkEachElement(net, synapses, TO_MINUS_60);
    }

    private static void checkEachElement(Module m, ParameterLayout layout, Loss loss) {
        Plan plan = m.compile();
        Protocol protocol = TestModels.protocol();
        ParameterSets sets = layout.batch(1);
        double[] theta = sets.row(0);
        double[] g = gradient(plan, protocol, sets, loss).gradient(0);
        for (int i = 0; i < theta.length; i++) {
            double[] d = GradientCheck.unitDirection(theta, i);
            GradientCheck.Result res = GradientCheck.directional(plan, protocol, layout, theta, g, d, loss);
            System.out.printf("FD single %-50s %s%n", layout.names().get(i), res);
            assertTrue(res.error() <= GradientCheck.TOLERANCE, layout.names().get(i) + ": " + res);
        }
    }
}
