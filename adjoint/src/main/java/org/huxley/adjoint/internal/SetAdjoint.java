package org.huxley.adjoint.internal;

import java.util.List;
import org.huxley.ModelException;
import org.huxley.adjoint.Loss;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.StepState;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;

/**
 * Value and gradient for one parameter set: a forward sweep that records and keeps checkpoints,
 * the loss, then the backward sweep segment by segment in reverse, recomputing states from the
 * checkpoints (nested levels as the chunk sizes say). Checkpoints hold voltages and states only.
 * A {@link SegmentGate} is passed after every top-level segment (cancellation and progress).
 */
public final class SetAdjoint {
    private final Plan plan;
    private final ForwardStepper fwd;
    private final BackwardStepper bwd;
    private final double[][] stimuli;
    private final double[][] clamps;
    private final int steps;
    private final int stride;
    private final int[] chunk;
    private final boolean hasClamps;
    private final int stateSize;
    private final StepState bufA;
    private final StepState bufB;
    private final StepState work;
    private long liveStates;
    private long peakStates;
    private long forwardSteps;
    private double[][] recGrad;
    private Cotangents cot;
    private Cotangents spare;
    private final Accumulators acc;
    /** Recomputes segments with kernels that also emit derivatives into {@link #cache} (analytic slope). */
    private final ForwardStepper fwdExt;
    private final DerivativeCache cache;
    private SegmentGate gate = SegmentGate.OPEN;
    private int set;

    public SetAdjoint(Plan plan, ForwardStepper fwd, MechanismDerivatives[] ch, MechanismDerivatives[] sy,
            double[][] stimuli, double[][] clamps, int steps, int stride, int[] chunkSizes) {
        this.plan = plan;
        this.fwd = fwd;
        StepState shape = StepState.initial(plan, fwd.values);
        this.bwd = new BackwardStepper(fwd, ch, sy, shape);
        this.stimuli = stimuli;
        this.clamps = clamps;
        this.steps = steps;
        this.stride = stride;
        this.chunk = chunkSizes;
        this.hasClamps = plan.numClamps() > 0;
        this.stateSize = shape.checkpointSize();
        this.bufA = shape.copy();
        this.bufB = shape.copy();
        this.work = shape.copy();
        this.cot = new Cotangents(plan.numNodes(), shape.channel, shape.synapse, shape.history.length);
        this.spare = new Cotangents(plan.numNodes(), shape.channel, shape.synapse, shape.history.length);
        this.acc = new Accumulators(plan.numNodes(), fwd.values.channelParams, fwd.values.synapseParams);
        int longestSegment = chunkSizes.length >= 2 ? chunkSizes[chunkSizes.length - 2] : 0;
        if (longestSegment > 1 && fwd.slopeMode == org.huxley.engine.SlopeMode.ANALYTIC) {
            MechanismKernel[] chExt = new MechanismKernel[ch.length];
            for (int t = 0; t < ch.length; t++) {
                chExt[t] = ch[t].extendedKernel();
            }
            MechanismKernel[] syExt = new MechanismKernel[sy.length];
            for (int t = 0; t < sy.length; t++) {
                syExt[t] = sy[t].extendedKernel();
            }
            this.cache = new DerivativeCache(plan, ch, sy, longestSegment);
            this.fwdExt = new ForwardStepper(plan, fwd.dt, fwd.slopeMode, chExt, syExt, fwd.values);
            fwdExt.observe(cache);
        } else {
            this.cache = null;
            this.fwdExt = null;
        }
    }

    /** Builds the derivative kernels of a plan's channels and synapses (shared by all sets). */
    public static MechanismDerivatives[][] derivatives(MechanismKernel[] ch, MechanismKernel[] sy) {
        MechanismDerivatives[] c = new MechanismDerivatives[ch.length];
        for (int i = 0; i < ch.length; i++) {
            c[i] = new MechanismDerivatives(ch[i]);
        }
        MechanismDerivatives[] s = new MechanismDerivatives[sy.length];
        for (int i = 0; i < sy.length; i++) {
            s[i] = new MechanismDerivatives(sy[i]);
        }
        return new MechanismDerivatives[][] {c, s};
    }

