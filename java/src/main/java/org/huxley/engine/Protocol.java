package org.huxley.engine;

import org.huxley.ModelException;
import org.huxley.stim.Stimuli;

/**
 * How to integrate: time step (ms), number of steps, recording stride and slope convention.
 * Without an explicit duration the number of steps is the length of the stimuli, as in Jaxley's
 * {@code integrate} without {@code t_max}; output then has steps + 1 samples (sample 0 = initial
 * state).
 *
 * @param dtMs time step, ms
 * @param steps number of steps, or −1 to take the stimulus length
 * @param recordEvery record every k-th sample (0, k, 2k, … ≤ steps)
 * @param slope linearisation of the currents
 */
public record Protocol(double dtMs, int steps, int recordEvery, SlopeMode slope) {
    /** Jaxley's default step 0.025 ms. */
    public static final double DEFAULT_DT_MS = 0.025;

    /** Checks the step, the duration and the recording stride. */
    public Protocol {
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new ModelException("time step must be positive and finite, got dt = " + dtMs + " ms");
        }
        if (steps < -1) {
            throw new ModelException("number of steps must be >= 0, got " + steps);
        }
        if (recordEvery < 1) {
            throw new ModelException("recording stride must be >= 1, got " + recordEvery);
        }
        if (slope == null) {
            throw new ModelException("slope mode must not be null");
        }
    }

    /** {@return dt = 0.025 ms, duration from the stimuli, every sample, analytic slope} */
    public static Protocol defaults() {
        return new Protocol(DEFAULT_DT_MS, -1, 1, SlopeMode.ANALYTIC);
    }

    /**
     * Runs {@code tMax // dt + 1} steps, as Jaxley's {@code integrate(t_max=…)}.
     *
     * @param tMaxMs the duration, ms
     * @return a copy with the steps for this duration
     */
    public Protocol withTMax(double tMaxMs) {
        return new Protocol(dtMs, Stimuli.stepsFor(tMaxMs, dtMs), recordEvery, slope);
    }

    /**
     * {@return a copy with another number of steps}
     *
     * @param n the number of steps
     */
    public Protocol withSteps(int n) {
        return new Protocol(dtMs, n, recordEvery, slope);
    }

    /**
     * {@return a copy with another time step, ms}
     *
     * @param dt the time step, ms
     */
    public Protocol withDt(double dt) {
        return new Protocol(dt, steps, recordEvery, slope);
    }

    /**
     * {@return a copy recording every k-th step}
     *
     * @param k steps between samples
     */
    public Protocol withRecordEvery(int k) {
        return new Protocol(dtMs, steps, k, slope);
    }

    /**
     * {@return a copy with another linearisation of the currents}
     *
     * @param mode the linearisation
     */
    public Protocol withSlope(SlopeMode mode) {
        return new Protocol(dtMs, steps, recordEvery, mode);
    }
}
