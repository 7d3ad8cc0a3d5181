package org.huxley.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.huxley.engine.Recordings;
import org.huxley.fit.Adam;
import org.huxley.fit.CmaEs;
import org.huxley.fit.FitListener;
import org.huxley.fit.FitProblem;
import org.huxley.fit.FitResult;
import org.huxley.fit.FitState;
import org.huxley.fit.Fitter;
import org.huxley.fit.Lbfgs;
import org.huxley.fit.LearningRateSchedule;
import org.huxley.fit.Optimizer;
import org.huxley.fit.Progress;
import org.huxley.fit.StartStatus;
import org.huxley.fit.Starts;
import org.huxley.fit.examples.Ca1Example;
import org.huxley.io.FitStateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code huxley fit}: the bundled fitting example (see {@link Ca1Example}) with progress on stderr,
 * the fitted parameters as JSON, a loss curve, a trace overlay, a summary, and optionally the
 * CMA-ES baseline on the same problem.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit the bundled example: 10 channel densities (soma/basal/apical) of a CA1 cell (310 "
                + "compartments) to synthetic recordings at 3 sites under 3 step currents, from 8 starts drawn "
                + "log-uniformly within x/÷2 of the truth, all starts in one gradient batch per round.",
                "Writes fitted-parameters.json, loss-curve.png, traces.png, summary.txt and fit-state.json "
                        + "(resumable) into --out; progress goes to stderr.",
                "With --model FILE.json --data traces.csv|file.nwb: fit the model's trainables (within their "
                        + "bounds) to the data instead (docs/cli.md)."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out/fit")
    Path out;

    @Option(names = "--seed", description = "Seed of the random starts (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--starts", description = "Number of starts (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int starts;

    @Option(names = "--rounds", description = "Round budget: engine batches (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DEFAULT_ROUNDS)
    int rounds;

    @Option(names = "--optimizer", description = "lbfgs or adam (default: ${DEFAULT-VALUE}).", defaultValue = "lbfgs")
    String optimizerName;

    @Option(names = "--threads", description = "CPU threads (default: all processors).")
    Integer threads;

    @Option(names = "--max-minutes", description = "Wall-time budget of the gradient fit, minutes "
            + "(default: ${DEFAULT-VALUE}, so that the default run ends within 10 minutes even on a busy machine); "
            + "a fit stopped by it is not bitwise reproducible.", defaultValue = "9.5")
    double maxMinutes;

    @Option(names = "--baseline", description = "Also run the gradient-free baseline (CMA-ES, forward runs only) "
            + "on the same problem and plot loss against wall time.")
    boolean baseline;

    @Option(names = "--baseline-seconds", description = "Wall-time budget of the baseline, s (default: "
            + "${DEFAULT-VALUE}).", defaultValue = "120")
    double baselineSeconds;

    @Option(names = "--baseline-population", description = "CMA-ES population per generation (default: "
            + "4 + 3 ln P = 10 for the 10 parameters).")
    Integer baselinePopulation;

    @Option(names = "--resume", description = "Continue from a saved fit-state.json (same options otherwise).")
    Path resume;

    @ParentCommand
    HuxleyCli root;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE|NAME",
            description = "Fit this model's trainables (a model file or a built-in example) to --data.")
    String model;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Data for --model: a trace CSV (one column per recording) or an NWB file (current-clamp "
                    + "sweeps; the model needs one recording and a stimulus).")
    Path data;

    @Option(names = "--t-max", paramLabel = "MS", description = "With --model: simulated time, ms (default: the "
            + "model's).")
    Double tMaxMs;

    @Option(names = "--spread", paramLabel = "F", defaultValue = "2",
            description = "With --model: starts after the first (the model's values) are drawn log-uniformly within "
                    + "x/÷ F of them (default: ${DEFAULT-VALUE}).")
    double spread;

    /** --quiet: no progress bar and no summary on stdout. */
    private boolean quiet;
    private Console console;

    static final int DEFAULT_ROUNDS = Ca1Example.DEFAULT_ROUNDS;

    @Override
    public Integer call() throws Exception {
        console = root.console();
        quiet = console.quiet();
        if (starts < 1 || rounds < 1) {
            throw new BadInputException("--starts and --rounds must be >= 1, got " + starts + ", " + rounds);
        }
        Optimizer optimizer = optimizer();
        if (model != null || data != null || tMaxMs != null) {
            return fitModel(optimizer);
        }
        Instant begin = Instant.now();
        long cpu0 = cpuNanos();
        int nthreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Ca1Example.Config cfg = Ca1Example.Config.defaults().withThreads(nthreads);
        PrintStream err = System.err;
        if (!quiet) {
            err.println("huxley fit: building the example (CA1 n120, 2 compartments per branch) ...");
        }
        FitProblem problem = Ca1Example.problem(cfg, Ca1Example.TRUTH);
        int nexp = problem.experiments().size();
        if (!quiet) {
            err.printf(Locale.ROOT, "huxley fit: %d compartments, %d parameters, %d experiments x %d starts = %d "
                            + "sets per batch, %d steps of %.3g ms; optimizer %s, %d threads%n",
                    problem.plan().numCompartments(), problem.dimension(), nexp, starts, nexp * starts,
                    (int) Math.round(cfg.tMaxMs() / cfg.dtMs()), cfg.dtMs(), optimizerName, nthreads);
        }
        Files.createDirectories(out);
        Path statePath = out.resolve("fit-state.json");
        ProgressBar bar = quiet ? null : ProgressDisplay.builder("fit", rounds, 500).setMaxRenderedLength(120)
                .setEtaFunction(s -> Optional.ofNullable(lastEta)).build();
        Fitter fitter = Ca1Example.fitter(rounds).optimizer(optimizer).maxSeconds(maxMinutes * 60)
                .checkpoint(10, s -> FitStateJson.write(statePath, s))
                .listener(new FitListener() {
                    @Override
                    public void round(Progress p) {
                        // Ctrl-C: stop after this round; fit-state.json holds the last checkpoint
                        Cancellation.check("after round " + p.round() + " (resume from " + statePath
                                + " if it was written: every 10 rounds)");
                        lastEta = Duration.ofMillis((long) (1000 * p.etaSeconds()));
                        if (bar != null) {
                            bar.stepTo(p.round());
                            bar.setExtraMessage(String.format(Locale.ROOT, "best %.3e, %d/%d running, %.2f s/round",
                                    p.bestLoss(), p.running(), starts, p.roundSeconds()));
                        }
                    }

                    @Override
                    public void startStopped(int start, StartStatus status, String reason, int round) {
                        if (status == StartStatus.DIVERGED && bar != null) {
                            err.printf("%nhuxley fit: start %d diverged in round %d (flagged; the others continue)%n",
                                    start, round);
                        }
                    }
                }).build();
        FitResult result;
        double[][] startValues = Starts.logUniform(Ca1Example.TRUTH, 2.0, starts, seed);
        try {
            result = resume != null ? fitter.resume(problem, FitStateJson.read(resume))
                    : fitter.fit(problem, startValues, seed);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        double fitSeconds = result.elapsedSeconds();
        double fitCpu = (cpuNanos() - cpu0) / 1e9;
        CmaEs.Result es = null;
        if (baseline) {
            if (!quiet) {
                err.printf(Locale.ROOT, "huxley fit: baseline CMA-ES for %.0f s (forward runs only) ...%n",
                        baselineSeconds);
            }
            // CMA-ES starts from the best of the same starts (one forward batch picks it)
            double[][] x = new double[startValues.length][];
            for (int n = 0; n < x.length; n++) {
                x[n] = problem.toUnconstrained(startValues[n]);
            }
            double[] l0 = problem.values(x);
            int first = 0;
            for (int n = 1; n < l0.length; n++) {
                if (l0[n] < l0[first]) {
                    first = n;
                }
            }
            baselineStart = first;
            int lambda = baselinePopulation != null ? baselinePopulation : CmaEs.defaultPopulation(problem.dimension());
            es = CmaEs.builder().sigma0(BASELINE_SIGMA).populationSize(lambda).maxGenerations(100000)
                    .maxSeconds(baselineSeconds).seed(seed).build().run(problem, x[first]);
        }
        writeOutputs(problem, cfg, result, es, begin, fitSeconds, fitCpu, nthreads);
        return 0;
    }

    /** {@code --model M --data D}: see {@link ModelFit}. */
    private int fitModel(Optimizer optimizer) throws IOException {
        if (model == null || data == null) {
            throw new BadInputException("--model and --data go together (--t-max needs them too)");
        }
        if (resume != null || baseline) {
            throw new BadInputException("--resume and --baseline apply to the bundled example, not to --model fits");
        }
        int nthreads = EngineOptions.threads(threads);
        return ModelFit.run(new ModelFit.Options(model, data, tMaxMs, out, seed, starts, rounds, optimizerName,
                optimizer, nthreads, maxMinutes * 60, spread), console, root.commandLine());
    }

    private volatile Duration lastEta;
    private int baselineStart;
    /** Initial CMA-ES step in the unconstrained coordinates (about a factor 2 in the conductances). */
    static final double BASELINE_SIGMA = 0.3;

    /** The command as typed (picocli's original arguments start at the top-level command). */
    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("fit")) {
            args.remove(0);
        }
        return ("huxley fit " + String.join(" ", args)).strip();
    }

    private Optimizer optimizer() {
        return switch (optimizerName.toLowerCase(Locale.ROOT)) {
            case "lbfgs", "l-bfgs" -> new Lbfgs();
            case "adam" -> new Adam(LearningRateSchedule.cosine(0.05, rounds, 0.001), 0.9, 0.999, 1e-8,
                    org.huxley.fit.GradientClipping.byNorm(10));
            default -> throw new BadInputException("unknown optimizer '" + optimizerName + "': use lbfgs or adam");
        };
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private void writeOutputs(FitProblem problem, Ca1Example.Config cfg, FitResult r, CmaEs.Result es, Instant begin,
            double fitSeconds, double fitCpu, int nthreads) throws IOException {
        List<String> names = Ca1Example.labels();
        double[] truth = Ca1Example.TRUTH;
        FitResult.StartOutcome best = r.best();
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("huxley", Versions.version());
        root.put("commit", Versions.commit());
        root.put("command", commandLine());
        root.put("started", begin.toString());
        root.put("seed", seed);
        root.put("engine", "cpu-float64-adjoint");
        root.put("precision", "float64");
        root.put("optimizer", optimizerName);
        root.put("threads", nthreads);
        root.put("rounds", r.rounds());
        root.put("wall_seconds", fitSeconds);
        root.put("process_cpu_seconds", fitCpu);
        root.put("best_start", r.bestStart());
        root.put("best_loss", best == null ? Double.NaN : best.bestLoss());
        double worst = 0;
        ArrayNode params = root.putArray("parameters");
        for (int p = 0; p < names.size(); p++) {
            ObjectNode o = params.addObject();
            o.put("name", names.get(p));
            o.put("unit", "S/cm^2");
            o.put("truth", truth[p]);
            if (best != null) {
                double e = best.bestValues()[p] / truth[p] - 1;
                worst = Math.max(worst, Math.abs(e));
                o.put("fitted", best.bestValues()[p]);
                o.put("relative_error", e);
                o.put("start", best.startValues()[p]);
            }
        }
        root.put("max_relative_error", worst);
        root.put("all_within_5_percent", best != null && worst <= 0.05);
        ArrayNode st = root.putArray("starts");
        for (FitResult.StartOutcome s : r.starts()) {
            ObjectNode o = st.addObject();
            o.put("start", s.index());
            o.put("status", s.status().name());
            o.put("reason", s.reason());
            o.put("iterations", s.iterations());
            o.put("evaluations", s.evaluations());
            o.put("best_loss", s.bestLoss());
            ArrayNode v = o.putArray("best_values");
            for (double d : s.bestValues()) {
                v.add(d);
            }
            ArrayNode sv = o.putArray("start_values");
            for (double d : s.startValues()) {
                sv.add(d);
            }
        }
        ObjectNode model = root.putObject("example");
        model.put("compartments", problem.plan().numCompartments());
        model.put("dt_ms", cfg.dtMs());
        model.put("t_max_ms", cfg.tMaxMs());
        model.put("step_delay_ms", cfg.delayMs());
        model.put("step_duration_ms", cfg.durationMs());
        ArrayNode amps = model.putArray("amplitudes_nA");
        for (double a : cfg.amplitudesNa()) {
            amps.add(a);
        }
        model.put("loss", "mean((G*(x-target))^2) + " + cfg.rawWeight() + "*mean((x-target)^2), G Gaussian sigma "
                + cfg.smoothingMs() + " ms, summed over experiments");
        if (es != null) {
            ObjectNode b = root.putObject("baseline");
            b.put("method", "CMA-ES (forward runs only), population " + (baselinePopulation != null
                    ? baselinePopulation : CmaEs.defaultPopulation(problem.dimension()))
                    + ", sigma0 " + BASELINE_SIGMA + ", from the start with the lowest initial loss");
            b.put("start", baselineStart);
            b.put("wall_seconds", es.elapsedSeconds());
            b.put("generations", es.generations());
            b.put("best_loss", es.bestLoss());
            double worstEs = 0;
            ArrayNode v = b.putArray("best_values");
            for (int p = 0; p < truth.length; p++) {
                v.add(es.bestValues()[p]);
                worstEs = Math.max(worstEs, Math.abs(es.bestValues()[p] / truth[p] - 1));
            }
            b.put("max_relative_error", worstEs);
            double at = lossAt(r, es.elapsedSeconds());
            b.put("gradient_fit_best_loss_at_same_wall_time", at);
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(out.resolve("fitted-parameters.json").toFile(), root);
        Map<String, String> provenance = Provenance.of("cpu-float64-adjoint", "float64", seed,
                "example ca1 fit (Ca1Example)", commandLine()).fields(Map.of());
        FitPlots.lossCurve(out.resolve("loss-curve.png"), r, provenance);
        if (best != null) {
            Recordings target = problem.simulate(truth);
            Recordings fitted = problem.simulate(best.bestValues());
            Recordings initial = problem.simulate(best.startValues());
            List<String> exps = problem.experiments().stream().map(e -> e.name()).toList();
            FitPlots.traces(out.resolve("traces.png"), target, fitted, initial, exps,
                    List.of("soma", "apical dendrite", "basal dendrite"), Collections.nCopies(3, "v (mV)"), provenance);
        }
        if (es != null) {
            FitPlots.baseline(out.resolve("baseline.png"), r, es, provenance);
        }
        String summary = Provenance.line(provenance) + "\n"
                + summary(r, es, names, truth, fitSeconds, fitCpu, worst, nthreads);
        Files.writeString(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        console.resultJson(root);
        console.result(summary);
    }

    /** The best loss the gradient fit had reached by wall time t. */
    private static double lossAt(FitResult r, double t) {
        double l = Double.NaN;
        for (FitState.Round round : r.history()) {
            if (round.elapsedSeconds() <= t) {
                l = round.bestLoss();
            }
        }
        return l;
    }

    private String summary(FitResult r, CmaEs.Result es, List<String> names, double[] truth, double seconds,
            double cpu, double worst, int nthreads) {
        StringBuilder sb = new StringBuilder();
        FitResult.StartOutcome best = r.best();
        sb.append(String.format(Locale.ROOT, "huxley fit: %d rounds in %.1f s wall (%.1f s CPU, %d threads), seed %d%n",
                r.rounds(), seconds, cpu, nthreads, seed));
        int[] rank = r.ranking();
        sb.append("start  status     iterations  best loss\n");
        for (int s : rank) {
            FitResult.StartOutcome o = r.starts().get(s);
            sb.append(String.format(Locale.ROOT, "%5d  %-9s  %10d  %.3e%s%n", s, o.status(), o.iterations(),
                    o.bestLoss(), s == r.bestStart() ? "  <- best" : ""));
        }
        if (best != null) {
            sb.append(String.format(Locale.ROOT, "%-22s %12s %12s %10s%n", "parameter", "truth", "fitted", "error"));
            for (int p = 0; p < names.size(); p++) {
                sb.append(String.format(Locale.ROOT, "%-22s %12.4e %12.4e %+9.3f%%%n", names.get(p), truth[p],
                        best.bestValues()[p], 100 * (best.bestValues()[p] / truth[p] - 1)));
            }
            sb.append(String.format(Locale.ROOT, "largest error %.3f%%: %s%n", 100 * worst,
                    worst <= 0.05 ? "every parameter within 5 %" : "NOT every parameter within 5 %"));
        }
        if (es != null) {
            sb.append(String.format(Locale.ROOT,
                    "baseline CMA-ES (from start %d): best loss %.3e after %.1f s (%d generations); the gradient fit "
                            + "had %.3e at that time and %.3e at the end%n",
                    baselineStart, es.bestLoss(), es.elapsedSeconds(), es.generations(), lossAt(r, es.elapsedSeconds()),
                    best == null ? Double.NaN : best.bestLoss()));
        }
        sb.append("outputs: ").append(out.resolve("fitted-parameters.json")).append(", loss-curve.png, traces.png")
                .append(es != null ? ", baseline.png" : "").append(", summary.txt, fit-state.json\n");
        return sb.toString();
    }
}
