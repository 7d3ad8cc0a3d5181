package org.huxley.neuron;

import java.util.Arrays;
import org.huxley.ModelException;

/**
 * NEURON's IClamp point process: a square pulse of {@code amp} nA (positive depolarises) while
 * delay ≤ t &lt; delay + dur, or, with a played amplitude ({@code Vector.play(&amp;amp, tvec, 1)}),
 * the amplitude interpolated linearly in the (t, amp) samples and held after the last one.
 * NEURON evaluates it at the middle of each step, t = t_n + dt/2.
 *
 * @param at where it sits
 * @param delayMs pulse start, ms
 * @param durMs pulse length, ms
 * @param ampNa amplitude, nA (ignored where a played amplitude is given)
 * @param playTimesMs times of the played amplitude, ms, increasing; or null
 * @param playAmpsNa the played amplitudes, nA; or null
 */
public record NeuronIClamp(NeuronLocation at, double delayMs, double durMs, double ampNa, double[] playTimesMs,
        double[] playAmpsNa) {
    /** Checks the timing and copies the played vectors. */
    public NeuronIClamp {
        if (at == null) {
            throw new ModelException("an IClamp needs a location");
        }
        if (!Double.isFinite(delayMs) || !(durMs >= 0) || !Double.isFinite(durMs) || !Double.isFinite(ampNa)) {
            throw new ModelException("IClamp at " + at + ": need finite delay, dur >= 0 and finite amp; got del "
                    + delayMs + ", dur " + durMs + ", amp " + ampNa);
        }
        if ((playTimesMs == null) != (playAmpsNa == null)) {
            throw new ModelException("IClamp at " + at + ": played amplitude needs both times and values");
        }
        if (playTimesMs != null) {
            if (playTimesMs.length == 0 || playTimesMs.length != playAmpsNa.length) {
                throw new ModelException("IClamp at " + at + ": played amplitude has " + playTimesMs.length
                        + " times and " + playAmpsNa.length + " values");
            }
            for (int i = 0; i < playTimesMs.length; i++) {
                if (!Double.isFinite(playTimesMs[i]) || !Double.isFinite(playAmpsNa[i])
                        || (i > 0 && playTimesMs[i] < playTimesMs[i - 1])) {
                    throw new ModelException("IClamp at " + at + ": played sample " + i + " (t "
                            + playTimesMs[i] + ", amp " + playAmpsNa[i] + ") is not finite or not in time order");
                }
            }
            playTimesMs = playTimesMs.clone();
            playAmpsNa = playAmpsNa.clone();
        }
    }

    /** {@return times of the played amplitudes, ms (a copy)} */
    @Override
    public double[] playTimesMs() {
        return playTimesMs == null ? null : playTimesMs.clone();
    }

    /** {@return played amplitudes, nA (a copy)} */
    @Override
    public double[] playAmpsNa() {
        return playAmpsNa == null ? null : playAmpsNa.clone();
    }

    /**
     * {@return a square pulse}
     *
     * @param at the location
     * @param delayMs onset, ms
     * @param durMs duration, ms
     * @param ampNa amplitude, nA
     */
    public static NeuronIClamp pulse(NeuronLocation at, double delayMs, double durMs, double ampNa) {
        return new NeuronIClamp(at, delayMs, durMs, ampNa, null, null);
    }

    /**
     * {@return the current at time t, nA: the pulse's amplitude inside [delay, delay + dur), else 0}
     *
     * @param tMs the time, ms
     */
    public double currentNa(double tMs) {
        if (!(tMs >= delayMs && tMs < delayMs + durMs)) {
            return 0.0;
        }
        return playTimesMs == null ? ampNa : played(tMs);
    }

    private double played(double t) {
        int n = playTimesMs.length;
        if (t <= playTimesMs[0]) {
            return playAmpsNa[0];
        }
        if (t >= playTimesMs[n - 1]) {
            return playAmpsNa[n - 1];
        }
        int i = Arrays.binarySearch(playTimesMs, t);
        if (i >= 0) {
            while (i + 1 < n && playTimesMs[i + 1] == t) {
                i++;
            }
            return playAmpsNa[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (t - playTimesMs[lo]) / (playTimesMs[hi] - playTimesMs[lo]);
        return playAmpsNa[lo] + f * (playAmpsNa[hi] - playAmpsNa[lo]);
    }

    /**
     * The current of each step, sampled at mid-step: sample n = I((n + ½)·dt), n = 0 … steps.
     *
     * @param dtMs the time step, ms
     * @param steps the number of steps
     * @return steps + 1 samples (the last is not used by a run of {@code steps} steps)
     */
    public double[] midStepSamples(double dtMs, int steps) {
        double[] out = new double[steps + 1];
        for (int n = 0; n <= steps; n++) {
            out[n] = currentNa((n + 0.5) * dtMs);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronIClamp c && at.equals(c.at) && Double.compare(delayMs, c.delayMs) == 0
                && Double.compare(durMs, c.durMs) == 0 && Double.compare(ampNa, c.ampNa) == 0
                && Arrays.equals(playTimesMs, c.playTimesMs) && Arrays.equals(playAmpsNa, c.playAmpsNa);
    }

    @Override
    public int hashCode() {
        return at.hashCode() * 31 + Double.hashCode(delayMs) + 7 * Double.hashCode(ampNa);
    }

    @Override
    public String toString() {
        return "IClamp at " + at + " (del " + delayMs + " ms, dur " + durMs + " ms, "
                + (playTimesMs == null ? "amp " + ampNa + " nA" : "played amp, " + playTimesMs.length + " samples") + ")";
    }
}
