package org.huxley.adjoint.cuda;

import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.GradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Loss;
import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.CudaGradients;
import org.huxley.cuda.KernelGradients;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.RunControl;
import org.huxley.engine.internal.RunInputs;
import org.huxley.plan.Plan;

/**
 * The discrete adjoint on an NVIDIA GPU with the contract of {@link org.huxley.adjoint.CpuGradientEngine}:
 * loss and gradient for B parameter sets, NaN and a flag for sets whose simulation diverged, the
 * forward recordings and a memory report. Checkpoints every K steps stay in device memory (K from the
 * {@link CheckpointPolicy}, default ⌈√T⌉); each segment is recomputed and reversed on the device; the
 * loss and ∂L/∂recording are evaluated on the host between the forward and the backward sweep (any
 * {@link Loss}). float64 equals the CPU adjoint to roundoff of exp/log; float32 for speed
 * (docs/gpu.md "Gradients"). Transmission delays and spike-train synapses are refused, as by
 * {@link CudaEngine}.
 */
public final class CudaGradientEngine implements GradientEngine, AutoCloseable {
    private final CudaGradients gradients;
    private final CheckpointPolicy policy;
    private final boolean ownsEngine;

    /**
     * Opens the GPU ({@link CudaEngine#create}); checkpoints every ⌈√T⌉ steps.
     *
     * @param precision the kernels' precision
     * @return the engine (close it to release the device)
     * @throws org.huxley.cuda.CudaUnavailableException with the reason when no GPU can be used
     */
    public static CudaGradientEngine create(Precision precision) {
        return new CudaGradientEngine(CudaEngine.create(precision), null, true);
    }

    /**
     * Uses an open forward engine's device and modules (not closed by {@link #close()}).
     *
     * @param engine the forward engine whose context and modules to share
     * @param policy checkpointing (null: every ⌈√T⌉ steps)
     */
    public CudaGradientEngine(CudaEngine engine, CheckpointPolicy policy) {
        this(engine, policy, false);
    }

    private CudaGradientEngine(CudaEngine engine, CheckpointPolicy policy, boolean ownsEngine) {
        this.gradients = new CudaGradients(engine);
        this.policy = policy;
        this.ownsEngine = ownsEngine;
    }

    @Override
    public String name() {
        return "cuda-" + gradients.engine().precision().suffix() + "-adjoint";
    }

    /** {@return the forward engine this engine runs on} */
    public CudaEngine engine() {
        return gradients.engine();
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss) {
        return valueAndGradient(plan, protocol, batch, loss, RunControl.none());
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss, RunControl control) {
        return KernelGradientSupport.toResult(run(plan, protocol, batch, loss, true, control), batch, name());
    }

    /**
     * As {@link #valueAndGradient}, with the kernel time and device bytes of the run (benchmarks);
     * {@code recordings = false} leaves the recordings on the device when the loss is evaluated there
     * (the built-in mean squared error).
     *
     * @param plan the compiled model
     * @param protocol time step and duration
     * @param batch parameter sets (their layout defines θ)
     * @param loss the loss on the plan's recordings
     * @param recordings whether to download the recordings
     * @param control cancellation and progress
     * @return loss, gradient, kernel time and device memory of the run
     */
    public KernelGradients.Result run(Plan plan, Protocol protocol, Batch batch, Loss loss, boolean recordings,
            RunControl control) {
        Precision precision = gradients.engine().precision();
        int steps = RunInputs.prepare(plan, protocol, batch).steps;
        loss.checkShape(plan.recordings().size(), steps / protocol.recordEvery() + 1);
        int every = KernelGradientSupport.checkpointEvery(policy, plan, steps, precision, batch.size());
        return gradients.valueAndGradient(plan, protocol, batch, KernelGradientSupport.request(loss, every, recordings),
                control);
    }

    @Override
    public void close() {
        if (ownsEngine) {
            gradients.engine().close();
        }
    }
}