    /** Result of one set. */
    public record Outcome(double loss, int divergedAtStep, Accumulators accumulators, double[] vbar0,
            double[][][] channelBar0, double[][][] synapseBar0, long peakStoredStates, long forwardSteps,
            long valuesPerState) {
    }

    /**
     * @param set the set's index (passed to the loss)
     * @param out recordings [recording][sample] (filled)
     */
    public Outcome run(int set, Loss loss, double[][] out) {
        return run(set, loss, out, SegmentGate.OPEN);
    }

    /**
     * As {@link #run(int, Loss, double[][])}, passing {@code gate} after every top-level segment
     * (⌈T / chunk[0]⌉ forward, as many backward). If the gate throws, every checkpoint this run
     * holds is released before the exception leaves.
     */
    public Outcome run(int set, Loss loss, double[][] out, SegmentGate gate) {
        this.gate = gate;
        this.set = set;
        StateStore level0 = null;
        try {
            StepState s = StepState.initial(plan, fwd.values);
            fwd.initialCurrents(s);
            s.recordInto(plan, out, 0);
            // Level-0 sweep: record every sample, keep every chunk[0]-th state and the final one.
            int k0 = chunk[0];
            int nChunks = (steps + k0 - 1) / k0;
            level0 = new StateStore(stateSize, steps / k0 + 2);
            keep(level0, s);
            for (int n = 0; n < steps; n++) {
                fwd.step(s, n, stimuli, clamps);
                forwardSteps++;
                if (!s.isFinite()) {
                    return diverged(n + 1, out);
                }
                if ((n + 1) % stride == 0) {
                    s.recordInto(plan, out, (n + 1) / stride);
                }
                if ((n + 1) % k0 == 0 || n + 1 == steps) {
                    keep(level0, s);
                    gate.passed(set, false, (n + k0) / k0, nChunks);
                }
            }
            recGrad = new double[out.length][out[0].length];
            double value = loss.evaluate(set, out, recGrad);
            checkSupportedLossRows();
            addLoss(steps);
            if (k0 == 1) {
                backwardOver(level0, 0, null, null, 0, true);
            } else {
                StepState end = work.copy();
                for (int c = nChunks - 1; c >= 0; c--) {
                    int a = c * k0;
                    level0.load(c, work);
                    level0.load(c + 1, end);
                    reverse(work, end, a, Math.min(a + k0, steps), 1);
                    release(level0, c + 1);
                    gate.passed(set, true, nChunks - c, nChunks);
                }
            }
            return new Outcome(value, -1, acc, cot.v, cot.channel, cot.synapse, peakStates, forwardSteps, stateSize);
        } finally {
            if (level0 != null) {
                release(level0, 0);
            }
        }
    }

    /** States this run holds now (0 once {@link #run} has returned or thrown). */
    public long liveStates() {
        return liveStates;
    }

    /**
     * Reverses steps a..b−1 at checkpoint level ℓ from {@code start} (the state at a; used as
     * scratch). {@code end}, the state at b, is held by the level above (the next checkpoint), so a
     * segment of length b − a costs b − a − 1 recomputed steps (adjoint-derivation §8).
     */
    private void reverse(StepState start, StepState end, int a, int b, int level) {
        int k = chunk[level];
        StateStore kept = new StateStore(stateSize, (b - a) / k + 2);
        try {
            reverseInto(kept, start, end, a, b, level, k);
        } finally {
            release(kept, 0);
        }
    }

