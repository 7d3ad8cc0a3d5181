package org.huxley;

/** Thrown by {@code Recordings.requireFinite()} when parameter sets produced non-finite values. */
public class SimulationDivergedException extends HuxleyException {
    public SimulationDivergedException(String message) {
        super(message);
    }
}
