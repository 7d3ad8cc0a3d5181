package org.huxley.adjoint;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.huxley.adjoint.internal.GradientMapper;
import org.huxley.adjoint.internal.ParallelSets;
import org.huxley.adjoint.internal.SegmentGate;
import org.huxley.adjoint.internal.SetAdjoint;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.RunInputs;
import org.huxley.engine.internal.SetValues;
import org.huxley.engine.internal.StepState;
import org.huxley.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The float64 discrete adjoint on the CPU: the exact gradient of the simulation as
 * {@link CpuEngine} computes it, for B parameter sets in parallel, with checkpointing chosen by a
 * {@link CheckpointPolicy}. Sets whose simulation diverges get NaN and are flagged; the others are
 * unaffected.
 *
 * <p>Threads: each parameter set is one task; at most {@code parallelism} run at once, on the
 * caller's {@link Executor} or on threads the engine starts per call. Sets are independent, so the
 * result is bitwise the same for any thread count.
 *
 * <p>Cancellation and progress ({@link #valueAndGradient(Plan, Protocol, Batch, Loss, RunControl)}):
 * the unit is one top-level checkpoint segment of one set, forward or backward, so a run of B sets
 * and T steps with top-level chunk K reports {@code 2·B·⌈T/K⌉} units in phase {@code "gradient"}.
 * A cancelled run stops at the next segment boundary of each running set, releases its checkpoints
 * and throws {@link org.huxley.engine.RunCancelledException}.
 */
public final class CpuGradientEngine implements GradientEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CpuGradientEngine.class);
    private final int parallelism;
    private final CheckpointPolicy policy;
    private final Executor executor;

    /** All processors, checkpoints every √T steps. */
    public CpuGradientEngine() {
        this(Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * An engine on threads of its own (started per call, stopped when it returns).
     *
     * @param parallelism parameter sets computed at once (threads)
     * @param policy checkpointing; null for uniform K = ⌈√T⌉
     */
    public CpuGradientEngine(int parallelism, CheckpointPolicy policy) {
        this(null, parallelism, policy);
    }

    /**
     * An engine whose parameter sets run as tasks on {@code executor} (for example an application's
     * pool, or {@code Executors.newVirtualThreadPerTaskExecutor()}); the engine never shuts it down.
     *
     * @param executor where sets run; null for threads of the engine's own
     * @param parallelism parameter sets computed at once (this also sizes the checkpoint memory
     *     budget, which is shared by the sets in memory at once)
     * @param policy checkpointing; null for uniform K = ⌈√T⌉
     */
    public CpuGradientEngine(Executor executor, int parallelism, CheckpointPolicy policy) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.policy = policy;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "cpu-float64-adjoint";
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss) {
        return valueAndGradient(plan, protocol, batch, loss, RunControl.none());
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss, RunControl control) {
        if (control == null) {
            throw new IllegalArgumentException("control must not be null (use RunControl.none())");
        }
        control.throwIfCancelled("before the gradient run started");
        RunInputs in = RunInputs.prepare(plan, protocol, batch);
        int sets = batch.size();
        int stride = protocol.recordEvery();
        int samples = in.steps / stride + 1;
        int nrec = plan.recordings().size();
        loss.checkShape(nrec, samples);
        var derivatives = SetAdjoint.derivatives(in.channelKernels, in.synapseKernels);
        long bytesPerState = 8L * StepState.initial(plan, new SetValues(plan)).checkpointSize();
        int concurrent = Math.min(parallelism, sets);
        CheckpointPolicy p = policy != null ? policy
                : CheckpointPolicy.uniform(Math.max(1, (int) Math.ceil(Math.sqrt(Math.max(1, in.steps)))));
        int[] chunks = p.chunkSizes(in.steps, bytesPerState, concurrent);
        double[][][] data = new double[sets][nrec][samples];
        double[] losses = new double[sets];
        double[][] grads = new double[sets][];
        int[] diverged = new int[sets];
        long[] peak = new long[sets];
        long[] fsteps = new long[sets];
        long segmentsPerSweep = (in.steps + chunks[0] - 1) / chunks[0];
        long totalUnits = 2L * sets * segmentsPerSweep;
        AtomicLong doneUnits = new AtomicLong();
        SegmentGate gate = (set, backward, segment, segments) -> {
            control.report("gradient", doneUnits.incrementAndGet(), totalUnits);
            if (control.isCancelled()) {
                control.throwIfCancelled(String.format(Locale.ROOT, "after %s checkpoint segment %d of %d of set %d",
                        backward ? "backward" : "forward", segment, segments, set));
            }
        };
        ParallelSets.run(sets, parallelism, executor, b -> {
            control.throwIfCancelled("before set " + b + " started");
            SetValues values = in.values(plan, batch, b);
            ForwardStepper fwd = new ForwardStepper(plan, protocol.dtMs(), protocol.slope(), in.channelKernels,
                    in.synapseKernels, values);
            SetAdjoint run = new SetAdjoint(plan, fwd, derivatives[0], derivatives[1], in.stimuli[b], in.clamps,
                    in.steps, stride, chunks);
            SetAdjoint.Outcome o = run.run(b, loss, data[b], gate);
            losses[b] = o.loss();
            diverged[b] = o.divergedAtStep();
            peak[b] = o.peakStoredStates();
            fsteps[b] = o.forwardSteps();
            if (o.divergedAtStep() >= 0) {
                grads[b] = new double[in.binding.size()];
                Arrays.fill(grads[b], Double.NaN);
            } else {
                grads[b] = GradientMapper.map(in.binding, values, o);
            }
        });
        Recordings rec = Recordings.of(data, plan.recordingLabels(), protocol.dtMs(), stride, diverged);
        if (!rec.divergedSets().isEmpty()) {
            LOG.warn("{} of {} parameter sets diverged; their loss and gradient are NaN (first: set {} at step {})",
                    rec.divergedSets().size(), sets, rec.divergedSets().get(0),
                    rec.divergedAtStep(rec.divergedSets().get(0)));
        }
        MemoryReport mem = new MemoryReport(chunks, Arrays.stream(peak).max().orElse(0), bytesPerState,
                Arrays.stream(fsteps).max().orElse(0), in.steps, concurrent);
        return new GradientResult(losses, grads, rec, mem, batch.parameters().layout().names());
    }
}
