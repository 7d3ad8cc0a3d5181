package org.huxley.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.io.DataTargets;
import org.huxley.io.Trace;
import org.huxley.io.TraceCsv;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;

/**
 * The target traces of {@code huxley grad}'s loss, [recording][sample] on the run's recording grid.
 *
 * @param values the target
 * @param description where it came from, for the output
 */
record GradTarget(double[][] values, String description) {
    /**
     * Traces from a CSV file, one column per recording in the model's order, resampled (linearly)
     * onto the recording grid.
     *
     * @throws BadInputException if the file is missing or its column count differs from the recordings
     */
    static GradTarget fromCsv(Path file, Plan plan, Protocol protocol) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("target file not found: " + file);
        }
        List<Trace> traces = TraceCsv.read(file);
        int nrec = plan.recordings().size();
        if (traces.size() != nrec) {
            throw new BadInputException(file + ": has " + traces.size() + " trace columns, the model records " + nrec
                    + " (" + String.join("; ", plan.recordingLabels()) + ")");
        }
        return new GradTarget(DataTargets.target(traces, protocol, FitData.steps(plan, protocol)), file.toString());
    }

    /** The model's own recordings with every trainable multiplied by (1 + perturb). */
    static GradTarget perturbed(Plan plan, Protocol protocol, ParameterLayout layout, double perturb, int threads) {
        if (!Double.isFinite(perturb) || perturb <= -1) {
            throw new BadInputException("--perturb must be finite and > -1, got " + perturb);
        }
        ParameterSets sets = layout.batch(1);
        for (int p = 0; p < layout.size(); p++) {
            sets.set(0, p, sets.get(0, p) * (1 + perturb));
        }
        Recordings rec = new CpuEngine(threads).run(plan, protocol, new Batch(sets)).requireFinite();
        double[][] t = new double[rec.numRecordings()][];
        for (int r = 0; r < t.length; r++) {
            t[r] = rec.trace(0, r);
        }
        return new GradTarget(t, "the model with every trainable x " + (1 + perturb));
    }
}
