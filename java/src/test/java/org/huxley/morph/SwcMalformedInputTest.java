package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.ModelException;
import org.junit.jupiter.api.Test;

/** Every kind of malformed SWC text is rejected with a message naming the file, the line and the problem. */
class SwcMalformedInputTest {
    private static final SwcOptions OPTIONS = SwcOptions.ncomp(1);

    /** Reads {@code text} as file {@code name}; asserts it fails at {@code line} with a message containing {@code problem}. */
    private static SwcFormatException rejects(String name, String text, int line, String problem) {
        SwcFormatException e = assertThrows(SwcFormatException.class, () -> Morphologies.readText(name, text, OPTIONS));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(name + ":" + line + ": "), "message should start with file:line: but was: " + msg);
        assertTrue(msg.contains(problem), "message should name the problem '" + problem + "' but was: " + msg);
        assertEquals(line, e.line());
        assertEquals(name, e.source());
        return e;
    }

    @Test
    void missingParent() {
        rejects("missing_parent.swc", """
                # a comment
                1 1 0 0 0 1 -1
                2 3 1 0 0 1 1
                3 3 2 0 0 1 7
                """, 4, "missing parent: point 3 names parent 7");
    }

    @Test
    void cycle() {
        rejects("cycle.swc", """
                1 1 0 0 0 1 -1
                2 3 1 0 0 1 4
                3 3 2 0 0 1 2
                4 3 3 0 0 1 3
                """, 2, "cycle: following parents from point 2 never reaches a root (2 -> 4 -> 3 -> 2)");
    }

    @Test
    void pointThatIsItsOwnParent() {
        rejects("self_parent.swc", """
                1 1 0 0 0 1 -1
                2 3 1 0 0 1 2
                """, 2, "cycle: point 2 is its own parent");
    }

    @Test
    void nonNumericField() {
        rejects("non_numeric.swc", """
                1 1 0 0 0 1 -1
                2 3 1 abc 0 1 1
                """, 2, "column 4 (y) is not a number: 'abc'");
    }

    @Test
    void notANumberIsNotANumber() {
        rejects("nan.swc", """
                1 1 0 0 0 1 -1
                2 3 1 0 0 NaN 1
                """, 2, "column 6 (radius) is not a number: 'NaN'");
    }

    @Test
    void nonIntegerIndex() {
        rejects("fractional_index.swc", """
                1 1 0 0 0 1 -1
                2.5 3 1 0 0 1 1
                """, 2, "column 1 (index) must be an integer");
    }

    @Test
    void negativeRadius() {
        rejects("negative_radius.swc", """
                1 1 0 0 0 1 -1

                2 3 1 0 0 -0.5 1
                """, 3, "negative radius -0.5 µm at point 2");
    }

    @Test
    void duplicateIndex() {
        rejects("duplicate.swc", """
                1 1 0 0 0 1 -1
                2 3 1 0 0 1 1
                2 3 2 0 0 1 1
                """, 3, "duplicate point index 2 (already defined on line 2)");
    }

    @Test
    void wrongColumnCount() {
        rejects("columns.swc", """
                1 1 0 0 0 1 -1
                2 3 1 0 0 1
                """, 2, "expected 7 columns (index type x y z radius parent), found 6");
    }

    @Test
    void tooManyColumns() {
        rejects("columns8.swc", """
                1 1 0 0 0 1 -1 9
                """, 1, "expected 7 columns (index type x y z radius parent), found 8");
    }

    @Test
    void multipleRootsAreRejectedUnlessAllowed() {
        String text = """
                1 3 0 0 0 1 -1
                2 3 1 0 0 1 1
                3 3 5 0 0 1 -1
                4 3 6 0 0 1 3
                5 3 7 0 0 1 4
                """;
        rejects("forest.swc", text, 3, "multiple roots: point 3 is a second root");
        SwcMorphology m = Morphologies.readText("forest.swc", text,
                SwcOptions.builder().allowMultipleTrees(true).build());
        // Jaxley traces from the lowest-index tip (point 1) and keeps that tree only (checked against Jaxley).
        assertEquals(1, m.cell().nbranches());
        assertEquals(java.util.List.of(1, 2), m.branches().get(0).swcIndices());
        assertEquals(1.0, m.branches().get(0).lengthUm());
    }

    @Test
    void missingPointOne() {
        rejects("no_point_one.swc", """
                2 1 0 0 0 1 -1
                3 3 1 0 0 1 2
                """, 1, "no point with index 1");
    }

    @Test
    void emptyFile() {
        rejects("empty.swc", "# nothing\n\n", 2, "no points");
    }

    @Test
    void singlePoint() {
        rejects("one_point.swc", "1 1 0 0 0 5 -1\n", 1, "only one point");
    }

    @Test
    void zeroRadiusNeedsAMinimumRadius() {
        rejects("zero_radius.swc", """
                1 3 0 0 0 0 -1
                2 3 1 0 0 0 1
                """, 1, "mean radius 0.0 µm");
    }

    @Test
    void zeroRadiusInsideABranchGivesAnInfiniteLoad() {
        rejects("zero_inside.swc", """
                1 3 0 0 0 1 -1
                2 3 1 0 0 0 1
                3 3 2 0 0 1 2
                """, 2, "resistive_load_in = Infinity 1/µm");
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(ModelException.class, () -> SwcOptions.builder().ncomp(0).build());
        assertThrows(ModelException.class, () -> SwcOptions.builder().maxBranchLengthUm(0).build());
        assertThrows(ModelException.class, () -> SwcOptions.builder().minRadiusUm(-1).build());
        assertThrows(ModelException.class, () -> new DLambdaRule(0, 0.1, 100, 1));
    }
}
