package org.huxley.io;

import org.huxley.ModelException;

/**
 * One uniformly sampled signal: sample k is at t = t0 + k·dt. Constructing one checks that it is
 * non-empty, finite and has a positive sampling interval; messages name the trace and the sample.
 *
 * @param label name (e.g. the CSV column or the NWB series path)
 * @param unit unit of the values (mV for voltages, nA for currents after reading)
 * @param t0Ms time of sample 0, ms
 * @param dtMs sampling interval, ms
 * @param values the samples
 */
public record Trace(String label, String unit, double t0Ms, double dtMs, double[] values) {
    /** Checks the name and the sampling and copies the values. */
    public Trace {
        if (values == null || values.length == 0) {
            throw new ModelException("trace '" + label + "' is empty: it needs at least one sample");
        }
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new ModelException("trace '" + label + "': sampling interval must be positive and finite, got "
                    + dtMs + " ms");
        }
        if (!Double.isFinite(t0Ms)) {
            throw new ModelException("trace '" + label + "': start time must be finite, got " + t0Ms + " ms");
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new ModelException("trace '" + label + "' has a non-finite value (" + values[k] + ") at sample " + k
                        + " (t = " + Fmt.g(t0Ms + k * dtMs) + " ms)");
            }
        }
        values = values.clone();
    }

    /** {@return the samples (a copy)} */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** {@return number of samples} */
    public int size() {
        return values.length;
    }

    /** {@return time of the last sample, ms} */
    public double endMs() {
        return t0Ms + (values.length - 1) * dtMs;
    }

    /** {@return sampling rate, Hz} */
    public double rateHz() {
        return 1000.0 / dtMs;
    }

    /**
     * {@return the values times {@code factor}, in {@code newUnit}}
     *
     * @param factor the scale
     * @param newUnit the unit after scaling
     */
    public Trace scaled(double factor, String newUnit) {
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] *= factor;
        }
        return new Trace(label, newUnit, t0Ms, dtMs, v);
    }

    /**
     * {@return the value at time t (ms) by {@code method}; t must lie within the trace (± 1e-9 of a sample)}
     *
     * @param tMs the time, ms
     * @param method how to interpolate
     */
    public double at(double tMs, Resampling method) {
        double u = (tMs - t0Ms) / dtMs;
        int n = values.length;
        double tol = 1e-9 * Math.max(1, Math.abs(u));
        if (u < -tol || u > n - 1 + tol) {
            throw new ModelException("trace '" + label + "' covers " + Fmt.g(t0Ms) + " to " + Fmt.g(endMs()) + " ms; t = " + Fmt.g(tMs)
                    + " ms lies outside it");
        }
        u = Math.max(0, Math.min(n - 1, u));
        int k = (int) Math.floor(u + tol);
        if (k >= n - 1) {
            return values[n - 1];
        }
        double frac = u - k;
        if (method == Resampling.HOLD || frac <= tol) {
            return values[k];
        }
        return values[k] + frac * (values[k + 1] - values[k]);
    }

    /**
     * {@return n samples at t = t0 + k·dt (k = 0 … n−1) by {@code method}}
     *
     * @param t0 first time, ms
     * @param dt interval, ms
     * @param n number of samples
     * @param method how to interpolate
     */
    public Trace resample(double t0, double dt, int n, Resampling method) {
        if (n < 1 || !(dt > 0)) {
            throw new ModelException("resampling '" + label + "' needs n >= 1 samples and dt > 0, got " + n + ", " + dt);
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = at(t0 + k * dt, method);
        }
        return new Trace(label, unit, t0, dt, out);
    }

    /**
     * {@return this trace resampled to interval {@code dt} from this trace's start, as many samples as it covers}
     *
     * @param dt interval, ms
     * @param method how to interpolate
     */
    public Trace resample(double dt, Resampling method) {
        int n = (int) Math.floor((endMs() - t0Ms) / dt + 1e-9) + 1;
        return resample(t0Ms, dt, n, method);
    }

    /**
     * Throws unless {@code other} has the same start, interval and length (e.g. a response and its stimulus).
     *
     * @param other the other trace
     */
    public void requireSameSampling(Trace other) {
        boolean sameDt = Math.abs(dtMs - other.dtMs) <= 1e-9 * dtMs;
        boolean sameT0 = Math.abs(t0Ms - other.t0Ms) <= 1e-9 * Math.max(dtMs, Math.abs(t0Ms));
        if (!sameDt || !sameT0 || values.length != other.values.length) {
            throw new ModelException("mismatched sampling: '" + label + "' has " + values.length + " samples every " + Fmt.g(dtMs)
                    + " ms from " + Fmt.g(t0Ms) + " ms, '" + other.label + "' has " + other.values.length
                    + " samples every " + Fmt.g(other.dtMs) + " ms from " + Fmt.g(other.t0Ms) + " ms");
        }
    }
}
