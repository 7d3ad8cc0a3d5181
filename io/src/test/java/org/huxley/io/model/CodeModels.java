package org.huxley.io.model;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.efun;
import static org.huxley.expr.Exprs.log;
import static org.huxley.expr.Exprs.max;
import static org.huxley.expr.Exprs.min;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.pow;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sqrt;
import static org.huxley.expr.Exprs.sub;
import static org.huxley.expr.Exprs.tanh;

import java.util.List;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.pospischil.Shared;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.SpikeTrainSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Network;
import org.huxley.stim.Stimuli;

/** Models built in code for the round-trip tests: each exercises a different part of the format. */
final class CodeModels {
    static final double DT = 0.025;
    static final double T_MAX = 12.0;

    private CodeModels() {
    }

    static Protocol protocol() {
        return Protocol.defaults().withDt(DT).withTMax(T_MAX);
    }

    static double[] step(double amplitudeNa) {
        return Stimuli.stepCurrent(1.0, 5.0, amplitudeNa, DT, T_MAX);
    }

    /** One HH compartment with a step current; records v, a gate and the HH current. */
    static HuxleyModel hhCompartment() {
        Compartment c = new Compartment();
        c.set(CompartmentField.LENGTH, 20.0);
        c.set(CompartmentField.RADIUS, 5.0);
        c.insert(HH.MECHANISM);
        c.set(HH.G_NA, 0.15);
        c.initStates();
        c.stimulate(step(0.5));
        c.record();
        c.record(HH.M);
        c.record(HH.MECHANISM.current());
        return new HuxleyModel("hh-compartment", c, protocol(), Precision.FLOAT64, "cpu", 7, List.of(),
                "one HH compartment");
    }

    /** A 5-branch binary tree with per-branch gNa and radius, groups, Pospischil K on the tips, a non-uniform branch, trainables. */
    static HuxleyModel binaryTree() {
        Cell cell = Cell.binaryTree(5, 3);
        cell.branch(0).addToGroup("trunk");
        cell.branch(3, 4).addToGroup("tips");
        cell.insert(HH.MECHANISM);
        cell.group("tips").insert(K.MECHANISM);
        cell.group("tips").set(Shared.E_K, -85.0);
        for (int b = 0; b < 5; b++) {
            cell.branch(b).set(HH.G_NA, 0.1 + 0.01 * b);
            cell.branch(b).set(CompartmentField.RADIUS, 1.0 + 0.1 * b);
        }
        cell.branch(1).comp(2).set(CompartmentField.LENGTH, 15.0);
        cell.branch(2).set(CompartmentField.AXIAL_RESISTIVITY, 1000.0);
        cell.initStates();
        cell.branch(0).loc(0.0).stimulate(step(1.0));
        cell.branch(0).comp(0).record();
        cell.branch(3).loc(1.0).record();
        cell.group("tips").branch(0).record(K.MECHANISM.current());
        List<Trainable> trainables = List.of(
                new Trainable(new Selector(null, null, List.of(0, 1), null, null), null, "HH.gNa", Double.NaN, 0.05,
                        0.3, true, false),
                new Trainable(Selector.group("tips"), null, "radius", 1.2, 0.5, 3.0, false, false),
                new Trainable(new Selector(null, "trunk", null, null, null), null, "HH.gK", Double.NaN, Double.NaN,
                        Double.NaN, false, true));
        return new HuxleyModel("binary-tree", cell, protocol(), Precision.FLOAT64, "auto", 1, trainables, "");
    }

    /** A user synapse driven by the presynaptic voltage through tanh (exercises synapse expressions). */
    static Mechanism userSynapse() {
        MechanismBuilder b = Mechanism.synapse("SoftSyn");
        Param g = b.param("g", "uS", 0.02, 0.0, 10.0);
        Param e = b.param("e", "mV", 0.0, -100.0, 100.0);
        StateVar s = b.state("s", "1", 0.0, 0.0, 1.0);
        Expr drive = mul(c(0.5), add(c(1.0), tanh(div(sub(b.vPre(), c(-20.0)), c(5.0)))));
        b.gateInfTau(s, drive, c(2.0));
        return b.current("i_SoftSyn", mul(g.expr(), s.expr(), sub(b.v(), e.expr()))).build();
    }

