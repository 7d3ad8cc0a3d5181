package org.huxley.fit;

import java.util.Map;
import java.util.TreeMap;
import org.huxley.ModelException;
import org.huxley.adjoint.Loss;

/**
 * One stimulus protocol of a fit: waveforms that replace some of the model's stimuli (by index, in
 * the order of {@code stimulate} calls; the others keep the model's waveform), the loss on the
 * recordings it produces (e.g. mean-squared error to the recorded traces), and a weight. A fit to
 * S experiments simulates each start S times in the same batch and sums the weighted losses.
 *
 * @param name for reports, e.g. {@code "step 0.3 nA"}
 * @param stimuli stimulus index → waveform, nA (one sample per step at least)
 * @param loss loss on this experiment's recordings
 * @param weight factor of this loss in the sum (positive)
 */
public record Experiment(String name, Map<Integer, double[]> stimuli, Loss loss, double weight) {
    /** Checks the name, loss and weight and copies the stimuli. */
    public Experiment {
        if (loss == null) {
            throw new ModelException("experiment '" + name + "' has no loss");
        }
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new ModelException("experiment '" + name + "': weight must be positive and finite, got " + weight);
        }
        Map<Integer, double[]> copy = new TreeMap<>();
        stimuli.forEach((k, v) -> {
            if (v == null || v.length == 0) {
                throw new ModelException("experiment '" + name + "': stimulus " + k + " is empty");
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new ModelException("experiment '" + name + "': stimulus " + k + " has a non-finite value ("
                            + v[i] + ") at sample " + i);
                }
            }
            copy.put(k, v.clone());
        });
        stimuli = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * {@return the model's own stimuli, weight 1}
     *
     * @param name the experiment's name
     * @param loss its loss
     */
    public static Experiment of(String name, Loss loss) {
        return new Experiment(name, Map.of(), loss, 1.0);
    }

    /**
     * {@return a copy in which stimulus {@code index} is replaced by {@code currentNa}}
     *
     * @param index the plan's stimulus index
     * @param currentNa the waveform, nA per step
     */
    public Experiment withStimulus(int index, double[] currentNa) {
        Map<Integer, double[]> m = new TreeMap<>(stimuli);
        m.put(index, currentNa);
        return new Experiment(name, m, loss, weight);
    }

    /**
     * {@return a copy with another weight}
     *
     * @param w the weight (&gt; 0)
     */
    public Experiment withWeight(double w) {
        return new Experiment(name, stimuli, loss, w);
    }
}