    private void reverseInto(StateStore kept, StepState start, StepState end, int a, int b, int level, int k) {
        StepState s = start;
        keep(kept, s);
        if (k == 1) {
            for (int n = a; n < b - 1; n++) {
                if (cache != null) {
                    cache.setSlot(n - a);
                    fwdExt.step(s, n, stimuli, clamps);
                } else {
                    fwd.step(s, n, stimuli, clamps);
                }
                forwardSteps++;
                keep(kept, s);
            }
            backwardOver(kept, a, end, cache, b - 1, false);
        } else {
            for (int n = a + 1; n < b; n++) {
                fwd.step(s, n - 1, stimuli, clamps);
                forwardSteps++;
                if ((n - a) % k == 0) {
                    keep(kept, s);
                }
            }
            int nChunks = (b - a + k - 1) / k;
            StepState subStart = s;
            StepState subEnd = end.copy();
            for (int c = nChunks - 1; c >= 0; c--) {
                int sa = a + c * k;
                kept.load(c, subStart);
                if (c + 1 < nChunks) {
                    kept.load(c + 1, subEnd);
                } else {
                    subEnd.copyFrom(end);
                }
                reverse(subStart, subEnd, sa, Math.min(sa + k, b), level + 1);
                release(kept, c + 1);
            }
        }
    }

    /**
     * Backward steps over consecutive stored states, the first being the state at step
     * {@code first}; {@code end} is the state after the last stored one (null: the last stored state
     * is the end). Steps before {@code cachedBefore} read their derivatives from {@code derivatives}
     * (slot = step − first).
     */
    private void backwardOver(StateStore states, int first, StepState end, DerivativeCache derivatives,
            int cachedBefore, boolean topLevel) {
        int last = end == null ? states.count() - 2 : states.count() - 1;
        for (int idx = last; idx >= 0; idx--) {
            int n = first + idx;
            states.load(idx, bufA);
            if (hasClamps) {
                states.load(idx, bufB);
                fwd.solveStep(bufB, n, stimuli);
                forwardSteps++;
            } else if (idx + 1 < states.count()) {
                states.load(idx + 1, bufB);
            } else {
                bufB.copyFrom(end);
            }
            boolean hit = derivatives != null && n < cachedBefore;
            Cotangents result = bwd.step(n, bufA, bufB, stimuli, cot, acc, spare, hit ? derivatives : null,
                    n - first);
            spare = cot;
            cot = result;
            addLoss(n);
            if (topLevel) {
                // chunk[0] = 1: every step is a top-level segment
                gate.passed(set, true, last - idx + 1, last + 1);
            }
        }
    }

    private void keep(StateStore store, StepState s) {
        store.add(s);
        liveStates++;
        peakStates = Math.max(peakStates, liveStates);
    }

    private void release(StateStore store, int from) {
        liveStates -= store.count() - Math.min(store.count(), from);
        store.truncate(from);
    }

    /** Adds ∂L/∂(recorded sample at step n) to the cotangent of state n. */
    private void addLoss(int n) {
        if (n % stride != 0) {
            return;
        }
        int k = n / stride;
        List<RecordingTarget> recs = plan.recordings();
        for (int r = 0; r < recs.size(); r++) {
            double g = recGrad[r][k];
            if (g == 0.0) {
                continue;
            }
            RecordingTarget rt = recs.get(r);
            switch (rt.kind()) {
                case VOLTAGE -> cot.v[rt.node()] += g;
                case STATE -> cot.channel[rt.table()][rt.index()][rt.instance()] += g;
                case SYNAPSE_STATE -> cot.synapse[rt.table()][rt.index()][rt.instance()] += g;
                default -> throw new IllegalStateException("unreachable: checked before");
            }
        }
    }

    private void checkSupportedLossRows() {
        List<RecordingTarget> recs = plan.recordings();
        for (int r = 0; r < recs.size(); r++) {
            RecordingTarget.Kind kind = recs.get(r).kind();
            if (kind == RecordingTarget.Kind.CURRENT || kind == RecordingTarget.Kind.SYNAPSE_CURRENT) {
                for (double g : recGrad[r]) {
                    if (g != 0.0) {
                        throw new ModelException("the loss depends on recording " + r + " (" + recs.get(r).label()
                                + "), a current: gradients of losses on recorded currents are not supported; "
                                + "record v or a state instead");
                    }
                }
            }
        }
    }

    private Outcome diverged(int step, double[][] out) {
        int from = (step + stride - 1) / stride;
        for (double[] row : out) {
            java.util.Arrays.fill(row, from, row.length, Double.NaN);
        }
        return new Outcome(Double.NaN, step, null, null, null, null, peakStates, forwardSteps, stateSize);
    }
}
