package org.huxley.cuda;

import org.huxley.testing.ParityModels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.huxley.engine.Engine;
import org.huxley.engine.Engines;
import org.huxley.engine.Precision;
import org.huxley.engine.Recordings;

/**
 * The device benchmark sweep of ci/gpu-check.sh: standard workloads of performance-targets.md
 * (100 ms, dt 0.025 ms, v recorded every step), compartment-steps per second from CUDA events around
 * the whole simulation on a warm engine, inputs on the device and recordings left there; the median
 * of up to 3 timed launches after one warm-up (fewer when a launch is slow). Also the "first result"
 * time: Engines.best() plus one small hh1 run with its copy to the host.
 *
 * <p>Usage: {@code GpuBench [workload:precision:batch ...]}, e.g. {@code hh1:f32:10000 tree252:f64:100};
 * prints one markdown row per case and a final {@code BENCH OK} / {@code BENCH FAILED n} line.
 */
public final class GpuBench {
    private GpuBench() {
    }

    public static void main(String[] args) {
        List<String> specs = args.length > 0 ? Arrays.asList(args) : List.of("hh1:f32:10000", "hh1:f64:10000",
                "hh1:f32:100000", "hh1:f64:100000", "tree252:f32:100", "tree252:f64:100", "tree252:f32:1000",
                "tree252:f64:1000");
        double budgetS = Double.parseDouble(System.getProperty("huxley.bench.budgetSeconds", "150"));
        long t0 = System.nanoTime();
        Engine first = Engines.best(Precision.FLOAT32);
        if (!(first instanceof CudaEngine)) {
            System.out.println("no GPU: benchmark skipped (" + CudaDriver.unavailableReason() + ")");
            System.out.println("BENCH SKIPPED");
            return;
        }
        ParityModels.Case small = ParityModels.hh1(1, 100.0, 1);
        Recordings r = first.run(small.plan(), small.protocol(), small.batch());
        double firstMs = (System.nanoTime() - t0) / 1e6;
        ((CudaEngine) first).close();
        System.out.printf(Locale.ROOT, "first result (Engines.best + hh1 B=1 f32 with copy to host, fresh engine): %.0f ms"
                + " (%d samples)%n", firstMs, r.numSamples());
        System.out.println("| workload | precision | batch | compartments | steps | median ms | comp-steps/s | runs | regs |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        int failed = 0;
        List<String> rows = new ArrayList<>();
        try (CudaEngine f32 = CudaEngine.create(Precision.FLOAT32); CudaEngine f64 = CudaEngine.create(Precision.FLOAT64)) {
            for (String spec : specs) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (elapsed > budgetS) {
                    System.out.println("| " + spec + " | skipped: time budget of " + budgetS + " s used |");
                    continue;
                }
                try {
                    rows.add(runOne(spec, f32, f64));
                    System.out.println(rows.getLast());
                } catch (RuntimeException e) {
                    failed++;
                    System.out.println("| " + spec + " | FAILED: " + e + " |");
                    e.printStackTrace(System.out);
                }
            }
        }
        System.out.println(failed == 0 ? "BENCH OK" : "BENCH FAILED " + failed);
        if (failed > 0) {
            System.exit(1);
        }
    }

    static String runOne(String spec, CudaEngine f32, CudaEngine f64) {
        String[] p = spec.split(":");
        String workload = p[0];
        CudaEngine engine = p[1].equals("f64") ? f64 : f32;
        int sets = Integer.parseInt(p[2]);
        ParityModels.Case c = switch (workload) {
            case "hh1" -> ParityModels.hh1(sets, 100.0, 42);
            case "tree252" -> ParityModels.tree252(sets, 100.0, 42);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        try (CudaEngine.Prepared run = engine.prepare(c.plan(), c.protocol(), c.batch())) {
            double warm = run.launchTimedMs();
            List<Double> times = new ArrayList<>();
            double spent = warm;
            for (int i = 0; i < 3 && (i == 0 || spent < 5000); i++) {
                double ms = run.launchTimedMs();
                times.add(ms);
                spent += ms;
            }
            times.sort(Double::compare);
            double median = times.get(times.size() / 2);
            int steps = c.protocol().steps();
            long comps = c.plan().numCompartments();
            double rate = comps * (double) steps * sets / (median / 1000.0);
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.2f | %.3e | %d | %d |", workload, p[1], sets,
                    comps, steps, median, rate, times.size(), run.registers());
        }
    }
}
