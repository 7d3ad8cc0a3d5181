package org.huxley.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.huxley.ModelException;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core], bad input): a parent list that is not a tree over the cell's branches fails
 * with a {@link ModelException} naming the offending entry or the roots, and printing the list.
 */
class ParentListTest {
    static List<Branch> branches(int n) {
        return Collections.nCopies(n, Branch.of(2));
    }

    static ModelException reject(int n, int[] parents) {
        return assertThrows(ModelException.class, () -> new Cell(branches(n), parents));
    }

    static void assertContains(Exception e, String... facts) {
        for (String f : facts) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void aValidTreeIsAccepted() {
        assertDoesNotThrow(() -> new Cell(branches(5), new int[] {-1, 0, 0, 1, 1}));
        // Parents need not precede children in the list.
        assertDoesNotThrow(() -> new Cell(branches(3), new int[] {2, -1, 1}));
    }

    @Test
    void twoRootsAreRejectedNamingBoth() {
        assertContains(reject(3, new int[] {-1, 0, -1}), "one root", "found 2", "[0, 2]", "[-1, 0, -1]");
    }

    @Test
    void noRootIsRejected() {
        assertContains(reject(2, new int[] {1, 0}), "one root", "found 0");
    }

    @Test
    void aCycleIsRejectedNamingABranchOnIt() {
        // 0 is the root, but 1 → 2 → 1 never reaches it.
        assertContains(reject(3, new int[] {-1, 2, 1}), "not a tree", "branch 1", "[-1, 2, 1]");
    }

    @Test
    void aBranchThatIsItsOwnParentIsRejected() {
        assertContains(reject(2, new int[] {-1, 1}), "parents[1] = 1", "its own parent");
    }

    @Test
    void anOutOfRangeParentIsRejectedNamingEntryAndRange() {
        assertContains(reject(3, new int[] {-1, 0, 3}), "parents[2] = 3", "0..2");
        assertContains(reject(3, new int[] {-1, -2, 0}), "parents[1] = -2");
    }

    @Test
    void aParentListOfTheWrongLengthIsRejectedNamingBothCounts() {
        assertContains(reject(3, new int[] {-1, 0}), "2 entries", "3 branches");
        assertContains(reject(2, new int[] {-1, 0, 0}), "3 entries", "2 branches");
    }

    @Test
    void aMissingParentListIsRejected() {
        assertContains(reject(2, null), "parent list");
    }

    @Test
    void theCellKeepsItsOwnCopyOfTheParentList() {
        int[] parents = {-1, 0, 0};
        Cell c = new Cell(branches(3), parents);
        parents[1] = 1; // now invalid, but the cell must not see it
        assertTrue(c.parents(0)[1] == 0);
    }
}
