package org.huxley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.fit.FitListener;
import org.huxley.fit.FitProblem;
import org.huxley.fit.FitResult;
import org.huxley.fit.Fitter;
import org.huxley.fit.Optimizer;
import org.huxley.fit.Progress;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.Trainable;
import org.huxley.model.FieldInfo;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code huxley fit --model M --data D}: fits a model's trainables (within their bounds) to
 * recorded data (see {@link FitData}) by multi-start gradient descent on the mean squared error,
 * all starts in one gradient batch per round. Start 0 is the model's own values; the others are
 * drawn log-uniformly within ×/÷ {@code spread} of them (kept inside the bounds), seeded.
 */
final class ModelFit {
    /**
     * @param model model file or example name
     * @param data trace CSV or NWB file
     * @param tMaxMs duration override, ms, or null
     * @param spread factor of the random starts around the model's values (&gt; 1)
     */
    record Options(String model, Path data, Double tMaxMs, Path out, long seed, int starts, int rounds,
            String optimizerName, Optimizer optimizer, int threads, double maxSeconds, double spread) {
    }

    private ModelFit() {
    }

    static int run(Options o, Console con, String commandLine) throws IOException {
        HuxleyModel m = ModelSource.load(o.model(), null, o.tMaxMs());
        Plan plan = m.compile();
        ParameterLayout layout = m.layout();
        String source = ModelSource.describe(o.model(), m);
        if (layout.size() == 0) {
            throw new BadInputException(source + " declares no trainables: nothing to fit");
        }
        FitData data = FitData.read(o.data(), plan, m.protocol());
        FitProblem problem = FitProblem.builder(plan, layout).protocol(m.protocol())
                .transform(m.bounds(layout).transform()).gradientEngine(new CpuGradientEngine(o.threads(), null))
                .engine(new CpuEngine(o.threads())).experiments(data.experiments()).build();
        double[][] starts = starts(m, layout, o.starts(), o.seed(), o.spread());
        con.log("fit", "%s: %d compartments, %d parameters, %d experiment(s) from %s, %d starts, optimizer %s, "
                + "%d threads", source, plan.numCompartments(), layout.size(), data.experiments().size(), o.data(),
                o.starts(), o.optimizerName(), o.threads());
        Provenance prov = Provenance.of("cpu-float64-adjoint", "float64", o.seed(), source, commandLine);
        FitResult r;
        try (ProgressDisplay bar = new ProgressDisplay("fit", con.progress())) {
            Fitter fitter = Fitter.builder().optimizer(o.optimizer()).maxRounds(o.rounds()).maxSeconds(o.maxSeconds())
                    .stallAfter(25, 1e-9).listener(new FitListener() {
                        @Override
                        public void round(Progress p) {
                            Cancellation.check("after fit round " + p.round());
                            bar.onProgress(new org.huxley.engine.Progress("best " + String.format(Locale.ROOT,
                                    "%.3e", p.bestLoss()), p.round(), o.rounds(), p.elapsedSeconds()));
                        }
                    }).build();
            r = fitter.fit(problem, starts, o.seed());
        }
        writeOutputs(o, con, m, problem, data, r, prov, starts);
        return r.best() == null ? ExitCodes.DIVERGED : ExitCodes.OK;
    }

