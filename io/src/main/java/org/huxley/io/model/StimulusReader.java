package org.huxley.io.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.huxley.HuxleyException;
import org.huxley.engine.Protocol;
import org.huxley.io.Resampling;
import org.huxley.io.Trace;
import org.huxley.io.TraceCsv;
import org.huxley.model.Module;
import org.huxley.stim.Stimuli;

/**
 * Reads the {@code "stimuli"} (currents, nA) and {@code "clamps"} (voltages, mV) of a model file:
 * one sample per step, given as a step waveform, as samples, or as a column of a CSV trace file
 * (TraceCsv format, path relative to the model file, resampled linearly to the protocol's dt when
 * its interval differs).
 */
final class StimulusReader {
    private static final Set<String> KEYS = Set.of("where", "step", "samples", "csv");
    private static final Set<String> STEP_KEYS = Set.of("delay", "duration", "amplitude", "offset", "t_max");

    private StimulusReader() {
    }

    /**
     * @param clamp true for voltage clamps, false for current stimuli
     * @param tMaxMs the protocol's duration, or NaN if it gives a number of steps or none
     */
    static void applyAll(JsonIn entries, Module module, Protocol protocol, double tMaxMs, Path baseDir, boolean clamp) {
        for (JsonIn e : entries.array(0)) {
            e.keys(KEYS);
            double[] samples = samples(e, protocol, tMaxMs, baseDir);
            List<Selector> where = Where.of(e);
            Where.apply(e, where, module, v -> {
                if (clamp) {
                    v.clamp(samples);
                } else {
                    v.stimulate(samples);
                }
            });
        }
    }

    private static double[] samples(JsonIn e, Protocol protocol, double tMaxMs, Path baseDir) {
        int given = (e.has("step") ? 1 : 0) + (e.has("samples") ? 1 : 0) + (e.has("csv") ? 1 : 0);
        if (given != 1) {
            throw e.fail("give exactly one of 'step', 'samples' or 'csv'");
        }
        if (e.has("samples")) {
            return e.req("samples").numbers(1);
        }
        if (e.has("step")) {
            JsonIn s = e.req("step").keys(STEP_KEYS);
            double tMax;
            if (s.has("t_max")) {
                tMax = s.req("t_max").number();
            } else if (!Double.isNaN(tMaxMs)) {
                tMax = tMaxMs;
            } else {
                throw s.fail("a step needs 't_max' here or in the protocol");
            }
            try {
                return Stimuli.stepCurrent(s.req("delay").number(), s.req("duration").number(),
                        s.req("amplitude").number(), protocol.dtMs(), tMax,
                        s.has("offset") ? s.req("offset").number() : 0.0);
            } catch (HuxleyException ex) {
                throw s.fail(ex.getMessage());
            }
        }
        return csv(e.req("csv"), protocol.dtMs(), baseDir);
    }

    /** {"file": "x.csv", "column": "label"} or just "x.csv" for a file of one trace. */
    private static double[] csv(JsonIn in, double dtMs, Path baseDir) {
        JsonIn fileIn = in.isString() ? in : in.keys(Set.of("file", "column")).req("file");
        Path file = baseDir.resolve(fileIn.string()).normalize();
        if (!Files.isRegularFile(file)) {
            throw fileIn.fail("CSV file not found: " + file);
        }
        List<Trace> traces;
        try {
            traces = TraceCsv.read(file);
        } catch (HuxleyException | java.io.UncheckedIOException ex) {
            throw fileIn.fail(ex.getMessage(), ex);
        }
        Trace t;
        if (in.isString() || !in.has("column")) {
            if (traces.size() != 1) {
                throw in.fail(file.getFileName() + " has " + traces.size() + " traces " + labels(traces)
                        + "; name one with 'column'");
            }
            t = traces.get(0);
        } else {
            JsonIn col = in.req("column");
            String name = col.string();
            t = traces.stream().filter(x -> x.label().equals(name)).findFirst()
                    .orElseThrow(() -> col.fail("no column '" + name + "' in " + file.getFileName() + "; columns: "
                            + labels(traces)));
        }
        if (Math.abs(t.dtMs() - dtMs) > 1e-9 * dtMs) {
            t = t.resample(dtMs, Resampling.LINEAR);
        }
        return t.values();
    }

    private static List<String> labels(List<Trace> traces) {
        return traces.stream().map(Trace::label).toList();
    }
}
