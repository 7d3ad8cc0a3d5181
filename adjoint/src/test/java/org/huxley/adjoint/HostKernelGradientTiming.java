package org.huxley.adjoint;

import java.util.Locale;
import org.huxley.cuda.HostEngine;
import org.huxley.cuda.KernelGradients;
import org.huxley.testing.ParityModels;
import org.huxley.engine.Precision;
import org.huxley.engine.RunControl;
import org.huxley.engine.internal.RunInputs;

/**
 * A rough, GPU-less look at the gradient kernels' cost: the host build's value + gradient time (device
 * mean squared error, checkpoints every ⌈√T⌉ steps, recordings not copied) over its forward time, one
 * thread, after one warm-up each. Not the device ratio (memory-bound there), but a regression signal
 * for the generated derivative code. Usage: {@code HostKernelGradientTiming hh1:f32:2000 tree252:f64:4 …}.
 */
public final class HostKernelGradientTiming {
    private HostKernelGradientTiming() {
    }

    public static void main(String[] args) {
        for (String spec : args) {
            String[] p = spec.split(":");
            Precision prec = p[1].equals("f64") ? Precision.FLOAT64 : Precision.FLOAT32;
            int sets = Integer.parseInt(p[2]);
            ParityModels.Case c = GpuGradientBench.workload(p[0], sets);
            HostEngine fwd = new HostEngine(prec);
            fwd.run(c.plan(), c.protocol(), c.batch());
            long t0 = System.nanoTime();
            fwd.run(c.plan(), c.protocol(), c.batch());
            double forwardMs = (System.nanoTime() - t0) / 1e6;
            int steps = RunInputs.prepare(c.plan(), c.protocol(), c.batch()).steps;
            KernelGradients.Request req = new KernelGradients.Request(null,
                    KernelLosses.deviceLoss(Losses.meanSquaredErrorTo(-60.0, 1)), false,
                    KernelGradients.defaultCheckpointEvery(steps));
            KernelGradients.host(prec, true, c.plan(), c.protocol(), c.batch(), req, RunControl.none());
            KernelGradients.Result r = KernelGradients.host(prec, true, c.plan(), c.protocol(), c.batch(), req,
                    RunControl.none());
            System.out.printf(Locale.ROOT, "%s: host forward %.0f ms, host value+grad kernels %.0f ms, ratio %.2f%n",
                    spec, forwardMs, r.kernelMs(), r.kernelMs() / forwardMs);
        }
    }
}
