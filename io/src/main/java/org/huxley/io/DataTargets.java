package org.huxley.io;

import java.util.List;
import org.huxley.ModelException;
import org.huxley.engine.Protocol;

/**
 * Recorded data on a simulation's grid: targets for a loss at the recorded samples
 * (t = k·recordEvery·dt, k = 0 … steps/recordEvery, linear interpolation) and stimulus waveforms at
 * every step (zero-order hold, so steps stay steps). Time 0 of the simulation is the first sample
 * of the data. Data that do not cover the simulated time are rejected.
 */
public final class DataTargets {
    private DataTargets() {
    }

    /**
     * {@return [trace][sample] on the recording grid of {@code protocol} run for {@code steps} steps}
     *
     * @param traces the recorded traces, one per recording
     * @param protocol the simulation's time step and recording stride
     * @param steps the simulated steps
     */
    public static double[][] target(List<Trace> traces, Protocol protocol, int steps) {
        if (traces.isEmpty()) {
            throw new ModelException("no traces to fit");
        }
        int stride = protocol.recordEvery();
        int n = steps / stride + 1;
        double dt = protocol.dtMs() * stride;
        double[][] out = new double[traces.size()][];
        for (int r = 0; r < out.length; r++) {
            Trace t = traces.get(r);
            requireCovers(t, (n - 1) * dt);
            out[r] = t.resample(t.t0Ms(), dt, n, Resampling.LINEAR).values();
        }
        return out;
    }

    /**
     * {@return a stimulus of {@code steps + 1} samples at interval dt (zero-order hold), nA}
     *
     * @param current the recorded current, nA
     * @param dtMs the time step, ms
     * @param steps the simulated steps
     */
    public static double[] stimulus(Trace current, double dtMs, int steps) {
        requireCovers(current, steps * dtMs);
        return current.resample(current.t0Ms(), dtMs, steps + 1, Resampling.HOLD).values();
    }

    private static void requireCovers(Trace t, double durationMs) {
        double have = t.endMs() - t.t0Ms();
        if (have < durationMs - 1e-9 * Math.max(1, durationMs)) {
            throw new ModelException("trace '" + t.label() + "' covers " + Fmt.g(have) + " ms, the simulation needs " + Fmt.g(durationMs)
                    + " ms: shorten the run or supply longer data");
        }
    }
}
