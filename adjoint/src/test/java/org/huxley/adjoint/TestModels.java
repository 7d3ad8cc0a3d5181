package org.huxley.adjoint;

import org.huxley.engine.Protocol;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.model.EdgeView;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.stim.Stimuli;

/**
 * Small spiking models for gradient tests. Every branch has its own radius, length and
 * capacitance, so neighbouring compartments differ in c·A and the implicit system matrix M is not
 * symmetric (adjoint-derivation §4): solving M instead of Mᵀ then gives a visibly wrong gradient.
 */
final class TestModels {
    static final double DT = 0.025;
    /** 10 ms. */
    static final int STEPS = 400;

    private static final double[] RADIUS = {1.0, 0.6, 0.8, 0.35, 0.5};
    private static final double[] LENGTH = {10.0, 15.0, 8.0, 12.0, 20.0};
    private static final double[] CAPACITANCE = {1.0, 0.8, 1.3, 1.1, 0.9};
    private static final double[] RESISTIVITY = {5000.0, 4000.0, 6000.0, 5000.0, 3000.0};

    private TestModels() {
    }

    static Protocol protocol() {
        return Protocol.defaults().withDt(DT).withSteps(STEPS);
    }

    /** A 1 nA, 2 ms pulse from 1 ms: one or more spikes in 10 ms. */
    static double[] pulse(double amplitudeNa) {
        return Stimuli.stepCurrent(1.0, 2.0, amplitudeNa, DT, 10.0);
    }

    /** Gives each of the first {@code n} branches of a cell its own geometry and capacitance. */
    static void unequal(Module m, int cell, int nbranches) {
        for (int b = 0; b < nbranches; b++) {
            var branch = m.cell(cell).branch(b);
            branch.set(CompartmentField.LENGTH, LENGTH[(b + cell) % 5]);
            branch.set(CompartmentField.RADIUS, RADIUS[(b + cell) % 5]);
            branch.set(CompartmentField.CAPACITANCE, CAPACITANCE[(b + 2 * cell) % 5]);
            branch.set(CompartmentField.AXIAL_RESISTIVITY, RESISTIVITY[(b + cell) % 5]);
        }
    }

    /**
     * HH on a 5-branch binary tree with 2 compartments per branch (10 compartments, 2 branch
     * points), stimulated at the root; records the root and two leaves.
     */
    static Cell hhTree() {
        Cell cell = Cell.binaryTree(5, 2);
        unequal(cell, 0, 5);
        cell.insert(HH.MECHANISM);
        cell.branch(0).loc(0.0).stimulate(pulse(1.0));
        cell.branch(0).loc(0.0).record();
        cell.branch(3).loc(1.0).record();
        cell.branch(4).loc(0.0).record();
        return cell;
    }

    /**
     * Pospischil Na, K, Km, Leak everywhere and CaT on branches 0 and 1 of a 3-branch tree, gates
     * at steady state; records the root and both leaves.
     */
    static Cell pospischilTree() {
        Cell cell = Cell.binaryTree(3, 2);
        unequal(cell, 0, 3);
        cell.insert(Na.MECHANISM);
        cell.insert(K.MECHANISM);
        cell.insert(Km.MECHANISM);
        cell.insert(Leak.MECHANISM);
        cell.branch(0, 1).insert(CaT.MECHANISM);
        cell.set(Km.G_KM, 1e-3);
        cell.set(Km.TAU_MAX, 200.0);
        cell.branch(0, 1).set(CaT.G_CA_T, 3e-3);
        cell.set(CompartmentField.V, -70.0);
        cell.initStates();
        cell.branch(0).loc(0.0).stimulate(pulse(1.0));
        cell.branch(0).loc(0.0).record();
        cell.branch(1).loc(1.0).record();
        cell.branch(2).loc(1.0).record();
        return cell;
    }

    /**
     * Three HH cells (3-branch trees): cell 0 is stimulated and drives cells 1 and 2 through two
     * ionotropic synapses; cell 1 drives cell 2 through a TestSynapse.
     */
    static Network hhNetwork() {
        Network net = Network.of(3, 3, 2);
        for (int c = 0; c < 3; c++) {
            unequal(net, c, 3);
        }
        net.insert(HH.MECHANISM);
        net.cell(0).branch(0).loc(0.0).stimulate(pulse(1.0));
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(2).loc(1.0), IonotropicSynapse.MECHANISM);
        net.connect(net.cell(0).branch(2).loc(1.0), net.cell(2).branch(0).loc(0.0), IonotropicSynapse.MECHANISM);
        EdgeView iono = net.edges(IonotropicSynapse.MECHANISM);
        iono.set(IonotropicSynapse.G_S, 0.02);
        net.connect(net.cell(1).branch(0).loc(0.0), net.cell(2).branch(1).loc(0.0), TestSynapse.MECHANISM)
                .set(TestSynapse.G_C, 0.01);
        net.cell(0).branch(0).loc(0.0).record();
        net.cell(1).branch(2).loc(1.0).record();
        net.cell(2).branch(0).loc(1.0).record();
        net.cell(2).branch(1).loc(0.0).record();
        return net;
    }

    /** The largest recorded voltage of a run (a spike overshoots 0 mV). */
    static double peak(org.huxley.engine.Recordings rec, int set) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rec.numRecordings(); r++) {
            for (double x : rec.trace(set, r)) {
                max = Math.max(max, x);
            }
        }
        return max;
    }
}
