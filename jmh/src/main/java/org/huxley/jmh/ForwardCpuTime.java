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
 * machine disturbs far less than wall time; complements {@link ForwardBenchmark} and
 * {@link NeuronCasesBenchmark}. Workloads: hh1, tree252, ca1 (StandardWorkloads, with a batch size)
 * or NEURON's cases i, ii, iii in network form.
 *
 * <pre>java -cp jmh/target/benchmarks.jar org.huxley.jmh.ForwardCpuTime neuron:i 1 3</pre>
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
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CpuEngine engine = new CpuEngine(1);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            engine.run(w.plan(), w.protocol(), w.batch());
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%s (B=%d, %d compartments, %d steps): %.3f s thread CPU, %.2e comp-steps/s%n",
                name, w.batch().size(), w.plan().numCompartments(), w.protocol().steps(), best,
                w.compartmentSteps() / best);
    }
}
