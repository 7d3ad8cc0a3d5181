package org.huxley.engine;

/**
 * One progress report.
 *
 * @param phase what is being done, e.g. {@code "forward"}, {@code "backward"}, {@code "fit"}
 * @param done units completed so far (steps, segments or rounds; see {@code phase})
 * @param total units in the whole run (≥ {@code done})
 * @param elapsedSeconds wall-clock seconds since the run started
 */
public record Progress(String phase, long done, long total, double elapsedSeconds) {
    /** {@return completed fraction in [0, 1]; 1 for an empty run} */
    public double fraction() {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /**
     * Estimated seconds left at the average rate so far; NaN before the first unit is done.
     *
     * @return seconds, or NaN
     */
    public double etaSeconds() {
        return done <= 0 ? Double.NaN : elapsedSeconds * (total - done) / done;
    }
}
