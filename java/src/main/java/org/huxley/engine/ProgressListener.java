package org.huxley.engine;

/**
 * Receives progress of a long run (simulation steps, gradient segments, fit rounds). Called from
 * the thread doing the work, possibly from several threads at once: implementations must be
 * thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = progress -> { };

    /**
     * Called when a unit of work has been completed.
     *
     * @param progress the report
     */
    void onProgress(Progress progress);
}
