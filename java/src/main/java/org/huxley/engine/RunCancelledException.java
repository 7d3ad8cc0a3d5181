package org.huxley.engine;

import org.huxley.HuxleyException;

/** Thrown by a run whose {@link RunControl} was cancelled; the run's memory has been released. */
public final class RunCancelledException extends HuxleyException {
    /**
     * An exception saying where the run stopped.
     *
     * @param where the safe point at which the run stopped
     */
    public RunCancelledException(String where) {
        super("run cancelled " + where);
    }
}
