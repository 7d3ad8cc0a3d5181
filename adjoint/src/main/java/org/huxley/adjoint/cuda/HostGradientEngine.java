package org.huxley.adjoint.cuda;

import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.GradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Loss;
import org.huxley.cuda.KernelGradients;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.RunControl;
import org.huxley.plan.Plan;

/**
 * The gradient kernels compiled for the host ({@code libhuxley_host.so}, g++) and run through the
 * same {@code hx_adj} ABI, schedule and marshalling as {@link CudaGradientEngine}: a GPU-less check of
 * the kernel adjoint against {@link org.huxley.adjoint.CpuGradientEngine}. Single-threaded; for tests
 * and diagnostics, not for speed.
 */
public final class HostGradientEngine implements GradientEngine {
    private final Precision precision;
    private final CheckpointPolicy policy;

    /**
     * An engine that checkpoints every ⌈√T⌉ steps.
     *
     * @param precision the kernels' precision
     */
    public HostGradientEngine(Precision precision) {
        this(precision, null);
    }

    /**
     * An engine with a checkpoint policy.
     *
     * @param precision the kernels' precision
     * @param policy the checkpoint policy (null: every ⌈√T⌉ steps)
     */
    public HostGradientEngine(Precision precision, CheckpointPolicy policy) {
        this.precision = precision;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "host-kernels-" + precision.suffix() + "-adjoint";
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss) {
        return valueAndGradient(plan, protocol, batch, loss, RunControl.none());
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss, RunControl control) {
        int steps = org.huxley.engine.internal.RunInputs.prepare(plan, protocol, batch).steps;
        loss.checkShape(plan.recordings().size(), steps / protocol.recordEvery() + 1);
        int every = KernelGradientSupport.checkpointEvery(policy, plan, steps, precision, batch.size());
        KernelGradients.Result r = KernelGradients.host(precision, true, plan, protocol, batch,
                KernelGradientSupport.request(loss, every, true), control);
        return KernelGradientSupport.toResult(r, batch, name());
    }
}
