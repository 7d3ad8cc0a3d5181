package org.huxley.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core], bad input): selections and modifications that address nothing valid fail
 * with a {@link ModelException} naming what was asked for and where.
 */
class BadSelectionTest {
    static void assertContains(Exception e, String... facts) {
        for (String f : facts) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void locOutsideZeroToOneIsRejectedNamingTheValue() {
        Branch b = Branch.of(4);
        assertContains(assertThrows(ModelException.class, () -> b.loc(1.5)), "loc(1.5)", "[0, 1]");
        assertContains(assertThrows(ModelException.class, () -> b.loc(-0.1)), "loc(-0.1)");
        assertContains(assertThrows(ModelException.class, () -> b.loc(Double.NaN)), "loc(NaN)");
    }

    @Test
    void outOfRangeBranchIndexIsRejectedNamingIndexAndRange() {
        Cell c = Cell.binaryTree(3, 2);
        assertContains(assertThrows(ModelException.class, () -> c.branch(3)), "branch index 3", "0..2");
        assertContains(assertThrows(ModelException.class, () -> c.branch(-1)), "branch index -1");
    }

    @Test
    void outOfRangeIndexInsideASelectionNamesTheSelection() {
        Network net = Network.of(2, 3, 2);
        assertContains(assertThrows(ModelException.class, () -> net.cell(2)), "cell index 2", "0..1");
        assertContains(assertThrows(ModelException.class, () -> net.cell(1).branch(1).comp(2)),
                "comp index 2", "0..1", "cell(1).branch(1)");
    }

    @Test
    void emptyIndexListIsRejected() {
        Cell c = Cell.binaryTree(3, 2);
        assertContains(assertThrows(ModelException.class, () -> c.branch()), "branch()");
    }

    @Test
    void unknownGroupIsRejectedNamingItAndTheKnownGroups() {
        Cell c = Cell.binaryTree(3, 2);
        c.branch(0).addToGroup("soma");
        assertContains(assertThrows(ModelException.class, () -> c.group("apical")), "'apical'", "soma");
    }

    @Test
    void groupWithNoMemberInTheSelectionIsRejected() {
        Cell c = Cell.binaryTree(3, 2);
        c.branch(0).addToGroup("soma");
        assertContains(assertThrows(ModelException.class, () -> c.branch(2).group("soma")), "'soma'",
                "branch(2)");
    }

    @Test
    void settingAParameterWhereItsMechanismIsNotInsertedIsRejectedNamingParameterAndSite() {
        Branch b = Branch.of(2);
        b.comp(0).insert(HH.MECHANISM);
        ModelException e = assertThrows(ModelException.class, () -> b.comp(1).set(HH.G_NA, 0.1));
        assertContains(e, "HH.gNa", "cell 0 branch 0 comp 1", "insert");
        // Where it is inserted the same call works, and a selection covering both sets the inserted one.
        b.comp(0).set(HH.G_NA, 0.1);
        b.all().set(HH.G_NA, 0.2);
        assertTrue(b.comp(0).get(HH.G_NA)[0] == 0.2);
        assertTrue(Double.isNaN(b.comp(1).get(HH.G_NA)[0]));
    }

    @Test
    void aMechanismParameterOutsideItsRangeIsRejectedNamingValueAndRange() {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        assertContains(assertThrows(ModelException.class, () -> c.set(HH.G_NA, -0.12)), "HH.gNa", "-0.12",
                "valid range");
    }

    @Test
    void aSynapseParameterOutsideItsRangeIsRejectedNamingTheSynapses() {
        Network net = Network.of(2, 1, 1);
        EdgeView edges = net.connect(net.cell(0), net.cell(1), IonotropicSynapse.MECHANISM);
        assertContains(assertThrows(ModelException.class, () -> edges.set(IonotropicSynapse.G_S, -1e-4)),
                "IonotropicSynapse.gS", "-1.0E-4", "synapses [0]", "valid range");
        assertContains(assertThrows(ModelException.class, () -> edges.edge(1)), "edge index 1", "0..0");
    }

    @Test
    void recordingAStateOrCurrentWhereTheMechanismIsNotInsertedIsRejectedNamingTheSite() {
        Branch b = Branch.of(2);
        b.comp(0).insert(HH.MECHANISM);
        assertContains(assertThrows(ModelException.class, () -> b.comp(1).record(HH.M)), "HH.m",
                "cell 0 branch 0 comp 1");
        assertContains(assertThrows(ModelException.class, () -> b.comp(1).record(HH.MECHANISM.current())),
                "i_HH", "cell 0 branch 0 comp 1");
        assertContains(assertThrows(ModelException.class, () -> b.record(Leak.MECHANISM.current())), "i_Leak");
    }

    @Test
    void recordingAParameterOrGeometryIsRejected() {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        assertContains(assertThrows(ModelException.class, () -> c.record(HH.G_NA)), "HH.gNa");
        assertContains(assertThrows(ModelException.class, () -> c.record(CompartmentField.RADIUS)), "radius");
    }

    @Test
    void insertingASynapseOrConnectingAChannelIsRejected() {
        Network net = new Network(List.of(Cell.binaryTree(1, 1), Cell.binaryTree(1, 1)));
        assertContains(assertThrows(ModelException.class, () -> net.insert(IonotropicSynapse.MECHANISM)),
                "IonotropicSynapse", "synapse");
        assertContains(assertThrows(ModelException.class,
                () -> net.connect(net.cell(0), net.cell(1), HH.MECHANISM)), "HH", "channel");
    }

    @Test
    void connectingSelectionsOfDifferentSizesIsRejectedNamingBothSizes() {
        Network net = Network.of(2, 3, 2);
        assertContains(assertThrows(ModelException.class,
                () -> net.connect(net.cell(0).branch(0), net.cell(1).branch(0).comp(0), IonotropicSynapse.MECHANISM)),
                "pre selects 2", "post 1");
    }
}