    /** Three HH cells wired by edges of three types (interleaved), a spike train, delays and per-edge values. */
    static HuxleyModel network() {
        Network net = Network.of(3, 3, 2);
        net.insert(HH.MECHANISM);
        net.fullyConnect(net.cell(0), net.cell(1, 2), IonotropicSynapse.MECHANISM);
        net.sparseConnect(net.cell(1, 2), net.cell(0), TestSynapse.MECHANISM, 0.9, 3, true);
        Mechanism soft = userSynapse();
        net.connect(net.cell(1).branch(2).comp(1), net.cell(2).branch(0).comp(0), soft);
        net.connect(net.cell(2).branch(1).comp(0), net.cell(0).branch(2).comp(1), IonotropicSynapse.MECHANISM);
        net.connectSpikeTrain(new double[] {1.0, 4.0, 4.5}, net.cell(2).branch(1).comp(1), SpikeTrainSynapse.MECHANISM);
        net.edges(IonotropicSynapse.MECHANISM).set(IonotropicSynapse.G_S, 0.02);
        net.edges(IonotropicSynapse.MECHANISM).edge(1).set(IonotropicSynapse.G_S, 0.05);
        net.edges(IonotropicSynapse.MECHANISM).edge(2).setDelay(3);
        net.edges(SpikeTrainSynapse.MECHANISM).set(SpikeTrainSynapse.G_S, 0.01);
        net.cell(1).set(HH.G_K, 0.04);
        net.initStates();
        net.cell(0).branch(0).comp(0).stimulate(step(1.0));
        for (int i = 0; i < 3; i++) {
            net.cell(i).branch(0).comp(0).record();
        }
        net.edges(IonotropicSynapse.MECHANISM).record(IonotropicSynapse.S);
        net.edges(soft).record(soft.current());
        net.edges(SpikeTrainSynapse.MECHANISM).record(SpikeTrainSynapse.MECHANISM.current());
        List<Trainable> trainables = List.of(new Trainable(null, new EdgeSelector("IonotropicSynapse", List.of(0, 2)),
                "IonotropicSynapse.gS", Double.NaN, 0.001, 0.1, false, false));
        return new HuxleyModel("small-network", net, protocol(), Precision.FLOAT64, "cpu", 5, trainables, "");
    }

    /** A channel written by the user: α/β gate with efun and saveExp; a second one with dx/dt, min, max, sqrt, log and a shared eK. */
    static Mechanism userKdr() {
        MechanismBuilder b = Mechanism.channel("Kdr2");
        Param g = b.param("gK", "S/cm^2", 0.036, 0.0, 10.0);
        Param e = b.param("eK", "mV", -77.0, -200.0, 200.0);
        StateVar n = b.state("n", "1", 0.3, 0.0, 1.0);
        Expr v = b.v();
        Expr alpha = mul(c(0.1), efun(div(neg(add(v, c(55.0))), c(10.0))));
        Expr beta = mul(c(0.125), saveExp(div(neg(add(v, c(65.0))), c(80.0))));
        b.gateAlphaBeta(n, alpha, beta);
        return b.current("i_Kdr2", mul(g.expr(), pow(n.expr(), 4), sub(v, e.expr()))).build();
    }

    static Mechanism userOdd() {
        MechanismBuilder b = Mechanism.channel("Odd");
        Param g = b.param("g", "S/cm^2", 2e-4, 0.0, 1.0);
        Param ek = b.use(Shared.E_K);
        StateVar x = b.state("x", "1", 0.1, -10.0, 10.0);
        Expr v = b.v();
        b.derivative(x, sub(div(tanh(div(add(v, c(60.0)), c(7.0))), c(3.0)), div(x.expr(), c(4.0))));
        Expr gate = add(c(1.0), mul(c(0.1), min(max(x.expr(), c(0.0)), sqrt(add(c(1.0), pow(x.expr(), 2))))));
        Expr scale = log(add(c(2.0), pow(x.expr(), -2)));
        return b.current("i_Odd", mul(g.expr(), gate, scale, sub(v, ek.expr()))).build();
    }

    /** A branch of four compartments with Pospischil Na and Leak and the two user channels. */
    static HuxleyModel userChannel() {
        Branch br = Branch.of(4);
        br.set(CompartmentField.RADIUS, 3.0);
        br.insert(Na.MECHANISM);
        br.insert(userKdr());
        br.insert(Leak.MECHANISM);
        br.comp(2, 3).insert(userOdd());
        br.comp(3).set(Shared.E_K, -80.0);
        br.initStates();
        br.comp(0).stimulate(step(0.4));
        br.comp(3).clamp(Stimuli.stepCurrent(2.0, 3.0, -50.0, DT, T_MAX, -65.0));
        br.comp(0).record();
        br.comp(1).record();
        br.comp(2).record(userOdd().state("x"));
        return new HuxleyModel("user-channel", br, protocol(), Precision.FLOAT64, "cpu", 0, List.of(), "");
    }
}
