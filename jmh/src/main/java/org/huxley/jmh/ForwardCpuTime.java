package org.huxley.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.huxley.bench.NeuronCases;
import org.huxley.bench.StandardWorkloads;
import org.huxley.bench.Workload;
import org.huxley.engine.CpuEngine;

/**
 * Single-threaded forward throughput in thread CPU time (best of {@code reps}), which a busy shared
 * machine disturbs far less than wall time, with the best wall time beside it; with a thread count
 * as fourth argument, wall time only (the other threads' CPU time is not counted). Complements {@link ForwardBenchmark} and
 * {@link NeuronCasesBenchmark}. Workloads: hh1, tree252, ca1 (StandardWorkloads, with a batch size)
 * or NEURON's cases i, ii, iii in network form.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp jmh/target/benchmarks.jar org.huxley.jmh.ForwardCpuTime neuron:i 1 3 [threads]</pre>
 * (without {@code --add-modules} the column kernels are scalar; the log line says which).
 */
public final class ForwardCpuTime {
    private ForwardCpuTime() {
    }

    public static void main(String[] args) {
        String name = args[0];
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Workload w = name.startsWith("neuron:") ? NeuronCases.network(name.substring(7))
                : StandardWorkloads.byName(name, batch, 42);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CpuEngine engine = new CpuEngine(threads);
        double best = Double.MAX_VALUE;
        double bestWall = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            engine.run(w.plan(), w.protocol(), w.batch());
            bestWall = Math.min(bestWall, (System.nanoTime() - w0) / 1e9);
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        if (threads == 1) {
            System.out.printf(Locale.ROOT, "%s (B=%d, %d compartments, %d steps): %.3f s thread CPU, %.2e comp-steps/s"
                    + " (wall %.3f s, %.2e)%n", name, w.batch().size(), w.plan().numCompartments(),
                    w.protocol().steps(), best, w.compartmentSteps() / best, bestWall, w.compartmentSteps() / bestWall);
        } else {
            System.out.printf(Locale.ROOT, "%s (B=%d, %d compartments, %d steps), %d threads: wall %.3f s, %.2e "
                    + "comp-steps/s%n", name, w.batch().size(), w.plan().numCompartments(), w.protocol().steps(),
                    threads, bestWall, w.compartmentSteps() / bestWall);
        }
    }
}
