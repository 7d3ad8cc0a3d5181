package org.huxley.neuron;

import java.util.ArrayList;
import java.util.List;

/**
 * Voltages at a NEURON model's recording sites.
 *
 * @param sites the sites, in the model's order
 * @param timesMs sample times, ms (k·stride·dt)
 * @param voltagesMv per site, v at each sample, mV
 */
public record NeuronTraces(List<NeuronLocation> sites, double[] timesMs, List<double[]> voltagesMv) {
    /** Copies the traces. */
    public NeuronTraces {
        sites = List.copyOf(sites);
        voltagesMv = List.copyOf(voltagesMv);
    }

    /**
     * {@return v at site i, mV (live array)}
     *
     * @param site the site's index
     */
    public double[] voltage(int site) {
        return voltagesMv.get(site);
    }

    /**
     * Upward crossings of {@code thresholdMv} at site i, linearly interpolated between samples (as
     * the NEURON references compute spike times, from every step's sample).
     *
     * @param site the site's index
     * @param thresholdMv the threshold, mV
     * @return the upward crossing times, ms
     */
    public List<Double> crossingsMs(int site, double thresholdMv) {
        double[] v = voltagesMv.get(site);
        List<Double> out = new ArrayList<>();
        for (int k = 1; k < v.length; k++) {
            if (v[k - 1] < thresholdMv && v[k] >= thresholdMv) {
                double f = (thresholdMv - v[k - 1]) / (v[k] - v[k - 1]);
                out.add(timesMs[k - 1] + f * (timesMs[k] - timesMs[k - 1]));
            }
        }
        return out;
    }
}
