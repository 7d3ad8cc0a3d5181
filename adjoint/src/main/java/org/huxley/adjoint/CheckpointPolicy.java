package org.huxley.adjoint;

import java.util.Arrays;
import org.huxley.ModelException;

/**
 * How the gradient engine trades memory for recomputation (docs/adjoint.md#checkpointing). All
 * policies give bitwise the same gradient.
 *
 * <ul>
 *   <li>{@link #full()}: every state of the run is kept (T + 1 states, no recomputation).</li>
 *   <li>{@link #uniform(int)}: every K-th state is kept; each segment is recomputed once
 *       (⌈T/K⌉ + K + 1 states, about 2T forward steps; K = √T minimises memory).</li>
 *   <li>{@link #levels(int...)}: nested segments of the given lengths (outer first), Jaxley's
 *       {@code checkpoint_lengths}: about Σ L states and d·T forward steps for d levels.</li>
 *   <li>{@link #memoryBudget(long)}: the cheapest of these that fits the budget.</li>
 * </ul>
 */
public final class CheckpointPolicy {
    private final String kind;
    private final int[] lengths;
    private final long budgetBytes;

    private CheckpointPolicy(String kind, int[] lengths, long budgetBytes) {
        this.kind = kind;
        this.lengths = lengths;
        this.budgetBytes = budgetBytes;
    }

    /**
     * Stores every state: no recomputation, memory O(T).
     *
     * @return the policy
     */
    public static CheckpointPolicy full() {
        return new CheckpointPolicy("full", null, 0);
    }

    /**
     * Keep every K-th state (K ≥ 1).
     *
     * @param k steps between stored states (≥ 1)
     * @return the policy
     */
    public static CheckpointPolicy uniform(int k) {
        if (k < 1) {
            throw new ModelException("checkpoint interval must be >= 1, got " + k);
        }
        return new CheckpointPolicy("uniform", new int[] {k}, 0);
    }

    /**
     * {@return nested segments: the outer level keeps every (L₂·…·L_d)-th state, and so on inwards}
     *
     * @param segmentLengths the segment length L of each level, outermost first
     */
    public static CheckpointPolicy levels(int... segmentLengths) {
        if (segmentLengths.length == 0) {
            throw new ModelException("give at least one segment length");
        }
        for (int l : segmentLengths) {
            if (l < 1) {
                throw new ModelException("segment lengths must be >= 1: " + Arrays.toString(segmentLengths));
            }
        }
        return new CheckpointPolicy("levels", segmentLengths.clone(), 0);
    }

    /**
     * {@return the policy with least recomputation whose stored states fit {@code bytes} for the whole run}
     *
     * @param bytes the budget for all sets in memory at once
     */
    public static CheckpointPolicy memoryBudget(long bytes) {
        if (bytes <= 0) {
            throw new ModelException("memory budget must be positive, got " + bytes + " bytes");
        }
        return new CheckpointPolicy("budget", null, bytes);
    }

    /**
     * The chunk sizes K₀ > K₁ > … > 1 per level for a run of {@code steps} steps: level ℓ keeps every
     * K_ℓ-th state of its segment; the last level keeps every state.
     *
     * @param bytesPerState size of one stored state of one parameter set
     * @param concurrentSets parameter sets in memory at once
     * @param steps the run's number of steps T
     * @return K per level, outermost first, ending with 1
     */
    public int[] chunkSizes(int steps, long bytesPerState, int concurrentSets) {
        int t = Math.max(steps, 1);
        return switch (kind) {
            case "full" -> new int[] {1};
            case "uniform" -> lengths[0] >= t ? new int[] {1} : new int[] {lengths[0], 1};
            case "levels" -> fromLevels(lengths, t);
            default -> fromBudget(t, bytesPerState, concurrentSets);
        };
    }

    private static int[] fromLevels(int[] l, int t) {
        long product = 1;
        for (int x : l) {
            product *= x;
        }
        if (product < t) {
            throw new ModelException("checkpoint levels " + Arrays.toString(l) + " cover " + product
                    + " steps, the run has " + t + ": their product must be >= the number of steps");
        }
        int[] k = new int[l.length];
        long inner = 1;
        for (int i = l.length - 1; i >= 0; i--) {
            k[i] = (int) Math.min(inner, Integer.MAX_VALUE);
            inner *= l[i];
        }
        return k;
    }

    private int[] fromBudget(int t, long bytesPerState, int concurrentSets) {
        long states = budgetBytes / Math.max(1, bytesPerState * Math.max(1, concurrentSets));
        if (states >= t + 1L) {
            return new int[] {1};
        }
        // Uniform K keeps ⌈T/K⌉ + K + 1 states; K = √T is the least.
        for (int k = 2; k <= t; k++) {
            long need = (t + k - 1L) / k + k + 1;
            if (need <= states && (long) k * k >= t) {
                return new int[] {k, 1};
            }
        }
        // More levels: d levels of length ⌈T^{1/d}⌉.
        for (int d = 3; d <= 40; d++) {
            int len = (int) Math.ceil(Math.pow(t, 1.0 / d));
            while (Math.pow(len, d) < t) {
                len++;
            }
            if ((long) d * len + 1 <= states) {
                int[] l = new int[d];
                Arrays.fill(l, len);
                return fromLevels(l, t);
            }
        }
        throw new ModelException("memory budget " + budgetBytes + " bytes is too small: one stored state of "
                + concurrentSets + " parameter set(s) takes " + bytesPerState * concurrentSets + " bytes");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case "full" -> "full storage";
            case "uniform" -> "uniform K=" + lengths[0];
            case "levels" -> "levels " + Arrays.toString(lengths);
            default -> "memory budget " + budgetBytes + " B";
        };
    }
}
