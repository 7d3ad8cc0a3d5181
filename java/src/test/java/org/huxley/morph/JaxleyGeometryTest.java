package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.model.Site;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-compartment geometry against Jaxley's graph reader run on the awkward small files
 * (single-point soma, somatic branch point, soma at both ends, interrupted soma, variable radii,
 * max_branch_len cuts); see the "generated_by" note in jaxley_geometry.json. The reader follows
 * NumPy's summation order, so agreement is to the last bit; 1e-13 relative leaves room for libm.
 */
class JaxleyGeometryTest {
    static final double REL_TOL = 1e-13;

    static Stream<JsonNode> cases() {
        try (InputStream in = Morphologies.stream("jaxley_geometry.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            return out.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void geometryEqualsJaxleys(JsonNode c) {
        SwcOptions.Builder b = SwcOptions.builder().ncomp(c.get("ncomp").intValue());
        if (!c.get("max_branch_len_um").isNull()) {
            b.maxBranchLengthUm(c.get("max_branch_len_um").doubleValue());
        }
        String file = c.get("file").stringValue();
        SwcMorphology m = Morphologies.read(file, b.build());
        Cell cell = m.cell();
        int[] parents = new int[c.get("parents").size()];
        for (int i = 0; i < parents.length; i++) {
            parents[i] = c.get("parents").get(i).intValue();
        }
        assertArrayEquals(parents, cell.parents(0), file + " parents");
        String[][] fields = {{"length_um", "LENGTH"}, {"radius_um", "RADIUS"}, {"area_um2", "AREA"},
            {"volume_um3", "VOLUME"}, {"resistive_load_in_per_um", "RESISTIVE_LOAD_IN"},
            {"resistive_load_out_per_um", "RESISTIVE_LOAD_OUT"}};
        int i = 0;
        for (int br = 0; br < cell.nbranches(); br++) {
            for (int k = 0; k < cell.numComps(0, br); k++, i++) {
                assertEquals(c.get("branch_index").get(i).intValue(), br, file + " comp " + i);
                assertEquals(c.get("group").get(i).stringValue(), m.branches().get(br).group(), file + " comp " + i);
                var comp = cell.compartment(new Site(0, br, k));
                for (String[] f : fields) {
                    double want = c.get(f[0]).get(i).doubleValue();
                    double got = comp.get(CompartmentField.valueOf(f[1]));
                    assertEquals(want, got, Math.abs(want) * REL_TOL, file + " comp " + i + " " + f[0]);
                }
            }
        }
        assertEquals(c.get("length_um").size(), i, file + " compartments");
    }
}
