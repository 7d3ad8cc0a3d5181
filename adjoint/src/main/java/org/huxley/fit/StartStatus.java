package org.huxley.fit;

/** Where a start of a multi-start fit stands. */
public enum StartStatus {
    /** Still being optimized (evaluated every round). */
    RUNNING,
    /** Stopped early: converged by one of the stopping rules (it no longer takes part in the batch). */
    CONVERGED,
    /** Its loss or gradient became non-finite and the optimizer could not recover: flagged, frozen. */
    DIVERGED,
    /** The round or time budget ran out while it was still improving. */
    BUDGET
}
