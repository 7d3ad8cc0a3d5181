package org.huxley.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Selections (reference-numerics §2, §10): the loc rule, cell/branch/comp chaining with indices
 * local to the selection, named groups and selection inside a group, and the sharing level a
 * selection carries into a parameter layout.
 */
class SelectionTest {
    static Site s(int cell, int branch, int comp) {
        return new Site(cell, branch, comp);
    }

    @Test
    void locPicksFloorOfXTimesNcompWithBoundariesGoingProximal() {
        Branch b = Branch.of(4);
        assertEquals(List.of(s(0, 0, 0)), b.loc(0.0).sites());
        assertEquals(List.of(s(0, 0, 0)), b.loc(0.25).sites(), "interior boundary goes to the proximal compartment");
        assertEquals(List.of(s(0, 0, 1)), b.loc(0.26).sites());
        assertEquals(List.of(s(0, 0, 1)), b.loc(0.5).sites());
        assertEquals(List.of(s(0, 0, 2)), b.loc(0.75).sites());
        assertEquals(List.of(s(0, 0, 3)), b.loc(0.9).sites());
        assertEquals(List.of(s(0, 0, 3)), b.loc(1.0).sites(), "loc 1 is the last compartment");
    }

    @Test
    void locAppliesPerSelectedBranchWithEachBranchsOwnCompartmentCount() {
        Cell c = new Cell(List.of(Branch.of(2), Branch.of(3), Branch.of(5)), new int[] {-1, 0, 0});
        // x = 0.5: ⌊0.5·2/(1+1e-10)⌋ = 0, ⌊1.5/(1+1e-10)⌋ = 1, ⌊2.5/(1+1e-10)⌋ = 2
        assertEquals(List.of(s(0, 0, 0), s(0, 1, 1), s(0, 2, 2)), c.loc(0.5).sites());
        assertEquals(List.of(s(0, 0, 1), s(0, 1, 2), s(0, 2, 4)), c.loc(1.0).sites());
        assertEquals(List.of(s(0, 2, 4)), c.branch(2).loc(1.0).sites());
    }

    @Test
    void cellBranchCompChainOnANetwork() {
        Network net = Network.of(3, 3, 2);
        assertEquals(18, net.all().size());
        assertEquals(List.of(s(2, 1, 1)), net.cell(2).branch(1).comp(1).sites());
        assertEquals(List.of(s(0, 2, 0), s(0, 2, 1), s(1, 2, 0), s(1, 2, 1)), net.cell(0, 1).branch(2).sites());
        // comp(0) on a multi-branch selection: the first compartment of every selected branch.
        assertEquals(List.of(s(1, 0, 0), s(1, 1, 0), s(1, 2, 0)), net.cell(1).comp(0).sites());
        assertEquals(List.of(s(1, 1, 0), s(1, 1, 1), s(1, 2, 0), s(1, 2, 1)), net.cell(1).branch(1, 2).sites());
        // Selecting branches before cells gives the same compartments.
        assertEquals(net.cell(2).branch(0).sites(), net.branch(0).cell(2).sites());
    }

    @Test
    void indicesAreLocalToTheSelection() {
        Network net = Network.of(2, 5, 2);
        // Within cell 1, branches 3 and 4 are selected; branch(1) of that selection is branch 4.
        assertEquals(List.of(s(1, 4, 0), s(1, 4, 1)), net.cell(1).branch(3, 4).branch(1).sites());
    }

    @Test
    void groupSelectsItsMembersAndBranchZeroOfAGroupIsItsFirstBranch() {
        Cell cell = Cell.binaryTree(5, 2);
        cell.branch(2, 4).addToGroup("soma");
        cell.branch(1).comp(1).addToGroup("dend");
        assertEquals(List.of(s(0, 2, 0), s(0, 2, 1), s(0, 4, 0), s(0, 4, 1)), cell.group("soma").sites());
        assertEquals(List.of(s(0, 2, 0), s(0, 2, 1)), cell.group("soma").branch(0).sites());
        assertEquals(List.of(s(0, 4, 1)), cell.group("soma").branch(1).comp(1).sites());
        assertEquals(List.of(s(0, 1, 1)), cell.group("dend").sites());
        assertEquals(List.of(s(0, 4, 0), s(0, 4, 1)), cell.branch(4).group("soma").sites());
    }

    @Test
    void groupsOfCellsCarryOverIntoANetworkPerCell() {
        Cell cell = Cell.binaryTree(3, 2);
        cell.branch(1, 2).addToGroup("soma");
        Network net = new Network(List.of(cell, cell));
        assertEquals(List.of(s(0, 1, 0), s(0, 1, 1), s(1, 1, 0), s(1, 1, 1)), net.group("soma").branch(0).sites());
        assertEquals(List.of(s(1, 2, 0), s(1, 2, 1)), net.cell(1).group("soma").branch(1).sites());
    }

    @Test
    void addingToAGroupAgainExtendsIt() {
        Branch b = Branch.of(4);
        b.comp(3).addToGroup("tip");
        b.comp(0).addToGroup("tip");
        assertEquals(List.of(s(0, 0, 0), s(0, 0, 3)), b.group("tip").sites(), "members in model order");
    }

    @Test
    void sharingIsTheLastSelectionLevel() {
        Network net = Network.of(2, 3, 2);
        net.cell(0).branch(0).addToGroup("soma");
        assertEquals(View.Sharing.SHARED, net.all().sharing());
        assertEquals(View.Sharing.PER_CELL, net.cell(0, 1).sharing());
        assertEquals(View.Sharing.PER_BRANCH, net.cell(0).branch(1).sharing());
        assertEquals(View.Sharing.PER_COMP, net.cell(0).branch(1).comp(0).sharing());
        assertEquals(View.Sharing.PER_CELL, net.branch(1).cell(0).sharing());
        assertEquals(View.Sharing.PER_COMP, net.cell(1).loc(0.5).sharing());
        assertEquals(View.Sharing.SHARED, net.group("soma").sharing());
        assertEquals(View.Sharing.PER_BRANCH, net.group("soma").branch(0).sharing());
        assertEquals(View.Sharing.SHARED, net.cell(0).group("soma").sharing());
    }
}
