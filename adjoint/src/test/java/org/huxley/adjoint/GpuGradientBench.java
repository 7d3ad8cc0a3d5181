package org.huxley.adjoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.huxley.adjoint.cuda.CudaGradientEngine;
import org.huxley.cuda.CudaDriver;
import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.KernelGradients;
import org.huxley.cuda.KernelSources;
import org.huxley.testing.ParityModels;
import org.huxley.engine.Precision;
import org.huxley.engine.RunControl;

/**
 * The gradient benchmark of ci/gpu-check.sh (issue 9's acceptance numbers): per workload of
 * performance-targets.md (100 ms, dt 0.025 ms), the forward time (CUDA events around the whole
 * simulation, inputs on the device) and the value + gradient time (CUDA events around every gradient
 * kernel: checkpointed forward, device mean squared error, all segments, reduction; checkpoints every
 * ⌈√T⌉ steps; recordings left on the device), each the median of up to 3 runs after a warm-up (fewer
 * when slow); value+grad compartment-steps/s, gradient/forward ratio, device memory of the launch and
 * the wall time of the value+grad call (host work and copies included).
 *
 * <p>Usage: {@code GpuGradientBench [workload:precision:batch ...]} (hh1, tree252, ca1); prints one
 * markdown row per case, then {@code GRADBENCH OK} / {@code GRADBENCH FAILED n} (or SKIPPED).
 */
public final class GpuGradientBench {
    private GpuGradientBench() {
    }

    public static void main(String[] args) {
        List<String> specs = args.length > 0 ? Arrays.asList(args)
                : List.of("hh1:f32:100000", "tree252:f32:100", "ca1:f32:20", "tree252:f32:1000");
        double budgetS = Double.parseDouble(System.getProperty("huxley.bench.budgetSeconds", "150"));
        String why = CudaDriver.unavailableReason();
        if (why != null) {
            System.out.println("no GPU: gradient benchmark skipped (" + why + ")");
            System.out.println("GRADBENCH SKIPPED");
            return;
        }
        long t0 = System.nanoTime();
        System.out.println("| workload | precision | batch | compartments | steps | forward ms | value+grad ms | ratio "
                + "| value+grad comp-steps/s | device MiB | K | wall ms | runs |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        int failed = 0;
        try (CudaEngine f32 = CudaEngine.create(Precision.FLOAT32); CudaEngine f64 = CudaEngine.create(Precision.FLOAT64)) {
            for (String spec : specs) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (elapsed > budgetS) {
                    System.out.println("| " + spec + " | skipped: time budget of " + budgetS + " s used |");
                    continue;
                }
                try {
                    System.out.println(runOne(spec, f32, f64, budgetS - elapsed));
                } catch (RuntimeException e) {
                    failed++;
                    System.out.println("| " + spec + " | FAILED: " + e + " |");
                    e.printStackTrace(System.out);
                }
            }
            System.out.println("gradient module: f32 " + f32.moduleOrigin(KernelSources.builtinGradients()) + ", f64 "
                    + f64.moduleOrigin(KernelSources.builtinGradients()));
        }
        System.out.println(failed == 0 ? "GRADBENCH OK" : "GRADBENCH FAILED " + failed);
        if (failed > 0) {
            System.exit(1);
        }
    }

    static ParityModels.Case workload(String name, int sets) {
        return switch (name) {
            case "hh1" -> ParityModels.hh1(sets, 100.0, 42);
            case "tree252" -> ParityModels.tree252(sets, 100.0, 42);
            case "ca1" -> ParityModels.ca1(sets, 100.0, 42);
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }

    static String runOne(String spec, CudaEngine f32, CudaEngine f64, double secondsLeft) {
        String[] p = spec.split(":");
        CudaEngine engine = p[1].equals("f64") ? f64 : f32;
        int sets = Integer.parseInt(p[2]);
        ParityModels.Case c = workload(p[0], sets);
        List<Double> fwd = new ArrayList<>();
        try (CudaEngine.Prepared run = engine.prepare(c.plan(), c.protocol(), c.batch())) {
            double spent = run.launchTimedMs();
            for (int i = 0; i < 3 && (i == 0 || spent < 5000); i++) {
                double ms = run.launchTimedMs();
                fwd.add(ms);
                spent += ms;
            }
        }
        CudaGradientEngine grad = new CudaGradientEngine(engine, null);
        Loss loss = Losses.meanSquaredErrorTo(-60.0, 1);
        List<Double> vg = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        KernelGradients.Result last = null;
        double spent = 0;
        for (int i = 0; i < 4 && (i < 2 || spent < 10_000) && (i == 0 || spent / 1000 < secondsLeft / 2); i++) {
            long w0 = System.nanoTime();
            last = grad.run(c.plan(), c.protocol(), c.batch(), loss, false, RunControl.none());
            double wallMs = (System.nanoTime() - w0) / 1e6;
            spent += wallMs;
            if (i > 0) { // the first call is the warm-up (module load, first allocations)
                vg.add(last.kernelMs());
                wall.add(wallMs);
            }
        }
        if (vg.isEmpty()) {
            vg.add(last.kernelMs());
            wall.add(spent);
        }
        for (int b = 0; b < sets; b++) {
            if (!Double.isFinite(last.loss()[b]) || Arrays.stream(last.gradient()[b]).anyMatch(x -> !Double.isFinite(x))) {
                throw new IllegalStateException("set " + b + " has a non-finite loss or gradient");
            }
        }
        double f = median(fwd);
        double g = median(vg);
        int steps = last.steps();
        long comps = c.plan().numCompartments();
        double rate = comps * (double) steps * sets / (g / 1000.0);
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.2f | %.2f | %.2f | %.3e | %.1f | %d | %.0f | %d |",
                p[0], p[1], sets, comps, steps, f, g, g / f, rate, last.peakBytes() / 1048576.0, last.checkpointEvery(),
                median(wall), vg.size());
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }
}
