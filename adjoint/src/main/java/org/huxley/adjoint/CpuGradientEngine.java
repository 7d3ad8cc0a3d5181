package org.huxley.adjoint;

import java.util.Arrays;
import org.huxley.adjoint.internal.GradientMapper;
import org.huxley.adjoint.internal.SetAdjoint;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
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
 */
public final class CpuGradientEngine implements GradientEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CpuGradientEngine.class);
    private final int parallelism;
    private final CheckpointPolicy policy;

    /** All processors, checkpoints every √T steps. */
    public CpuGradientEngine() {
        this(Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * @param parallelism threads working on parameter sets
     * @param policy checkpointing; null for uniform K = ⌈√T⌉
     */
    public CpuGradientEngine(int parallelism, CheckpointPolicy policy) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "cpu-float64-adjoint";
    }

    @Override
    public GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss) {
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
        CpuEngine.forEachSet(sets, parallelism, b -> {
            SetValues values = in.values(plan, batch, b);
            ForwardStepper fwd = new ForwardStepper(plan, protocol.dtMs(), protocol.slope(), in.channelKernels,
                    in.synapseKernels, values);
            SetAdjoint run = new SetAdjoint(plan, fwd, derivatives[0], derivatives[1], in.stimuli[b], in.clamps,
                    in.steps, stride, chunks);
            SetAdjoint.Outcome o = run.run(b, loss, data[b]);
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
