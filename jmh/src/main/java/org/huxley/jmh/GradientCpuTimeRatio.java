package org.huxley.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.Loss;
import org.huxley.adjoint.Losses;
import org.huxley.bench.StandardWorkloads;
import org.huxley.bench.Workload;
import org.huxley.engine.CpuEngine;

/**
 * Gradient/forward cost ratio measured in thread CPU time (single-threaded engines), which a busy
 * machine disturbs far less than wall time; complements {@link GradientBenchmark}. Prints the best
 * of {@code reps} runs of forward, value+gradient with full storage and with uniform √T checkpoints.
 *
 * <pre>java -cp jmh/target/benchmarks.jar org.huxley.jmh.GradientCpuTimeRatio hh1 1000 5</pre>
 */
public final class GradientCpuTimeRatio {
    private GradientCpuTimeRatio() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "hh1";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Workload w = StandardWorkloads.byName(name, batch, 42);
        CpuEngine forward = new CpuEngine(1);
        Loss loss = Losses.meanSquaredError(new double[][] {forward.run(w.plan(), w.protocol()).trace(0, 0)});
        int k = (int) Math.ceil(Math.sqrt(w.protocol().steps()));
        CpuGradientEngine full = new CpuGradientEngine(1, CheckpointPolicy.full());
        CpuGradientEngine sqrt = new CpuGradientEngine(1, CheckpointPolicy.uniform(k));
        double f = Double.MAX_VALUE;
        double g = Double.MAX_VALUE;
        double s = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            forward.run(w.plan(), w.protocol(), w.batch());
            long t1 = mx.getCurrentThreadCpuTime();
            full.valueAndGradient(w.plan(), w.protocol(), w.batch(), loss);
            long t2 = mx.getCurrentThreadCpuTime();
            sqrt.valueAndGradient(w.plan(), w.protocol(), w.batch(), loss);
            long t3 = mx.getCurrentThreadCpuTime();
            f = Math.min(f, (t1 - t0) / 1e9);
            g = Math.min(g, (t2 - t1) / 1e9);
            s = Math.min(s, (t3 - t2) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%s B=%d (best of %d, thread CPU time): forward %.3f s (%.2e comp-steps/s); "
                + "value+gradient full storage %.3f s (ratio %.2f); uniform K=%d %.3f s (ratio %.2f)%n",
                name, batch, reps, f, w.compartmentSteps() / f, g, g / f, k, s, s / f);
    }
}
