package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.huxley.model.Cell;
import org.huxley.model.Site;
import org.junit.jupiter.api.Test;

/** Groups and branch structure on the small files of the shared set. */
class SwcGroupsTest {
    private static List<Site> sites(Cell cell, String group) {
        return cell.group(group).sites();
    }

    private static List<Site> branch(int b, int ncomp) {
        return java.util.stream.IntStream.range(0, ncomp).mapToObj(k -> new Site(0, b, k)).toList();
    }

    @Test
    void threeTypesGiveSomaAxonAndBasalGroups() {
        // 1 soma -> 2 soma -> {3 axon, 4 basal}: branch 0 soma (1-2), 1 axon (2-3), 2 basal (2-4).
        SwcMorphology m = Morphologies.read("morph_3_types.swc", SwcOptions.ncomp(2));
        Cell cell = m.cell();
        assertEquals(Set.of("soma", "axon", "basal"), cell.groupNames());
        assertEquals(branch(0, 2), sites(cell, "soma"));
        assertEquals(branch(1, 2), sites(cell, "axon"));
        assertEquals(branch(2, 2), sites(cell, "basal"));
        assertArrayEquals(new int[] {-1, 0, 0}, cell.parents(0));
        assertEquals(List.of(1, 2), m.branches().get(0).swcIndices());
        assertEquals(List.of(2, 3), m.branches().get(1).swcIndices());
        assertEquals(List.of(2, 4), m.branches().get(2).swcIndices());
    }

    @Test
    void singlePointSomaIsItsOwnBranchOfLength2r() {
        SwcMorphology m = Morphologies.read("morph_3_types_single_point_soma.swc", SwcOptions.ncomp(1));
        Cell cell = m.cell();
        assertEquals(branch(0, 1), sites(cell, "soma"));
        assertEquals(List.of(0, 1), m.branches().get(0).swcIndices()); // 0 = the inserted copy of point 1
        assertEquals(2.0, m.branches().get(0).lengthUm()); // 2 r_soma with r_soma = 1 µm
        // Sphere area 4πr² for the soma; the dendrites start at their first traced point.
        assertEquals(4 * Math.PI, cell.compartment(new Site(0, 0, 0)).get(org.huxley.model.CompartmentField.AREA),
                1e-12);
        assertEquals(Set.of("soma", "axon", "basal"), cell.groupNames());
    }

    @Test
    void customAndUndefinedTypeIds() {
        SwcMorphology m = Morphologies.readText("types.swc", """
                1 0 0 0 0 1 -1
                2 0 1 0 0 1 1
                3 7 2 0 0 1 2
                4 7 3 0 0 1 3
                """, SwcOptions.ncomp(1));
        // Type ids 0 and 7 are both outside {1,2,3,4}: one branch, typed by its last edge's start point.
        assertEquals(1, m.cell().nbranches());
        assertEquals(Set.of("custom7"), m.cell().groupNames());
        SwcMorphology split = Morphologies.readText("types.swc", """
                1 0 0 0 0 1 -1
                2 0 1 0 0 1 1
                3 7 2 0 0 1 2
                4 7 3 0 0 1 3
                """, SwcOptions.builder().relevantTypeIds(Set.of(0, 7)).build());
        assertEquals(Set.of("undefined", "custom7"), split.cell().groupNames());
        assertEquals(2, split.cell().nbranches());
    }

    @Test
    void somaAtBothEndsMatchesJaxleysTest() {
        // tests/test_swc.py::test_dummy_compartment_length: parents [-1, 0, 1], lengths [2.2, 1.0, 2.6].
        SwcMorphology m = Morphologies.read("morph_soma_both_ends.swc", SwcOptions.ncomp(1));
        assertArrayEquals(new int[] {-1, 0, 1}, m.cell().parents(0));
        assertEquals(List.of(2.2, 1.0, 2.6), m.branches().stream().map(SwcBranch::lengthUm).toList());
        assertEquals(List.of("basal", "soma", "basal"), m.branches().stream().map(SwcBranch::group).toList());
    }
}
