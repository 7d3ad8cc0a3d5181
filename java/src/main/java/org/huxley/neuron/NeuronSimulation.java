package org.huxley.neuron;

import org.huxley.ModelException;

/**
 * NEURON's run settings for fixed-step backward Euler ({@code secondorder = 0}, CVODE off).
 *
 * @param dtMs time step, ms
 * @param tStopMs end time, ms; the run takes round(tStop/dt) steps, as the references do
 * @param celsius temperature, °C (hh's rates are scaled by 3^((celsius − 6.3)/10))
 * @param vInitMv initial voltage of every node, mV; gates start at their steady state there
 */
public record NeuronSimulation(double dtMs, double tStopMs, double celsius, double vInitMv) {
    /**
     * NEURON's defaults: dt 0.025 ms, celsius 6.3 °C, v_init −65 mV.
     *
     * @param tStopMs the duration, ms
     * @return the settings
     */
    public static NeuronSimulation defaults(double tStopMs) {
        return new NeuronSimulation(0.025, tStopMs, 6.3, -65.0);
    }

    /** Checks the timing. */
    public NeuronSimulation {
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new ModelException("NEURON dt must be positive and finite, got " + dtMs + " ms");
        }
        if (!(tStopMs >= 0) || !Double.isFinite(tStopMs)) {
            throw new ModelException("NEURON tstop must be >= 0 and finite, got " + tStopMs + " ms");
        }
        if (!Double.isFinite(celsius) || !Double.isFinite(vInitMv)) {
            throw new ModelException("celsius and v_init must be finite, got " + celsius + " and " + vInitMv);
        }
    }

    /** {@return the number of steps: round(tStop/dt) (2000 for 50 ms at 0.025 ms)} */
    public int steps() {
        long n = Math.round(tStopMs / dtMs);
        if (n > Integer.MAX_VALUE - 1) {
            throw new ModelException("tstop/dt = " + n + " steps is too many");
        }
        return (int) n;
    }
}
