package org.huxley.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.huxley.engine.internal.CellChunks;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.SetValues;
import org.huxley.engine.internal.StepState;
import org.huxley.plan.Plan;

/**
 * Integrates one parameter set with {@link ForwardStepper} and writes the recordings; with
 * {@link CellChunks}, cells that do not interact (no synapses) run on separate fork-join tasks, each
 * chunk through all its steps; otherwise node ranges may share the channel work of every step
 * (the tree solve stays on one thread). Checks for cancellation and reports progress every
 * {@value #BLOCK_STEPS} steps.
 */
final class CpuIntegrator {
    /** Steps between cancellation checks and progress reports. */
    static final int BLOCK_STEPS = 100;
    private final Plan plan;
    private final Protocol protocol;
    private final MechanismKernel[] channelKernels;
    private final MechanismKernel[] synapseKernels;
    private final CellChunks chunks;
    private final CellChunks nodeChunks;
    private final RunProgress progress;

    /**
     * @param chunks cells to run as parallel tasks through all steps (null: not split by cells)
     * @param nodeChunks node ranges whose channels run as parallel tasks within each step, where
     *     {@code chunks} does not apply (one big cell, or synapses); null: one after another
     */
    CpuIntegrator(Plan plan, Protocol protocol, MechanismKernel[] channelKernels, MechanismKernel[] synapseKernels,
            CellChunks chunks, CellChunks nodeChunks, RunProgress progress) {
        this.plan = plan;
        this.protocol = protocol;
        this.channelKernels = channelKernels;
        this.synapseKernels = synapseKernels;
        this.chunks = chunks;
        this.nodeChunks = nodeChunks;
        this.progress = progress;
    }

    /**
     * @param out output [recording][sample]
     * @return the step after which the state was first non-finite, or −1
     * @throws RunCancelledException if the run was cancelled
     */
    int run(SetValues values, double[][] stimuli, double[][] clamps, int steps, double[][] out) {
        ForwardStepper stepper = new ForwardStepper(plan, protocol.dtMs(), protocol.slope(), channelKernels,
                synapseKernels, values);
        StepState s = StepState.initial(plan, values);
        stepper.initialCurrents(s);
        s.recordInto(plan, out, 0);
        int diverged;
        if (chunks != null && stepper.chunkable() && !stepper.hasSynapseStep()) {
            diverged = runChunks(stepper, s, stimuli, clamps, steps, out);
        } else if (nodeChunks != null && stepper.chunkable()) {
            List<CellChunks.Chunk> list = nodeChunks.chunks();
            RecursiveAction[] tasks = new RecursiveAction[list.size()];
            diverged = runAll(s, steps, out, step -> {
                for (int k = 0; k < tasks.length; k++) {
                    CellChunks.Chunk c = list.get(k);
                    tasks[k] = new RecursiveAction() {
                        @Override
                        protected void compute() {
                            stepper.chunkChannels(s, step, stimuli, c);
                        }
                    };
                }
                ForkJoinTask.invokeAll(tasks);
                stepper.synapseStep(s, step);
                stepper.solveAll(s);
                stepper.applyClamps(s, step, clamps);
            });
        } else {
            diverged = runAll(s, steps, out, step -> stepper.step(s, step, stimuli, clamps));
        }
        if (diverged >= 0) {
            int stride = protocol.recordEvery();
            int from = (diverged + stride - 1) / stride;
            for (double[] row : out) {
                Arrays.fill(row, from, row.length, Double.NaN);
            }
        }
        return diverged;
    }

    /** Steps all cells together, {@code step} advancing them by one step. */
    private int runAll(StepState s, int steps, double[][] out, IntConsumer stepAction) {
        int stride = protocol.recordEvery();
        RecordBuffer rec = new RecordBuffer(plan, out, IntStream.range(0, out.length).toArray());
        try {
            for (int step = 0; step < steps; step++) {
                if (step % BLOCK_STEPS == 0 && step > 0) {
                    progress.advance(BLOCK_STEPS, step, steps);
                }
                stepAction.accept(step);
                if (!s.isFinite()) {
                    return step + 1;
                }
                if ((step + 1) % stride == 0) {
                    rec.record(s, (step + 1) / stride);
                }
            }
        } finally {
            rec.flush();
        }
        progress.advance(steps - (steps - 1) / BLOCK_STEPS * BLOCK_STEPS, steps, steps);
        return -1;
    }

    /** Every chunk through all steps as its own task; the earliest divergence over chunks. */
    private int runChunks(ForwardStepper stepper, StepState s, double[][] stimuli, double[][] clamps, int steps,
            double[][] out) {
        List<CellChunks.Chunk> list = chunks.chunks();
        List<RecursiveTask<Integer>> tasks = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            CellChunks.Chunk c = list.get(k);
            boolean reports = k == 0; // the first chunk stands for the set's progress
            tasks.add(new RecursiveTask<>() {
                @Override
                protected Integer compute() {
                    return runChunk(stepper, s, stimuli, clamps, steps, out, c, reports);
                }
            });
        }
        ForkJoinTask.invokeAll(tasks);
        int diverged = -1;
        for (RecursiveTask<Integer> t : tasks) {
            int d = t.join();
            if (d >= 0 && (diverged < 0 || d < diverged)) {
                diverged = d;
            }
        }
        return diverged;
    }

    private int runChunk(ForwardStepper stepper, StepState s, double[][] stimuli, double[][] clamps, int steps,
            double[][] out, CellChunks.Chunk c, boolean reports) {
        int stride = protocol.recordEvery();
        RecordBuffer rec = new RecordBuffer(plan, out, c.recordings());
        try {
            for (int step = 0; step < steps; step++) {
                if (step % BLOCK_STEPS == 0 && step > 0) {
                    if (reports) {
                        progress.advance(BLOCK_STEPS, step, steps);
                    } else {
                        progress.checkCancelled(step, steps);
                    }
                }
                stepper.chunkStep(s, step, stimuli, clamps, c);
                if (!s.isFinite(c.nodeFrom(), c.nodeTo())) {
                    return step + 1;
                }
                if ((step + 1) % stride == 0) {
                    rec.record(s, (step + 1) / stride);
                }
            }
        } finally {
            rec.flush();
        }
        if (reports) {
            progress.advance(steps - (steps - 1) / BLOCK_STEPS * BLOCK_STEPS, steps, steps);
        }
        return -1;
    }
}
