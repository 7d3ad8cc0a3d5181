package org.huxley.adjoint.cuda;

import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.MemoryReport;
import org.huxley.cuda.KernelGradients;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the kernel gradient engines share: the checkpoint interval from a policy, the result. */
final class KernelGradientSupport {
    private static final Logger LOG = LoggerFactory.getLogger(KernelGradientSupport.class);

    private KernelGradientSupport() {
    }

    /**
     * K for the kernels' two-level schedule (checkpoints every K steps, one segment buffer): null →
     * ⌈√T⌉; {@code full()} → 1; {@code uniform(K)} → K; {@code levels(…)} and {@code memoryBudget}
     * → the outer segment length the CPU engine would use (a deeper nesting is not run on the device:
     * its inner levels are replaced by the one segment buffer).
     */
    static int checkpointEvery(CheckpointPolicy policy, Plan plan, int steps, Precision precision, int sets) {
        if (policy == null) {
            return KernelGradients.defaultCheckpointEvery(steps);
        }
        int[] chunks = policy.chunkSizes(steps, KernelGradients.bytesPerState(plan, precision), sets);
        if (chunks.length > 2) {
            LOG.info("checkpoint policy {} nests {} levels; the gradient kernels keep every {}-th state and one "
                    + "segment buffer", policy, chunks.length, chunks[0]);
        }
        return Math.max(1, chunks[0]);
    }

    /** The kernels' request for a loss: on the device when it is the built-in mean squared error. */
    static KernelGradients.Request request(org.huxley.adjoint.Loss loss, int every, boolean recordings) {
        KernelGradients.DeviceLoss dl = org.huxley.adjoint.KernelLosses.deviceLoss(loss);
        return dl != null ? new KernelGradients.Request(null, dl, recordings, every)
                : KernelGradients.Request.host(loss::evaluate, every);
    }

    static GradientResult toResult(KernelGradients.Result r, Batch batch, String engine) {
        int[] schedule = r.checkpointEvery() >= r.steps() ? new int[] {1} : new int[] {r.checkpointEvery(), 1};
        MemoryReport mem = new MemoryReport(schedule, r.storedStatesPerSet(), r.bytesPerState(), r.forwardStepsPerSet(),
                r.steps(), r.setsPerLaunch());
        GradientResult result = new GradientResult(r.loss(), r.gradient(), r.recordings(), mem,
                batch.parameters().layout().names());
        warnDiverged(result, engine);
        return result;
    }

    private static void warnDiverged(GradientResult r, String engine) {
        var d = r.recordings().divergedSets();
        if (!d.isEmpty()) {
            LOG.warn("{}: {} of {} parameter sets diverged; their loss and gradient are NaN (first: set {} at step {})",
                    engine, d.size(), r.numSets(), d.get(0), r.recordings().divergedAtStep(d.get(0)));
        }
    }
}