    /** Start 0: the model's values; others log-uniform within ×/÷ spread, inside the bounds. */
    static double[][] starts(HuxleyModel m, ParameterLayout layout, int n, long seed, double spread) {
        if (n < 1 || !(spread >= 1)) {
            throw new BadInputException("--starts must be >= 1 and --spread >= 1, got " + n + ", " + spread);
        }
        double[] center = layout.initialValues();
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[n][center.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < center.length; p++) {
                double u = 2 * rng.nextDouble() - 1;
                double y = i == 0 || !(center[p] > 0) ? center[p] : center[p] * Math.pow(spread, u);
                double[] b = bounds(m, layout, p);
                double margin = 1e-3 * (b[1] - b[0]);
                out[i][p] = Math.min(b[1] - margin, Math.max(b[0] + margin, y));
            }
        }
        return out;
    }

    /** [lo, hi] of parameter p: its trainable's bounds, else the field's valid range. */
    static double[] bounds(HuxleyModel m, ParameterLayout layout, int p) {
        Trainable t = m.trainables().get(layout.entryOf(p));
        FieldInfo info = layout.parameters().get(p).field().info();
        return new double[] {Double.isNaN(t.lower()) ? info.lo() : t.lower(),
                Double.isNaN(t.upper()) ? info.hi() : t.upper()};
    }

    private static void writeOutputs(Options o, Console con, HuxleyModel m, FitProblem problem, FitData data,
            FitResult r, Provenance prov, double[][] starts) throws IOException {
        ParameterLayout layout = problem.layout();
        FitResult.StartOutcome best = r.best();
        ObjectNode root = Console.mapper().createObjectNode();
        root.put("subcommand", "fit");
        prov.putInto(root);
        root.put("data", o.data().toString());
        root.put("loss", "mean squared error per experiment, summed over experiments");
        root.put("optimizer", o.optimizerName());
        root.put("threads", o.threads());
        root.put("rounds", r.rounds());
        root.put("wall_seconds", r.elapsedSeconds());
        root.put("best_start", r.bestStart());
        root.put("best_loss", best == null ? Double.NaN : best.bestLoss());
        ArrayNode params = root.putArray("parameters");
        for (int p = 0; p < layout.size(); p++) {
            ObjectNode po = params.addObject();
            po.put("name", layout.names().get(p));
            po.put("field", layout.parameters().get(p).field().key());
            po.put("unit", layout.parameters().get(p).field().info().unit());
            po.put("initial", starts[0][p]);
            double[] b = bounds(m, layout, p);
            po.put("lower", b[0]);
            po.put("upper", b[1]);
            if (best != null) {
                po.put("fitted", best.bestValues()[p]);
            }
        }
        ArrayNode st = root.putArray("starts");
        for (FitResult.StartOutcome s : r.starts()) {
            ObjectNode so = st.addObject();
            so.put("start", s.index());
            so.put("status", s.status().name());
            so.put("reason", s.reason());
            so.put("iterations", s.iterations());
            so.put("best_loss", s.bestLoss());
            ArrayNode v = so.putArray("best_values");
            for (double d : s.bestValues()) {
                v.add(d);
            }
        }
        Files.createDirectories(o.out());
        RunJson.write(o.out().resolve("fitted-parameters.json"), root);
        Map<String, String> text = prov.fields(Map.of("data", o.data().toString()));
        FitPlots.lossCurve(o.out().resolve("loss-curve.png"), r, text);
        if (best != null) {
            Recordings fitted = problem.simulate(best.bestValues());
            Recordings initial = problem.simulate(best.startValues());
            Recordings target = targets(data, fitted);
            List<String> exps = problem.experiments().stream().map(e -> e.name()).toList();
            List<String> yTitles = m.module().recordings().stream()
                    .map(rec -> TracePlot.axisTitle(TracePlot.unitOf(rec))).toList();
            FitPlots.traces(o.out().resolve("traces.png"), target, fitted, initial, exps, fitted.labels(), yTitles,
                    text);
        }
        String summary = Provenance.line(text) + "\n" + summary(layout, r, starts, o);
        Files.writeString(o.out().resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        con.resultJson(root);
        con.result(summary);
    }

    /** The data targets as recordings shaped like the model's (one set per experiment). */
    private static Recordings targets(FitData data, Recordings like) {
        int n = data.targets().size();
        double[][][] d = new double[n][][];
        for (int e = 0; e < n; e++) {
            d[e] = data.targets().get(e);
        }
        int[] notDiverged = new int[n];
        java.util.Arrays.fill(notDiverged, -1);
        return Recordings.of(d, like.labels(), like.dtMs(), like.stride(), notDiverged);
    }

    private static String summary(ParameterLayout layout, FitResult r, double[][] starts, Options o) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "huxley fit: %d rounds in %.1f s, %d starts, seed %d; best start %d, loss %.4e%n", r.rounds(),
                r.elapsedSeconds(), r.starts().size(), o.seed(), r.bestStart(),
                r.best() == null ? Double.NaN : r.best().bestLoss()));
        sb.append(String.format(Locale.ROOT, "%-32s %-10s %14s %14s%n", "parameter", "unit", "model value", "fitted"));
        for (int p = 0; p < layout.size(); p++) {
            sb.append(String.format(Locale.ROOT, "%-32s %-10s %14.6e %14s%n", layout.names().get(p),
                    layout.parameters().get(p).field().info().unit(), starts[0][p], r.best() == null ? "-"
                            : String.format(Locale.ROOT, "%.6e", r.best().bestValues()[p])));
        }
        sb.append("outputs: ").append(o.out().resolve("fitted-parameters.json"))
                .append(", loss-curve.png, traces.png, summary.txt\n");
        return sb.toString();
    }
}
