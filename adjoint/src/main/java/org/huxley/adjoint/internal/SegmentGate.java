package org.huxley.adjoint.internal;

/**
 * Called by {@link SetAdjoint} after every top-level checkpoint segment, forward and backward: the
 * engine's safe point for cancellation (the gate throws to stop the run) and its unit of progress.
 */
@FunctionalInterface
public interface SegmentGate {
    /** A gate that never stops a run. */
    SegmentGate OPEN = (set, backward, segment, segments) -> { };

    /**
     * @param set the parameter set
     * @param backward false for the forward sweep, true for the backward sweep
     * @param segment segments of this sweep completed (1 after the first)
     * @param segments segments in this sweep
     */
    void passed(int set, boolean backward, int segment, int segments);
}
