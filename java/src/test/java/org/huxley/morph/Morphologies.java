package org.huxley.morph;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test access to the SWC files bundled under src/test/resources/org/huxley/morphologies. */
final class Morphologies {
    static final String DIR = "/org/huxley/morphologies/";

    /** Every bundled SWC file, by name (the copy of the shared morphology set). */
    static final List<String> ALL = List.of(
            "morph_3_types.swc",
            "morph_3_types_single_point_soma.swc",
            "morph_allen_485574832.swc",
            "morph_ca1_n120.swc",
            "morph_ca1_n120_250.swc",
            "morph_ca1_n120_250_single_point_soma.swc",
            "morph_ca1_n120_single_point_soma.swc",
            "morph_flywire_t4_720575940626407426.swc",
            "morph_interrupted_soma.swc",
            "morph_l5pc_with_axon.swc",
            "morph_minimal.swc",
            "morph_multiple_roots.swc",
            "morph_non_somatic_branchpoint.swc",
            "morph_retina_20161028_1.swc",
            "morph_single_branch.swc",
            "morph_soma_both_ends.swc",
            "morph_somatic_branchpoint.swc",
            "morph_variable_radiuses_multi_branch.swc",
            "morph_variable_radiuses_within_branch.swc");

    private Morphologies() {
    }

    static InputStream stream(String name) {
        InputStream in = Morphologies.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + DIR + name);
        }
        return in;
    }

    /** Reads a bundled file with the reader; the file name appears in messages. */
    static SwcMorphology read(String name, SwcOptions options) {
        try (Reader r = new InputStreamReader(stream(name), StandardCharsets.UTF_8)) {
            return SwcReader.readMorphology(name, r, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads SWC text given inline (for malformed-input tests). */
    static SwcMorphology readText(String name, String text, SwcOptions options) {
        return SwcReader.readMorphology(name, new java.io.StringReader(text), options);
    }

    /** The data rows of a bundled file as {index, type, x, y, z, r, parent}, parsed here independently. */
    static List<double[]> rows(String name) {
        List<double[]> out = new ArrayList<>();
        try (var r = new java.io.BufferedReader(new InputStreamReader(stream(name), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.replaceAll("#.*", "").trim();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\\s+");
                double[] row = new double[7];
                for (int k = 0; k < 7; k++) {
                    row[k] = Double.parseDouble(f[k]);
                }
                out.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
