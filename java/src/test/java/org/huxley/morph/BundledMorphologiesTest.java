package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.huxley.model.CompartmentField;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled morphology (the shared set, see docs/morphologies.md) either loads, with the branch
 * count Jaxley's reader gives (ncomp 2, max_branch_len 300 µm; counts taken from Jaxley at
 * 2638cca2665e), or is rejected with its documented reason.
 */
class BundledMorphologiesTest {
    static final SwcOptions OPTIONS = SwcOptions.builder().ncomp(2).maxBranchLengthUm(300.0).build();

    /** Branch counts from Jaxley's graph reader for the files it reads. */
    static final Map<String, Integer> BRANCHES = Map.ofEntries(
            Map.entry("morph_3_types.swc", 3),
            Map.entry("morph_3_types_single_point_soma.swc", 3),
            Map.entry("morph_allen_485574832.swc", 99),
            Map.entry("morph_ca1_n120.swc", 156),
            Map.entry("morph_ca1_n120_250.swc", 12),
            Map.entry("morph_ca1_n120_250_single_point_soma.swc", 12),
            Map.entry("morph_ca1_n120_single_point_soma.swc", 155),
            Map.entry("morph_interrupted_soma.swc", 2),
            Map.entry("morph_l5pc_with_axon.swc", 338),
            Map.entry("morph_minimal.swc", 4),
            Map.entry("morph_non_somatic_branchpoint.swc", 4),
            Map.entry("morph_single_branch.swc", 1),
            Map.entry("morph_soma_both_ends.swc", 3),
            Map.entry("morph_somatic_branchpoint.swc", 4),
            Map.entry("morph_variable_radiuses_multi_branch.swc", 3),
            Map.entry("morph_variable_radiuses_within_branch.swc", 1));

    /** Rejected files: the line and the words of the documented reason. */
    record Reject(int line, String reason) {
    }

    static final Map<String, Reject> REJECTED = Map.of(
            "morph_multiple_roots.swc", new Reject(9, "duplicate point index 3 (already defined on line 7)"),
            "morph_flywire_t4_720575940626407426.swc", new Reject(2319, "radius 0 at 1 point(s) of this branch"),
            "morph_retina_20161028_1.swc", new Reject(1, "mean radius 0.0 µm"));

    static Stream<String> files() {
        return Morphologies.ALL.stream();
    }

    @Test
    void everyBundledFileIsClassified() {
        Set<String> classified = new java.util.TreeSet<>(BRANCHES.keySet());
        classified.addAll(REJECTED.keySet());
        assertEquals(new java.util.TreeSet<>(Morphologies.ALL), classified);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsOrIsRejectedWithTheDocumentedReason(String file) {
        Reject reject = REJECTED.get(file);
        if (reject != null) {
            SwcFormatException e = assertThrows(SwcFormatException.class, () -> Morphologies.read(file, OPTIONS));
            assertEquals(file, e.source());
            assertEquals(reject.line(), e.line(), e.getMessage());
            assertTrue(e.getMessage().contains(reject.reason()), e.getMessage());
            return;
        }
        SwcMorphology m = Morphologies.read(file, OPTIONS);
        assertEquals(BRANCHES.get(file), m.cell().nbranches(), "branches of " + file);
        m.cell().branch(0).loc(0.0).record();
        Plan plan = m.cell().compile();
        assertEquals(2 * BRANCHES.get(file), plan.numCompartments());
        for (double a : plan.geometry(CompartmentField.AREA)) {
            assertTrue(Double.isNaN(a) || a > 0, "area " + a);
        }
    }

    @Test
    void zeroRadiusFilesNeedMoreThanAMinimumRadius() {
        // With a minimum radius Jaxley reads them, but areas and loads still come from the zero radii.
        SwcOptions withMin = SwcOptions.builder().ncomp(2).maxBranchLengthUm(300.0).minRadiusUm(0.5).build();
        SwcFormatException fly = assertThrows(SwcFormatException.class,
                () -> Morphologies.read("morph_flywire_t4_720575940626407426.swc", withMin));
        assertTrue(fly.getMessage().contains("must be positive and finite"), fly.getMessage());
        SwcFormatException retina = assertThrows(SwcFormatException.class,
                () -> Morphologies.read("morph_retina_20161028_1.swc", withMin));
        assertTrue(retina.getMessage().contains("area = 0.0 µm²"), retina.getMessage());
    }

    @Test
    void groupSizesMatchJaxleysTestSwcTypes() {
        // tests/test_swc.py::test_swc_types: ncomp 1, ignore_swc_tracing_interruptions=False.
        SwcOptions o = SwcOptions.builder().ncomp(1).ignoreTracingInterruptions(false).build();
        assertEquals(Map.of("soma", 2, "basal", 101, "apical", 53), groupSizes(Morphologies.read("morph_ca1_n120.swc", o)));
        assertEquals(Map.of("soma", 1, "axon", 128, "basal", 66, "apical", 129),
                groupSizes(Morphologies.read("morph_l5pc_with_axon.swc", o)));
    }

    private static Map<String, Integer> groupSizes(SwcMorphology m) {
        Map<String, Integer> out = new HashMap<>();
        for (String g : m.cell().groupNames()) {
            out.put(g, m.cell().group(g).size());
        }
        return out.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
