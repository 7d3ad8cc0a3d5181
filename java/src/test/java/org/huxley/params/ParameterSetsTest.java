package org.huxley.params;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.sqrt;
import static org.huxley.expr.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.SimulationDivergedException;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.pospischil.Shared;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.Branch;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Network;
import org.huxley.model.Site;
import org.huxley.stim.Stimuli;
import org.junit.jupiter.api.Test;

/**
 * Parameter sets (reference-numerics §10): a layout with parameters at every sharing level, their
 * initial values (NaN-ignoring group means), and the requirement that one run of B sets equals B
 * separate runs of models modified with set(...), including geometry parameters (radius recomputes
 * area and loads), per-set stimuli, and the flagging of a set that diverges.
 */
class ParameterSetsTest {
    static final double TRACE_TOL = 1e-12;
    static final double[] STEP = Stimuli.stepCurrent(0.5, 2.0, 0.03, 0.025, 6.0);
    static final Protocol PROTOCOL = Protocol.defaults();

    // ---- a two-cell network with parameters at every level ----

    /** Two 3-branch cells with HH, Leak on cell 0 branch 0 only, two Ionotropic synapses, one stimulus. */
    static Network network() {
        Network net = Network.of(2, 3, 2);
        net.insert(HH.MECHANISM);
        net.cell(0).branch(0).insert(Leak.MECHANISM);
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 3e-4);
        net.connect(net.cell(1).branch(2).loc(1.0), net.cell(0).branch(1).loc(1.0), IonotropicSynapse.MECHANISM);
        net.cell(0).branch(1).loc(0.0).stimulate(STEP);
        net.cell(0).branch(0).comp(0).record();
        net.cell(1).branch(1).comp(0).record();
        net.cell(0).branch(2).comp(1).record();
        net.cell(1).branch(0).comp(1).record(HH.N);
        net.edges(IonotropicSynapse.MECHANISM).record(IonotropicSynapse.MECHANISM.current());
        return net;
    }

    /** Values that differ from the defaults, so that group means are not trivial. */
    static void customise(Network net) {
        net.cell(1).set(HH.G_NA, 0.2);
        net.cell(0).branch(1).set(HH.G_K, 0.05);
        net.cell(1).branch(2).comp(1).set(HH.G_LEAK, 5e-4);
        net.edges(IonotropicSynapse.MECHANISM).edge(1).set(IonotropicSynapse.G_S, 2e-4);
        net.cell(0).branch(0).comp(0).set(Leak.G_LEAK, 2e-4);
        net.cell(0).branch(0).comp(1).set(Leak.G_LEAK, 4e-4);
    }

    static ParameterLayout layout(Network net) {
        return new ParameterLayout(net)
                .add(net.all(), HH.G_NA) // 0: one shared value
                .add(net.cell(0, 1), HH.G_K) // 1, 2: one per cell
                .add(net.cell(1).branch(0, 2), HH.G_LEAK) // 3, 4: one per branch
                .add(net.cell(0).branch(2).comp(0, 1), HH.E_LEAK) // 5, 6: one per compartment
                .add(net.edges(IonotropicSynapse.MECHANISM).edge(1), IonotropicSynapse.G_S) // 7: one edge
                .add(net.all(), Leak.G_LEAK); // 8: shared over the compartments that have Leak
    }

    /** The same values written with set(...), one call per parameter group. */
    static void applyBySet(Network net, double[] th) {
        net.all().set(HH.G_NA, th[0]);
        net.cell(0).set(HH.G_K, th[1]);
        net.cell(1).set(HH.G_K, th[2]);
        net.cell(1).branch(0).set(HH.G_LEAK, th[3]);
        net.cell(1).branch(2).set(HH.G_LEAK, th[4]);
        net.cell(0).branch(2).comp(0).set(HH.E_LEAK, th[5]);
        net.cell(0).branch(2).comp(1).set(HH.E_LEAK, th[6]);
        net.edges(IonotropicSynapse.MECHANISM).edge(1).set(IonotropicSynapse.G_S, th[7]);
        net.all().set(Leak.G_LEAK, th[8]);
    }

    @Test
    void layoutHasOneParameterPerGroupOfEachSharingLevel() {
        Network net = network();
        ParameterLayout l = layout(net);
        assertEquals(9, l.size());
        List<String> names = l.names();
        assertEquals(9, names.stream().distinct().count(), "names are unique: " + names);
        String[][] expectedFacts = {
            {"HH.gNa"}, {"HH.gK", "cell 0"}, {"HH.gK", "cell 1"}, {"HH.gLeak", "cell 1 branch 0"},
            {"HH.gLeak", "cell 1 branch 2"}, {"HH.eLeak", "cell 0 branch 2 comp 0"},
            {"HH.eLeak", "cell 0 branch 2 comp 1"}, {"IonotropicSynapse.gS", "1"}, {"Leak.gLeak"}};
        for (int p = 0; p < 9; p++) {
            for (String f : expectedFacts[p]) {
                assertTrue(names.get(p).contains(f), "name " + p + " '" + names.get(p) + "' lacks '" + f + "'");
            }
        }
        assertEquals(12, l.parameters().get(0).sites().size());
        assertEquals(6, l.parameters().get(2).sites().size());
        assertEquals(List.of(new Site(1, 2, 0), new Site(1, 2, 1)), l.parameters().get(4).sites());
        assertEquals(List.of(1), l.parameters().get(7).edges());
        assertEquals(2, l.parameters().get(8).sites().size(), "only where Leak is inserted");
        assertEquals(List.of(0, 1, 1, 2, 2, 3, 3, 4, 5),
                java.util.stream.IntStream.range(0, 9).map(l::entryOf).boxed().toList());
    }

    @Test
    void initialValuesAreTheNanIgnoringMeansOfTheGroupMembers() {
        Network net = network();
        customise(net);
        double[] init = layout(net).initialValues();
        double[] expected = {
            (6 * 0.12 + 6 * 0.2) / 12, // gNa over both cells
            (4 * 0.036 + 2 * 0.05) / 6, // gK of cell 0 (branch 1 changed)
            0.036, // gK of cell 1
            3e-4, // gLeak of cell 1 branch 0
            (3e-4 + 5e-4) / 2, // gLeak of cell 1 branch 2
            -54.3, -54.3, // eLeak per compartment
            2e-4, // gS of edge 1
            (2e-4 + 4e-4) / 2}; // Leak.gLeak: mean over the 2 compartments that have it, not the 12
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], init[p], 1e-15 * Math.abs(expected[p]), "initial value of parameter " + p);
        }
        ParameterSets sets = layout(net).batch(2);
        assertArrayEquals(init, sets.row(0), 0.0);
        assertArrayEquals(init, sets.row(1), 0.0);
    }

    @Test
    void threeSetsInOneRunEqualThreeRunsOfModelsModifiedWithSet() {
        Network net = network();
        customise(net);
        ParameterLayout layout = layout(net);
        ParameterSets sets = layout.batch(3);
        // Set 0 keeps the initial values (the group means, which differ from the model's own values).
        double[][] values = {sets.row(0),
            {0.1, 0.03, 0.045, 2e-4, 6e-4, -60.0, -50.0, 5e-4, 1e-4},
            {0.15, 0.04, 0.02, 4e-4, 1e-4, -50.0, -65.0, 1e-5, 7e-4}};
        for (int b = 1; b < 3; b++) {
            for (int p = 0; p < layout.size(); p++) {
                sets.set(b, p, values[b][p]);
            }
        }
        Recordings batched = new CpuEngine().run(net.compile(), PROTOCOL, new Batch(sets));
        assertEquals(3, batched.numSets());

        for (int b = 0; b < 3; b++) {
            Network separate = network();
            customise(separate);
            applyBySet(separate, values[b]);
            Recordings single = new CpuEngine().run(separate.compile(), PROTOCOL);
            assertSameTraces(single, 0, batched, b);
        }
        // Non-vacuous: the sets really produce different voltages.
        assertTrue(maxDiff(batched.trace(0, 1), batched.trace(1, 1)) > 1.0);
        assertTrue(maxDiff(batched.trace(1, 1), batched.trace(2, 1)) > 1.0);
    }

    @Test
    void laterLayoutEntriesOverrideEarlierOnes() {
        Network net = network();
        ParameterLayout l = new ParameterLayout(net).add(net.all(), HH.G_K).add(net.cell(1), HH.G_K);
        ParameterSets sets = l.batch(1).set(0, 0, 0.02).set(0, 1, 0.05);
        Recordings batched = new CpuEngine().run(net.compile(), PROTOCOL, new Batch(sets));
        Network separate = network();
        separate.cell(0).set(HH.G_K, 0.02);
        separate.cell(1).set(HH.G_K, 0.05);
        assertSameTraces(new CpuEngine().run(separate.compile(), PROTOCOL), 0, batched, 0);
    }

    @Test
    void initialStateParametersEqualSettingTheInitialStates() {
        Network net = network();
        ParameterLayout l = new ParameterLayout(net)
                .add(net.cell(1).branch(0).comp(0, 1), CompartmentField.V)
                .add(net.all(), HH.M);
        ParameterSets sets = l.batch(2);
        sets.set(0, 0, -60.0).set(0, 1, -50.0).set(0, 2, 0.05);
        sets.set(1, 0, -75.0).set(1, 1, -40.0).set(1, 2, 0.4);
        Recordings batched = new CpuEngine().run(net.compile(), PROTOCOL, new Batch(sets));
        for (int b = 0; b < 2; b++) {
            Network separate = network();
            separate.cell(1).branch(0).comp(0).set(CompartmentField.V, sets.get(b, 0));
            separate.cell(1).branch(0).comp(1).set(CompartmentField.V, sets.get(b, 1));
            separate.set(HH.M, sets.get(b, 2));
            assertSameTraces(new CpuEngine().run(separate.compile(), PROTOCOL), 0, batched, b);
        }
        assertTrue(maxDiff(batched.trace(0, 3), batched.trace(1, 3)) > 1e-3, "initial states must matter");
    }

    @Test
    void aParameterSharedByTwoMechanismsReachesBoth() {
        // eK is one value per compartment for both the Pospischil K and Km channels.
        java.util.function.Supplier<Branch> factory = () -> {
            Branch b = Branch.of(2);
            b.insert(Na.MECHANISM);
            b.insert(K.MECHANISM);
            b.insert(Km.MECHANISM);
            b.set(Km.G_KM, 0.02); // make Km's share of i_K visible
            b.loc(0.0).stimulate(STEP);
            b.comp(1).record();
            b.comp(1).record(K.MECHANISM.current()); // i_K = K + Km
            return b;
        };
        Branch model = factory.get();
        ParameterSets sets = new ParameterLayout(model).add(model.all(), Shared.E_K).batch(2);
        sets.set(0, 0, -70.0).set(1, 0, -100.0);
        Recordings batched = new CpuEngine().run(model.compile(), PROTOCOL, new Batch(sets));
        for (int b = 0; b < 2; b++) {
            Branch separate = factory.get();
            separate.set(Shared.E_K, sets.get(b, 0));
            assertSameTraces(new CpuEngine().run(separate.compile(), PROTOCOL), 0, batched, b);
        }
        // Independent check of the sharing at t = 0: i_K = (gK·n⁴ + gKm·p)·(v − eK) with n = p = 0.2, v = −70.
        for (int b = 0; b < 2; b++) {
            double expected = (5e-3 * Math.pow(0.2, 4) + 0.02 * 0.2) * (-70.0 - sets.get(b, 0));
            assertEquals(expected, batched.get(b, 1, 0), 1e-15, "i_K at t = 0 of set " + b);
        }
    }

    // ---- geometry parameters ----

    static Branch branch() {
        Branch b = Branch.of(3);
        b.insert(HH.MECHANISM);
        b.set(CompartmentField.AXIAL_RESISTIVITY, 800.0);
        b.loc(0.0).stimulate(STEP);
        b.comp(0).record();
        b.comp(1).record();
        b.comp(2).record();
        return b;
    }

    @Test
    void radiusAndLengthParametersRecomputeAreaAndLoadsLikeSetDoes() {
        double[] radius = {1.0, 2.5, 0.4};
        double[] length = {10.0, 10.0, 23.0};
        Branch model = branch();
        ParameterLayout layout = new ParameterLayout(model)
                .add(model.comp(1), CompartmentField.RADIUS)
                .add(model.comp(1), CompartmentField.LENGTH);
        ParameterSets sets = layout.batch(3);
        for (int b = 0; b < 3; b++) {
            sets.set(b, 0, radius[b]).set(b, 1, length[b]);
        }
        Recordings batched = new CpuEngine().run(model.compile(), PROTOCOL, new Batch(sets));
        for (int b = 0; b < 3; b++) {
            // (i) the same change made with set(...)
            Branch bySet = branch();
            bySet.comp(1).set(CompartmentField.RADIUS, radius[b]);
            bySet.comp(1).set(CompartmentField.LENGTH, length[b]);
            assertSameTraces(new CpuEngine().run(bySet.compile(), PROTOCOL), 0, batched, b);
            // (ii) cylinder values computed here: area 2πrl, volume πr²l, both loads (l/2)/(πr²)
            Branch measured = branch();
            double r = radius[b];
            double l = length[b];
            double load = (l / 2) / (Math.PI * r * r);
            measured.compartment(new Site(0, 0, 1))
                    .setMeasuredGeometry(l, r, 2 * Math.PI * r * l, Math.PI * r * r * l, load, load);
            assertSameTraces(new CpuEngine().run(measured.compile(), PROTOCOL), 0, batched, b);
        }
        assertTrue(maxDiff(batched.trace(0, 2), batched.trace(1, 2)) > 1e-2, "radius must matter");
        assertTrue(maxDiff(batched.trace(0, 2), batched.trace(2, 2)) > 1e-2, "radius must matter");
    }

    @Test
    void aRadiusParameterDoesNotChangeTheModelItself() {
        Branch model = branch();
        ParameterSets sets = new ParameterLayout(model).add(model.comp(1), CompartmentField.RADIUS).batch(1);
        sets.set(0, 0, 3.0);
        new CpuEngine().run(model.compile(), PROTOCOL, new Batch(sets));
        assertEquals(1.0, model.comp(1).get(CompartmentField.RADIUS)[0], 0.0);
        assertEquals(2 * Math.PI * 10.0, model.comp(1).get(CompartmentField.AREA)[0], 1e-12);
    }

    // ---- per-set stimuli ----

    @Test
    void perSetStimulusOverridesEqualSeparateRunsWithThoseStimuli() {
        double[][] waves = {
            Stimuli.stepCurrent(0.5, 2.0, 0.01, 0.025, 6.0),
            Stimuli.stepCurrent(1.0, 1.0, 0.05, 0.025, 6.0),
            Stimuli.stepCurrent(0.0, 3.0, -0.02, 0.025, 6.0)};
        double[] gNa = {0.12, 0.08, 0.15};
        Branch model = branch();
        model.comp(2).stimulate(Stimuli.stepCurrent(2.0, 1.0, 0.02, 0.025, 6.0)); // stimulus 1, not overridden
        ParameterSets sets = new ParameterLayout(model).add(model.all(), HH.G_NA).batch(3);
        for (int b = 0; b < 3; b++) {
            sets.set(b, 0, gNa[b]);
        }
        Batch batch = new Batch(sets).stimulus(0, waves);
        Recordings batched = new CpuEngine().run(model.compile(), PROTOCOL, batch);
        for (int b = 0; b < 3; b++) {
            Branch separate = Branch.of(3);
            separate.insert(HH.MECHANISM);
            separate.set(CompartmentField.AXIAL_RESISTIVITY, 800.0);
            separate.set(HH.G_NA, gNa[b]);
            separate.loc(0.0).stimulate(waves[b]);
            separate.comp(2).stimulate(Stimuli.stepCurrent(2.0, 1.0, 0.02, 0.025, 6.0));
            separate.comp(0).record();
            separate.comp(1).record();
            separate.comp(2).record();
            assertSameTraces(new CpuEngine().run(separate.compile(), PROTOCOL), 0, batched, b);
        }
    }

    // ---- divergence ----

    /**
     * A test channel whose current is NaN above {@code vmax}: I = g·(v + 70) + 1e-6·sqrt(vmax − v)
     * (mA/cm²). Depolarised by the stimulus, a set with vmax = −40 mV goes non-finite and the
     * others do not. (The built-in channels cannot diverge with finite inputs: HH's current is linear
     * in v with a non-negative slope, so each backward-Euler step is a bounded weighted mean; and
     * even regenerative polynomial currents contract under the linearised implicit step, which
     * behaves like a Newton step.)
     */
    static final MechanismBuilder FRAGILE_B = Mechanism.channel("Fragile");
    static final Param FRAGILE_G = FRAGILE_B.param("g", "S/cm^2", 1e-4, 0.0, 1.0);
    static final Param FRAGILE_VMAX = FRAGILE_B.param("vmax", "mV", 150.0, -200.0, 200.0);
    static final Mechanism FRAGILE = FRAGILE_B.current("i_Fragile",
            add(mul(FRAGILE_G.expr(), add(FRAGILE_B.v(), c(70.0))),
                    mul(c(1e-6), sqrt(sub(FRAGILE_VMAX.expr(), FRAGILE_B.v()))))).build();

    static Compartment fragile() {
        Compartment comp = new Compartment();
        comp.insert(FRAGILE);
        comp.stimulate(Stimuli.stepCurrent(0.5, 5.0, 0.01, 0.025, 10.0));
        comp.record();
        return comp;
    }

    @Test
    void aDivergingSetIsFlaggedWhileTheOthersStayFinite() {
        Compartment model = fragile();
        ParameterSets sets = new ParameterLayout(model).add(model.all(), FRAGILE_VMAX).batch(3);
        sets.set(0, 0, 150.0).set(1, 0, -40.0).set(2, 0, 120.0);
        Recordings rec = new CpuEngine().run(model.compile(), PROTOCOL, new Batch(sets));

        assertEquals(List.of(1), rec.divergedSets());
        assertFalse(rec.diverged(0));
        assertTrue(rec.diverged(1));
        assertFalse(rec.diverged(2));
        assertEquals(-1, rec.divergedAtStep(0));
        for (int b : new int[] {0, 2}) {
            for (double x : rec.trace(b, 0)) {
                assertTrue(Double.isFinite(x), "set " + b + " should stay finite");
            }
        }
        int d = rec.divergedAtStep(1);
        assertTrue(d > 0 && d < rec.numSamples(), "diverged at step " + d);
        double[] v1 = rec.trace(1, 0);
        for (int k = 0; k < v1.length; k++) {
            assertEquals(k >= d, Double.isNaN(v1[k]), "set 1 sample " + k + " (diverged after step " + d + ")");
        }
        SimulationDivergedException e = assertThrows(SimulationDivergedException.class, rec::requireFinite);
        assertTrue(e.getMessage().contains("set 1 at step " + d), e.getMessage());
        assertTrue(e.getMessage().contains("1 of 3"), e.getMessage());
        assertFalse(e.getMessage().contains("set 0") || e.getMessage().contains("set 2"), e.getMessage());
    }

    @Test
    void divergenceIsFlaggedWithARecordingStrideToo() {
        Compartment model = fragile();
        ParameterSets sets = new ParameterLayout(model).add(model.all(), FRAGILE_VMAX).batch(2);
        sets.set(0, 0, -40.0).set(1, 0, 150.0);
        int stride = 7;
        Recordings rec = new CpuEngine().run(model.compile(), PROTOCOL.withRecordEvery(stride), new Batch(sets));
        assertEquals(List.of(0), rec.divergedSets());
        int d = rec.divergedAtStep(0);
        double[] v = rec.trace(0, 0);
        for (int k = 0; k < v.length; k++) {
            assertEquals(k * stride >= d, Double.isNaN(v[k]), "sample " + k + " (t step " + k * stride + ")");
        }
    }

    @Test
    void requireFiniteReturnsTheRecordingsWhenNothingDiverged() {
        Compartment model = fragile();
        Recordings rec = new CpuEngine().run(model.compile(), PROTOCOL);
        assertSame(rec, rec.requireFinite());
    }

    // ---- helpers ----

    static void assertSameTraces(Recordings expected, int expectedSet, Recordings actual, int actualSet) {
        assertEquals(expected.numRecordings(), actual.numRecordings());
        assertEquals(expected.labels(), actual.labels());
        for (int r = 0; r < expected.numRecordings(); r++) {
            assertArrayEquals(expected.trace(expectedSet, r), actual.trace(actualSet, r), TRACE_TOL,
                    "set " + actualSet + ", " + expected.labels().get(r));
        }
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
