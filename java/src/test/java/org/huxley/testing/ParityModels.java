package org.huxley.testing;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.efun;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.pow;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sqrt;
import static org.huxley.expr.Exprs.sub;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;
import org.huxley.testing.JaxleyReference;
import org.huxley.testing.NeutralCase;

/**
 * The models on which every engine built from the kernels must equal {@link org.huxley.engine.CpuEngine}:
 * the Jaxley parity models, the five gradient references, tree252 with random per-branch gNa, a
 * network with both synapse types and parameters of every kind (geometry, channel, synapse, initial
 * state), per-set stimuli, clamps with the forward-difference slope and a recording stride, and
 * user-defined channels (one diverging set included).
 */
public final class ParityModels {
    public static final double DT = 0.025;
    public static final double[] STEP = Stimuli.stepCurrent(0.5, 1.0, 0.02, DT, 5.0);

    private ParityModels() {
    }

    /** One model run: plan, protocol and batch. */
    public record Case(String name, Plan plan, Protocol protocol, Batch batch) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Case single(String name, Module m, Protocol p) {
        return new Case(name, m.compile(), p, new Batch(ParameterSets.none(m)));
    }

    /** The models of JaxleyParityTest (same construction). */
    public static List<Case> jaxleyParity() {
        List<Case> out = new ArrayList<>();
        List<Supplier<Module>> kinds = List.of(Compartment::new, () -> Branch.of(1),
                () -> new Cell(List.of(Branch.of(1)), new int[] {-1}),
                () -> new Network(List.of(new Cell(List.of(Branch.of(1)), new int[] {-1}))));
        String[] kindNames = {"Compartment", "Branch", "Cell", "Network"};
        for (int i = 0; i < kinds.size(); i++) {
            Module m = kinds.get(i).get();
            m.insert(HH.MECHANISM);
            m.record();
            m.stimulate(STEP);
            out.add(single("test_compartment as a " + kindNames[i], m, Protocol.defaults()));
        }
        Branch b = Branch.of(2);
        b.insert(HH.MECHANISM);
        b.loc(0.0).stimulate(STEP);
        b.loc(0.0).record();
        out.add(single("test_branch", b, Protocol.defaults()));
        Cell cell = Cell.binaryTree(3, 2);
        cell.insert(HH.MECHANISM);
        cell.branch(1).loc(0.0).stimulate(STEP);
        cell.branch(1).loc(0.0).record();
        out.add(single("test_cell", cell, Protocol.defaults()));
        Branch u = Branch.of(8);
        u.set(CompartmentField.AXIAL_RESISTIVITY, 500.0);
        for (int k = 0; k < 8; k++) {
            u.comp(k).set(CompartmentField.LENGTH, 20 + k * (280.0 / 7));
            u.comp(k).set(CompartmentField.RADIUS, 1 + k * (4.0 / 7));
        }
        u.insert(HH.MECHANISM);
        u.loc(1.0).stimulate(Stimuli.stepCurrent(0.5, 1.0, 2.0, DT, 10.0));
        u.loc(0.0).record();
        out.add(single("test_branch_uneven_radiuses_bwd_euler", u, Protocol.defaults()));
        Network net = Network.of(2, 3, 2);
        net.insert(HH.MECHANISM);
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.5 / (1e5 / (2 * Math.PI * 10.0)));
        for (int c = 0; c < 2; c++) {
            net.cell(c).branch(1).loc(0.0).stimulate(STEP);
            net.cell(c).branch(1).loc(0.0).record();
        }
        out.add(single("test_net", net, Protocol.defaults()));
        JaxleyReference ref = JaxleyReference.load("test_radius_and_length_cell");
        Cell rc = Cell.binaryTree(3, 2);
        applyGeometry(rc, ref.json().get("derived_geometry"), 0);
        rc.insert(HH.MECHANISM);
        rc.branch(1).loc(0.0).stimulate(STEP);
        rc.branch(1).loc(0.0).record();
        out.add(single("test_radius_and_length_cell", rc, Protocol.defaults()));
        var geo = JaxleyReference.load("test_radius_and_length_branch").json().get("derived_geometry");
        Branch rb = Branch.of(2);
        for (int k = 0; k < 2; k++) {
            rb.comp(k).set(CompartmentField.LENGTH, geo.get("length_um").get(k).doubleValue());
            rb.comp(k).set(CompartmentField.RADIUS, geo.get("radius_um").get(k).doubleValue());
        }
        rb.insert(HH.MECHANISM);
        rb.loc(0.0).stimulate(STEP);
        rb.loc(0.0).record();
        out.add(single("test_radius_and_length_branch", rb, Protocol.defaults()));
        var ngeo = JaxleyReference.load("test_radius_and_length_net").json().get("derived_geometry");
        Network rn = Network.of(2, 3, 2);
        applyGeometry(rn, ngeo.get("cell0"), 0);
        applyGeometry(rn, ngeo.get("cell1"), 1);
        rn.insert(HH.MECHANISM);
        double postArea = rn.cell(1).branch(0).comp(0).get(CompartmentField.AREA)[0];
        rn.connect(rn.cell(0).branch(0).loc(0.0), rn.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.5 / (1e5 / postArea));
        for (int c = 0; c < 2; c++) {
            rn.cell(c).branch(1).loc(0.0).stimulate(STEP);
            rn.cell(c).branch(1).loc(0.0).record();
        }
        out.add(single("test_radius_and_length_net", rn, Protocol.defaults()));
        return out;
    }

    private static void applyGeometry(Module m, tools.jackson.databind.JsonNode geo, int cell) {
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < 2; k++) {
                var view = m.cell(cell).branch(b).comp(k);
                view.set(CompartmentField.LENGTH, geo.get("length_um_per_branch").get(b).get(k).doubleValue());
                view.set(CompartmentField.RADIUS, geo.get("radius_um_per_branch").get(b).get(k).doubleValue());
            }
        }
    }

    /** The five gradient reference models (references/gradients), analytic slope. */
    public static List<Case> gradientReferences() {
        List<Case> out = new ArrayList<>();
        for (String name : NeutralCase.all()) {
            NeutralCase nc = NeutralCase.load(name);
            out.add(single("gradients " + name, nc.model(),
                    Protocol.defaults().withDt(nc.dtMs()).withSteps(nc.steps())));
        }
        return out;
    }

    /**
     * tree252 (performance-targets.md): Cell.binaryTree(63, 4), HH, 0.5 nA into branch 0 comp 0,
     * one gNa per branch, 0.12·U(0.8, 1.2) per set.
     */
    public static Case tree252(int sets, double tMaxMs, long seed) {
        Cell cell = Cell.binaryTree(63, 4);
        cell.insert(HH.MECHANISM);
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(1.0, tMaxMs, 0.5, DT, tMaxMs));
        cell.branch(0).comp(0).record();
        cell.branch(62).comp(3).record();
        int[] all = new int[63];
        for (int i = 0; i < 63; i++) {
            all[i] = i;
        }
        ParameterLayout layout = new ParameterLayout(cell).add(cell.branch(all), HH.G_NA);
        ParameterSets ps = layout.batch(sets);
        Random rnd = new Random(seed);
        for (int b = 0; b < sets; b++) {
            for (int p = 0; p < layout.size(); p++) {
                ps.set(b, p, 0.12 * (0.8 + 0.4 * rnd.nextDouble()));
            }
        }
        return new Case("tree252 B=" + sets, cell.compile(), Protocol.defaults().withTMax(tMaxMs), new Batch(ps));
    }

    /**
     * ca1: the bundled CA1 morphology (620 compartments at 4 per branch), HH, 1 nA into branch 0
     * compartment 0 from 1 ms, gNa per branch 0.12 × U(0.8, 1.2) per set.
     */
    public static Case ca1(int sets, double tMaxMs, long seed) {
        Cell cell = org.huxley.bench.StandardWorkloads.ca1Cell(4);
        cell.insert(HH.MECHANISM);
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(1.0, tMaxMs, 1.0, DT, tMaxMs));
        cell.branch(0).comp(0).record();
        cell.branch(cell.nbranches() - 1).loc(1.0).record();
        int[] all = new int[cell.nbranches()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        ParameterLayout layout = new ParameterLayout(cell).add(cell.branch(all), HH.G_NA);
        ParameterSets ps = layout.batch(sets);
        Random rnd = new Random(seed);
        for (int b = 0; b < sets; b++) {
            for (int p = 0; p < layout.size(); p++) {
                ps.set(b, p, 0.12 * (0.8 + 0.4 * rnd.nextDouble()));
            }
        }
        return new Case("ca1 B=" + sets, cell.compile(), Protocol.defaults().withTMax(tMaxMs), new Batch(ps));
    }

    /**
     * hh1 (performance-targets.md): one compartment, 0.02 nA from 10 ms for 80 ms, gNa ∈ U(.08, .16),
     * gK ∈ U(.02, .05).
     */
    public static Case hh1(int sets, double tMaxMs, long seed) {
        Compartment comp = new Compartment();
        comp.insert(HH.MECHANISM);
        comp.stimulate(Stimuli.stepCurrent(10.0, 80.0, 0.02, DT, tMaxMs));
        comp.record();
        ParameterLayout layout = new ParameterLayout(comp).add(comp.all(), HH.G_NA).add(comp.all(), HH.G_K);
        ParameterSets ps = layout.batch(sets);
        Random rnd = new Random(seed);
        for (int b = 0; b < sets; b++) {
            ps.set(b, 0, 0.08 + 0.08 * rnd.nextDouble());
            ps.set(b, 1, 0.02 + 0.03 * rnd.nextDouble());
        }
        return new Case("hh1 B=" + sets, comp.compile(), Protocol.defaults().withTMax(tMaxMs), new Batch(ps));
    }

    /**
     * Three 3-branch cells connected by IonotropicSynapse and TestSynapse edges, every recording
     * kind, and per-set parameters of every kind: channel (gNa per cell), geometry (a radius),
     * synapse (gS of one edge, gC), initial state (HH m of one compartment).
     */
    public static Case network(int sets, long seed) {
        Network net = Network.of(3, 3, 2);
        net.insert(HH.MECHANISM);
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 3e-4);
        net.connect(net.cell(1).branch(2).loc(1.0), net.cell(2).branch(0).loc(0.0), TestSynapse.MECHANISM)
                .set(TestSynapse.G_C, 4e-4);
        net.connect(net.cell(2).branch(1).loc(0.5), net.cell(0).branch(1).loc(1.0), IonotropicSynapse.MECHANISM);
        net.cell(0).branch(1).loc(0.0).stimulate(Stimuli.stepCurrent(0.5, 3.0, 0.05, DT, 15.0));
        net.cell(0).branch(0).comp(0).record();
        net.cell(1).branch(0).comp(0).record();
        net.cell(2).branch(0).comp(1).record();
        net.cell(1).branch(1).comp(1).record(HH.M);
        net.cell(2).branch(2).comp(0).record(HH.MECHANISM.current());
        net.edges(IonotropicSynapse.MECHANISM).record(IonotropicSynapse.MECHANISM.current());
        net.edges(IonotropicSynapse.MECHANISM).record(IonotropicSynapse.S);
        net.edges(TestSynapse.MECHANISM).record(TestSynapse.C);
        ParameterLayout layout = new ParameterLayout(net)
                .add(net.cell(0, 1, 2), HH.G_NA)
                .add(net.cell(2).branch(0), CompartmentField.RADIUS)
                .add(net.edges(IonotropicSynapse.MECHANISM).edge(0), IonotropicSynapse.G_S)
                .add(net.edges(TestSynapse.MECHANISM), TestSynapse.G_C)
                .add(net.cell(1).branch(1).comp(0), HH.M);
        ParameterSets ps = layout.batch(sets);
        Random rnd = new Random(seed);
        for (int b = 0; b < sets; b++) {
            for (int p = 0; p < 3; p++) {
                ps.set(b, p, 0.12 * (0.8 + 0.4 * rnd.nextDouble()));
            }
            ps.set(b, 3, 0.7 + 0.6 * rnd.nextDouble());
            ps.set(b, 4, 1e-4 + 5e-4 * rnd.nextDouble());
            ps.set(b, 5, 1e-4 + 5e-4 * rnd.nextDouble());
            ps.set(b, 6, 0.05 + 0.3 * rnd.nextDouble());
        }
        return new Case("network B=" + sets, net.compile(), Protocol.defaults(), new Batch(ps));
    }

    /** A branch with per-set stimulus waveforms. */
    public static Case stimulusOverrides(int sets) {
        Branch b = Branch.of(3);
        b.insert(HH.MECHANISM);
        b.comp(0).stimulate(Stimuli.stepCurrent(0.5, 2.0, 0.02, DT, 8.0));
        b.comp(2).record();
        ParameterSets ps = new ParameterLayout(b).batch(sets);
        Batch batch = new Batch(ps);
        double[][] waves = new double[sets][];
        for (int s = 0; s < sets; s++) {
            waves[s] = Stimuli.stepCurrent(0.5 + 0.3 * s, 2.0, 0.01 + 0.01 * s, DT, 8.0);
        }
        batch.stimulus(0, waves);
        return new Case("per-set stimuli B=" + sets, b.compile(), Protocol.defaults(), batch);
    }

    /** A branch with a clamp, Jaxley's forward-difference slope and recording stride 3. */
    public static Case clampForwardDifference() {
        Branch b = Branch.of(4);
        b.insert(HH.MECHANISM);
        double[] clamp = new double[400];
        for (int i = 0; i < clamp.length; i++) {
            clamp[i] = i < 100 ? -70.0 : -20.0;
        }
        b.comp(3).clamp(clamp);
        b.comp(0).stimulate(Stimuli.stepCurrent(0.5, 2.0, 0.02, DT, 10.0));
        b.comp(0).record();
        b.comp(1).record();
        b.comp(3).record();
        b.comp(1).record(HH.H);
        return single("clamp, FD slope, stride 3", b,
                Protocol.defaults().withSteps(399).withRecordEvery(3).withSlope(SlopeMode.FORWARD_DIFFERENCE));
    }

    // ---- user-defined channels (run-time compiled sources) ----

    public static final MechanismBuilder SLOWK_B = Mechanism.channel("SlowK");
    public static final Param SLOWK_G = SLOWK_B.param("gK", "S/cm^2", 0.004, 0.0, 10.0);
    public static final StateVar SLOWK_N = SLOWK_B.state("n", 0.1);
    /** The [core] test channel (UserDefinedChannelTest): efun/saveExp α–β gate, n⁴ current plus a leak. */
    public static final Mechanism SLOW_K;

    static {
        Expr v = SLOWK_B.v();
        SLOWK_B.gateAlphaBeta(SLOWK_N, mul(c(0.18), efun(div(neg(add(v, c(30.0))), c(9.0)))),
                mul(c(0.3), saveExp(div(neg(add(v, c(60.0))), c(25.0)))));
        SLOW_K = SLOWK_B.current("i_SlowK", add(mul(SLOWK_G.expr(), pow(SLOWK_N.expr(), 4), sub(v, c(-85.0))),
                mul(c(3e-4), sub(v, c(-65.0))))).build();
    }

    /** The user channel on a two-compartment branch with uneven geometry, two sets of gK. */
    public static Case userChannel() {
        Branch br = Branch.of(2);
        br.insert(SLOW_K);
        br.set(CompartmentField.AXIAL_RESISTIVITY, 300.0);
        br.comp(1).set(CompartmentField.RADIUS, 0.6);
        br.comp(1).set(CompartmentField.LENGTH, 14.0);
        br.loc(0.0).stimulate(Stimuli.stepCurrent(1.0, 4.0, 0.004, DT, 10.0));
        br.comp(0).record();
        br.comp(1).record();
        br.comp(1).record(SLOWK_N);
        ParameterLayout layout = new ParameterLayout(br).add(br.comp(0, 1), SLOWK_G);
        ParameterSets ps = layout.batch(2);
        ps.set(1, 0, 0.009).set(1, 1, 0.002);
        return new Case("user channel SlowK", br.compile(), Protocol.defaults(), new Batch(ps));
    }

    public static final MechanismBuilder FRAGILE_B = Mechanism.channel("Fragile");
    public static final Param FRAGILE_G = FRAGILE_B.param("g", "S/cm^2", 1e-4, 0.0, 1.0);
    public static final Param FRAGILE_VMAX = FRAGILE_B.param("vmax", "mV", 150.0, -200.0, 200.0);
    /** NaN above vmax (sqrt of a negative number): a set with a low vmax diverges. */
    public static final Mechanism FRAGILE = FRAGILE_B.current("i_Fragile",
            add(mul(FRAGILE_G.expr(), add(FRAGILE_B.v(), c(70.0))),
                    mul(c(1e-6), sqrt(sub(FRAGILE_VMAX.expr(), FRAGILE_B.v()))))).build();

    /** Two sets of the fragile channel; set 1 (vmax = −40 mV) diverges. */
    public static Case diverging() {
        Compartment comp = new Compartment();
        comp.insert(FRAGILE);
        comp.stimulate(Stimuli.stepCurrent(0.5, 5.0, 0.01, DT, 10.0));
        comp.record();
        ParameterLayout layout = new ParameterLayout(comp).add(comp.all(), FRAGILE_VMAX);
        ParameterSets ps = layout.batch(2);
        ps.set(1, 0, -40.0);
        return new Case("user channel, diverging set", comp.compile(), Protocol.defaults(), new Batch(ps));
    }

    /** Every case that the CI host tests run (small batches, short runs). */
    public static List<Case> ciCases() {
        List<Case> out = new ArrayList<>(jaxleyParity());
        out.addAll(gradientReferences());
        out.add(tree252(3, 20.0, 252));
        out.add(hh1(5, 100.0, 1));
        out.add(network(4, 7));
        out.add(stimulusOverrides(3));
        out.add(clampForwardDifference());
        out.add(userChannel());
        out.add(diverging());
        return out;
    }
}
