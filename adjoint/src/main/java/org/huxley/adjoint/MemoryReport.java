package org.huxley.adjoint;

/**
 * What a gradient run stored and recomputed, per parameter set.
 *
 * @param chunkSizes the checkpoint schedule used (see {@link CheckpointPolicy#chunkSizes})
 * @param peakStoredStates most states held at once by one parameter set
 * @param bytesPerState size of one stored state (float64 values × 8)
 * @param forwardSteps forward steps run per parameter set (first sweep plus recomputation)
 * @param steps the run's number of steps T
 * @param concurrentSets parameter sets held in memory at once
 */
public record MemoryReport(int[] chunkSizes, long peakStoredStates, long bytesPerState, long forwardSteps, int steps,
        int concurrentSets) {
    /** {@return peak bytes of stored states over the sets in memory at once} */
    public long peakBytes() {
        return peakStoredStates * bytesPerState * concurrentSets;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d stored states per set (%.1f KiB each), %.2f MiB peak for %d concurrent sets; %d forward steps "
                        + "for T = %d (%.2f T)",
                peakStoredStates, bytesPerState / 1024.0, peakBytes() / (1024.0 * 1024.0), concurrentSets,
                forwardSteps, steps, forwardSteps / (double) Math.max(1, steps));
    }
}
