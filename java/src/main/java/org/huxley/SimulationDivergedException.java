package org.huxley;

/** Thrown by {@code Recordings.requireFinite()} when parameter sets produced non-finite values. */
public class SimulationDivergedException extends HuxleyException {
    /**
     * An exception whose message names the sets and steps that diverged.
     *
     * @param message the sets and steps that diverged
     */
    public SimulationDivergedException(String message) {
        super(message);
    }
}
