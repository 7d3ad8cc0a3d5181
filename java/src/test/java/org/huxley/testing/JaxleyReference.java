package org.huxley.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.huxley.engine.Recordings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored Jaxley reference (ported from jaxleyverse/jaxley@2638cca2665e, Apache-2.0): voltages
 * at some sample indices of the full trace. See src/test/resources/org/huxley/reference/jaxley.
 */
public record JaxleyReference(String name, int[] sampleIndices, double[][] voltagesMv, JsonNode json) {

    public static JaxleyReference load(String name) {
        String path = "/org/huxley/reference/jaxley/" + name + ".json";
        try (InputStream in = JaxleyReference.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            JsonNode idx = root.get("compared_sample_indices");
            int[] indices = new int[idx == null ? 0 : idx.size()];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = idx.get(i).intValue();
            }
            JsonNode v = root.get("voltages_mV");
            if (v == null) {
                return new JaxleyReference(name, indices, new double[0][], root); // a loss/gradient reference
            }
            double[][] volts = new double[v.size()][];
            for (int r = 0; r < volts.length; r++) {
                volts[r] = new double[v.get(r).size()];
                for (int k = 0; k < volts[r].length; k++) {
                    volts[r][k] = v.get(r).get(k).doubleValue();
                }
            }
            return new JaxleyReference(name, indices, volts, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest |simulated − reference| over every stored sample of every recording, mV. */
    public double maxError(Recordings rec, int set) {
        double worst = 0;
        for (int r = 0; r < voltagesMv.length; r++) {
            for (int k = 0; k < sampleIndices.length; k++) {
                double sim = rec.get(set, r, sampleIndices[k]);
                worst = Math.max(worst, Math.abs(sim - voltagesMv[r][k]));
                if (Double.isNaN(sim)) {
                    return Double.NaN;
                }
            }
        }
        return worst;
    }

    /** Asserts every stored sample is reproduced within {@code toleranceMv}. */
    public void assertReproduced(Recordings rec, double toleranceMv) {
        assertReproduced(rec, toleranceMv, json.path("source").path("variant").asString(""));
    }

    /** As {@link #assertReproduced(Recordings, double)}, with a label for the parity report. */
    public void assertReproduced(Recordings rec, double toleranceMv, String caseLabel) {
        assertTrue(rec.numRecordings() == voltagesMv.length,
                name + ": " + rec.numRecordings() + " recordings, reference has " + voltagesMv.length);
        double err = maxError(rec, 0);
        ParityLog.record("jaxley " + name, caseLabel, err, toleranceMv);
        assertTrue(err <= toleranceMv, name + ": max |v - reference| = " + err + " mV > " + toleranceMv);
    }
}
