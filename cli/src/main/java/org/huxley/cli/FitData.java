package org.huxley.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.adjoint.Losses;
import org.huxley.engine.Protocol;
import org.huxley.fit.Experiment;
import org.huxley.io.DataTargets;
import org.huxley.io.NwbFile;
import org.huxley.io.NwbReader;
import org.huxley.io.Trace;
import org.huxley.io.TraceCsv;
import org.huxley.plan.Plan;

/**
 * The data of {@code huxley fit --model M --data D} as fit experiments with mean-squared-error
 * losses on the run's recording grid:
 * <ul>
 *   <li>a trace CSV: one experiment under the model's own stimuli, one column per recording (in
 *       the model's order);</li>
 *   <li>an NWB file: one experiment per current-clamp sweep, the sweep's stimulus replacing the
 *       model's first stimulus and its response the target of the model's one recording.</li>
 * </ul>
 *
 * @param experiments the experiments, in file order
 * @param targets per experiment [recording][sample], for plots
 */
record FitData(List<Experiment> experiments, List<double[][]> targets) {
    static FitData read(Path file, Plan plan, Protocol protocol) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("data file not found: " + file);
        }
        int steps = steps(plan, protocol);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".nwb")) {
            return nwb(file, plan, protocol, steps);
        }
        if (name.endsWith(".csv")) {
            return csv(file, plan, protocol, steps);
        }
        throw new BadInputException("data file " + file + ": use a trace CSV (.csv) or an NWB file (.nwb)");
    }

    private static FitData csv(Path file, Plan plan, Protocol protocol, int steps) {
        List<Trace> traces = TraceCsv.read(file);
        int nrec = plan.recordings().size();
        if (traces.size() != nrec) {
            throw new BadInputException(file + ": has " + traces.size() + " trace columns, the model records " + nrec
                    + " (" + String.join("; ", plan.recordingLabels()) + ")");
        }
        double[][] target = DataTargets.target(traces, protocol, steps);
        return new FitData(List.of(Experiment.of(file.getFileName().toString(), Losses.meanSquaredError(target))),
                List.<double[][]>of(target));
    }

    private static FitData nwb(Path file, Plan plan, Protocol protocol, int steps) {
        if (plan.recordings().size() != 1 || plan.numStimuli() < 1) {
            throw new BadInputException(file + ": fitting NWB current-clamp sweeps needs a model with one recording "
                    + "and at least one stimulus (the sweep's stimulus replaces the first); the model has "
                    + plan.recordings().size() + " recordings and " + plan.numStimuli() + " stimuli");
        }
        NwbFile nwb = NwbReader.read(file);
        if (nwb.sweeps().isEmpty()) {
            throw new BadInputException(file + ": no current-clamp sweeps under /acquisition");
        }
        List<Experiment> exps = new ArrayList<>();
        List<double[][]> targets = new ArrayList<>();
        for (NwbFile.CurrentClampSweep s : nwb.sweeps()) {
            double[] stimulus = DataTargets.stimulus(s.stimulus(), protocol.dtMs(), steps);
            double[][] target = DataTargets.target(List.of(s.response()), protocol, steps);
            exps.add(new Experiment(s.name(), Map.of(0, stimulus), Losses.meanSquaredError(target), 1.0));
            targets.add(target);
        }
        return new FitData(exps, targets);
    }

    /** Steps of a run: the protocol's, else the stimulus length (as the engines resolve it). */
    static int steps(Plan plan, Protocol protocol) {
        if (protocol.steps() >= 0) {
            return protocol.steps();
        }
        if (plan.numStimuli() == 0) {
            throw new ModelException("the model gives no duration and has no stimulus to take it from: give --t-max");
        }
        return plan.stimulusCurrentNa(0).length;
    }
}
