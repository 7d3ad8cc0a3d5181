package org.huxley.stim;

import org.huxley.ModelException;

/** Stimulus waveforms sampled as Jaxley samples them (reference-numerics §8.1). */
public final class Stimuli {
    private Stimuli() {
    }

    /**
     * A step current: {@code offset} everywhere, {@code amplitude} on samples
     * [⌊delay/dt⌋, ⌊(delay+duration)/dt⌋) (truncated true division). The number of samples is
     * {@code tMax // dt + 2} with Python's float floor division (5.0 // 0.025 = 199, so 201 samples);
     * the offset is not added inside the pulse, as in Jaxley.
     *
     * @param delayMs pulse start, ms
     * @param durationMs pulse length, ms
     * @param amplitudeNa pulse amplitude, nA
     * @param dtMs time step, ms
     * @param tMaxMs end time, ms
     * @param offsetNa current outside the pulse, nA
     * @return samples, nA
     */
    public static double[] stepCurrent(double delayMs, double durationMs, double amplitudeNa, double dtMs,
            double tMaxMs, double offsetNa) {
        requirePositive("dt", dtMs);
        if (!(tMaxMs >= 0) || !(delayMs >= 0) || !(durationMs >= 0) || !Double.isFinite(amplitudeNa)
                || !Double.isFinite(offsetNa)) {
            throw new ModelException("stepCurrent: need delay >= 0, duration >= 0, tMax >= 0 and finite "
                    + "amplitudes; got delay " + delayMs + ", duration " + durationMs + ", tMax " + tMaxMs
                    + ", amplitude " + amplitudeNa + ", offset " + offsetNa);
        }
        int n = (int) PyFloat.floorDiv(tMaxMs, dtMs) + 2;
        double[] out = new double[n];
        java.util.Arrays.fill(out, offsetNa);
        int start = (int) (delayMs / dtMs);
        int end = Math.min(n, (int) ((delayMs + durationMs) / dtMs));
        for (int i = start; i < end; i++) {
            out[i] = amplitudeNa;
        }
        return out;
    }

    /**
     * {@return {@link #stepCurrent(double, double, double, double, double, double)} with offset 0}
     *
     * @param delayMs onset, ms
     * @param durationMs length, ms
     * @param amplitudeNa amplitude, nA
     * @param dtMs time step, ms
     * @param tMaxMs duration of the run, ms
     */
    public static double[] stepCurrent(double delayMs, double durationMs, double amplitudeNa, double dtMs,
            double tMaxMs) {
        return stepCurrent(delayMs, durationMs, amplitudeNa, dtMs, tMaxMs, 0.0);
    }

    /**
     * {@return the number of steps Jaxley's {@code integrate(t_max=…)} runs: {@code tMax // dt + 1}}
     *
     * @param tMaxMs duration, ms
     * @param dtMs time step, ms
     */
    public static int stepsFor(double tMaxMs, double dtMs) {
        requirePositive("dt", dtMs);
        if (!(tMaxMs >= 0)) {
            throw new ModelException("tMax must be >= 0, got " + tMaxMs);
        }
        return (int) PyFloat.floorDiv(tMaxMs, dtMs) + 1;
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new ModelException(what + " must be a positive finite number, got " + v);
        }
    }
}
