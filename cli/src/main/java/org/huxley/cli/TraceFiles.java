package org.huxley.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.Recordings;
import org.huxley.io.Trace;
import org.huxley.io.TraceCsv;
import org.huxley.model.Module;

/**
 * Recordings of one parameter set as io's trace CSV ({@link TraceCsv}: {@code #} provenance lines,
 * a {@code t_ms} column, one column per recording named {@code label (unit)}), so that
 * {@code huxley grad --target} and {@code fit --data} read back what {@code simulate} writes.
 */
final class TraceFiles {
    private TraceFiles() {
    }

    /** The recordings of {@code set} as traces, labelled with their units. */
    static List<Trace> traces(Recordings rec, int set, Module model) {
        List<Trace> out = new ArrayList<>();
        double dt = rec.dtMs() * rec.stride();
        for (int r = 0; r < rec.numRecordings(); r++) {
            String unit = r < model.recordings().size() ? TracePlot.unitOf(model.recordings().get(r)) : "";
            String label = unit.isEmpty() ? rec.labels().get(r) : rec.labels().get(r) + " (" + unit + ")";
            out.add(new Trace(label, unit, 0.0, dt, rec.trace(set, r)));
        }
        return out;
    }

    static void write(Path file, Recordings rec, int set, Module model, List<String> comments) {
        TraceCsv.write(file, traces(rec, set, model), comments);
    }
}
