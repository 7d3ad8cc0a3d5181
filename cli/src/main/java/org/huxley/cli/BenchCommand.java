package org.huxley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.huxley.bench.Workload;
import org.huxley.cuda.CudaUnavailableException;
import org.huxley.engine.Precision;
import org.huxley.engine.Progress;
import org.huxley.engine.ProgressListener;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code huxley bench}: times the standard workloads (forward runs) on the engines available and
 * reports compartment-steps per second. One untimed warm-up run per workload and engine (JIT,
 * kernel loading), then --repeat timed runs; the table gives the median and the best.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time forward runs of the standard workloads (docs/performance.md) on the engines available.",
                "Prints a table (median and best wall time, compartment-steps per second) and writes bench.json "
                        + "and bench.csv into --out. The default run takes well under a minute."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    HuxleyCli root;

    @Option(names = {"-w", "--workload"}, split = ",", paramLabel = "NAME",
            description = "Workloads, comma-separated: hh1, tree252, ca1, neuron-i, neuron-ii, neuron-iii, "
                    + "neuron-i-batch, ... (default: hh1,tree252,ca1,neuron-i).")
    List<String> workloads;

    @Option(names = {"-b", "--batch"}, paramLabel = "B", defaultValue = "2",
            description = "Parameter sets per run of hh1, tree252 and ca1 (default: ${DEFAULT-VALUE}; the NEURON cases "
                    + "fix their own).")
    int batch;

    @Option(names = "--engine", split = ",", paramLabel = "NAME",
            description = "Engines, comma-separated: cpu, cuda, all (default: all = every engine available here).")
    List<String> engines;

    @Option(names = "--precision", split = ",", paramLabel = "P",
            description = "CUDA precisions, comma-separated (default: float64,float32; the CPU is float64).")
    List<String> precisions;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: all processors).")
    Integer threads;

    @Option(names = {"-r", "--repeat"}, paramLabel = "N", defaultValue = "2",
            description = "Timed runs per workload and engine, after one warm-up run (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the workloads' parameter draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "out/bench")
    Path out;

    /** Why the CUDA engine was not timed (null when it was, or was not asked for). */
    private String cudaWhy;

    /** One timed workload on one engine. */
    record Row(String workload, String engine, String precision, int batch, int compartments, int steps,
            double compartmentSteps, double[] seconds, int diverged) {
        double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        }

        double best() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        double rate() {
            return compartmentSteps / median();
        }
    }

    @Override
    public Integer call() throws Exception {
        Console con = root.console();
        if (batch < 1 || repeat < 1) {
            throw new BadInputException("--batch and --repeat must be >= 1, got " + batch + ", " + repeat);
        }
        List<String> names = workloads == null ? BenchWorkloads.DEFAULT : workloads;
        for (String n : names) {
            if (!BenchWorkloads.names().contains(n.toLowerCase(Locale.ROOT))) {
                BenchWorkloads.build(n, 1, seed); // throws naming the known workloads
            }
        }
        int nthreads = EngineOptions.threads(threads);
        List<EngineSpec> specs = engineSpecs(con, nthreads);
        List<Row> rows = new ArrayList<>();
        long total = (long) names.size() * specs.size() * (repeat + 1);
        long done = 0;
        long t0 = System.nanoTime();
        // the bar counts runs; each engine run gets its own control (cancellable, its reports unused)
        try (ProgressDisplay bar = new ProgressDisplay("bench", con.progress())) {
            for (String name : names) {
                Cancellation.check("before workload " + name);
                Workload w = BenchWorkloads.build(name, batch, seed);
                for (EngineSpec spec : specs) {
                    try (SelectedEngine se = spec.open(nthreads)) {
                        String label = name + " " + se.engine().name();
                        bar.onProgress(new Progress(label, done, total, (System.nanoTime() - t0) / 1e9));
                        double[] seconds = new double[repeat];
                        int diverged = 0;
                        for (int k = -1; k < repeat; k++) {
                            RunControl control = Cancellation.control(ProgressListener.NONE);
                            long r0 = System.nanoTime();
                            Recordings rec;
                            try {
                                rec = se.engine().run(w.plan(), w.protocol(), w.batch(), control);
                            } finally {
                                Cancellation.release(control);
                            }
                            double s = (System.nanoTime() - r0) / 1e9;
                            if (k >= 0) {
                                seconds[k] = s;
                            }
                            diverged = rec.divergedSets().size();
                            bar.onProgress(new Progress(label, ++done, total, (System.nanoTime() - t0) / 1e9));
                        }
                        rows.add(new Row(w.name(), se.engine().name(), se.precisionName(), w.batch().size(),
                                w.plan().numCompartments(), w.protocol().steps(), w.compartmentSteps(), seconds,
                                diverged));
                    }
                }
            }
        }
        Provenance prov = Provenance.of(String.join(",", rows.stream().map(Row::engine).distinct().toList()),
                String.join(",", rows.stream().map(Row::precision).distinct().toList()), seed,
                "workloads " + String.join(",", names), root.commandLine());
        ObjectNode json = json(rows, prov, nthreads, specs);
        Files.createDirectories(out);
        RunJson.write(out.resolve("bench.json"), json);
        writeCsv(out.resolve("bench.csv"), rows, prov);
        con.resultJson(json);
        con.result(table(rows, nthreads));
        for (Row r : rows) {
            if (r.diverged() > 0) {
                con.log("bench", "warning: %s on %s: %d of %d parameter sets diverged", r.workload(), r.engine(),
                        r.diverged(), r.batch());
            }
        }
        return ExitCodes.OK;
    }

    /** An engine to time: CPU, or CUDA in one precision; {@code skipped} says why CUDA is not used. */
    record EngineSpec(EngineOptions.EngineKind kind, Precision precision, String skipped) {
        SelectedEngine open(int threads) {
            return SelectedEngine.choose(kind, precision, threads);
        }
    }

    private List<EngineSpec> engineSpecs(Console con, int nthreads) {
        List<String> asked = engines == null ? List.of("all") : engines;
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        for (String e : asked) {
            String k = e.toLowerCase(Locale.ROOT);
            if (k.equals("all") || k.equals("auto")) {
                kinds.add("cpu");
                kinds.add("cuda?");
            } else {
                kinds.add(EngineOptions.EngineKind.parse(k) == EngineOptions.EngineKind.CUDA ? "cuda" : "cpu");
            }
        }
        List<Precision> precs = new ArrayList<>();
        for (String p : precisions == null ? List.of("float64", "float32") : precisions) {
            precs.add(EngineOptions.parsePrecision(p));
        }
        List<EngineSpec> specs = new ArrayList<>();
        if (kinds.contains("cpu")) {
            specs.add(new EngineSpec(EngineOptions.EngineKind.CPU, Precision.FLOAT64, null));
        }
        if (kinds.contains("cuda") || kinds.contains("cuda?")) {
            String why = cudaUnavailable();
            cudaWhy = why;
            if (why == null) {
                for (Precision p : precs) {
                    specs.add(new EngineSpec(EngineOptions.EngineKind.CUDA, p, null));
                }
            } else if (kinds.contains("cuda")) {
                throw new CudaUnavailableException(why);
            } else {
                con.log("bench", "CUDA engine skipped: %s", why);
            }
        }
        return specs;
    }

    /** Null when the CUDA engine opens here, else the reason it does not. */
    private static String cudaUnavailable() {
        try (SelectedEngine se = SelectedEngine.choose(EngineOptions.EngineKind.CUDA, Precision.FLOAT64, 1)) {
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    private ObjectNode json(List<Row> rows, Provenance prov, int nthreads, List<EngineSpec> specs) {
        ObjectNode o = Console.mapper().createObjectNode();
        o.put("subcommand", "bench");
        prov.putInto(o);
        o.put("threads", nthreads);
        o.put("repeat", repeat);
        o.put("warmup_runs", 1);
        o.put("processors", Runtime.getRuntime().availableProcessors());
        o.put("java", System.getProperty("java.version"));
        if (cudaWhy != null) {
            o.put("cuda_unavailable", cudaWhy);
        }
        ArrayNode a = o.putArray("results");
        for (Row r : rows) {
            ObjectNode ro = a.addObject();
            ro.put("workload", r.workload());
            ro.put("engine", r.engine());
            ro.put("precision", r.precision());
            ro.put("batch", r.batch());
            ro.put("compartments", r.compartments());
            ro.put("steps", r.steps());
            ro.put("compartment_steps", r.compartmentSteps());
            ro.put("median_seconds", r.median());
            ro.put("best_seconds", r.best());
            ro.put("compartment_steps_per_second", r.rate());
            ArrayNode s = ro.putArray("seconds");
            for (double d : r.seconds()) {
                s.add(d);
            }
            ro.put("diverged_sets", r.diverged());
        }
        return o;
    }

    private static void writeCsv(Path file, List<Row> rows, Provenance prov) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : prov.commentLines(Map.of())) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append("workload,engine,precision,batch,compartments,steps,compartment_steps,median_s,best_s,"
                + "compartment_steps_per_s,diverged_sets\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%.0f,%.6f,%.6f,%.4e,%d%n", r.workload(), r.engine(),
                    r.precision(), r.batch(), r.compartments(), r.steps(), r.compartmentSteps(), r.median(), r.best(),
                    r.rate(), r.diverged()));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private String table(List<Row> rows, int nthreads) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%-18s %-14s %6s %7s %12s %10s %10s %14s%n", "workload", "engine", "batch", "comps", "comp-steps",
                "median s", "best s", "comp-steps/s"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-18s %-14s %6d %7d %12.4g %10.4f %10.4f %14.4g%n", r.workload(),
                    r.engine(), r.batch(), r.compartments(), r.compartmentSteps(), r.median(), r.best(), r.rate()));
        }
        sb.append(String.format(Locale.ROOT, "%d timed run(s) per row after 1 warm-up; %d CPU threads; outputs: %s, "
                + "bench.csv%n", repeat, nthreads, out.resolve("bench.json")));
        return sb.toString();
    }
}
