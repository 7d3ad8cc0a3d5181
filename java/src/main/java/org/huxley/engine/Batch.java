package org.huxley.engine;

import java.util.HashMap;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.params.ParameterSets;

/**
 * What varies across the B instances of one run: parameter sets and, optionally, per-set stimulus
 * waveforms that replace a plan's stimulus.
 */
public final class Batch {
    private final ParameterSets parameters;
    private final Map<Integer, double[][]> stimulusOverrides = new HashMap<>();

    /**
     * A batch of parameter sets, with the plan's own stimuli.
     *
     * @param parameters the sets
     */
    public Batch(ParameterSets parameters) {
        this.parameters = parameters;
    }

    /** {@return the parameter sets} */
    public ParameterSets parameters() {
        return parameters;
    }

    /** {@return number of parameter sets B} */
    public int size() {
        return parameters.size();
    }

    /**
     * Replaces stimulus {@code index} (in the order of {@code stimulate} calls) by one waveform per
     * set, nA.
     *
     * @param index the plan's stimulus index
     * @param perSetCurrentNa one waveform per set, nA per step
     * @return this batch
     */
    public Batch stimulus(int index, double[][] perSetCurrentNa) {
        if (perSetCurrentNa == null || perSetCurrentNa.length != size()) {
            throw new ModelException("stimulus override " + index + ": need one waveform per parameter set ("
                    + size() + "), got " + (perSetCurrentNa == null ? 0 : perSetCurrentNa.length));
        }
        double[][] copy = new double[perSetCurrentNa.length][];
        for (int b = 0; b < copy.length; b++) {
            copy[b] = perSetCurrentNa[b].clone();
        }
        stimulusOverrides.put(index, copy);
        return this;
    }

    /**
     * {@return the waveform of stimulus {@code index} for set {@code b}, or null if not overridden}
     *
     * @param index the plan's stimulus index
     * @param b the set
     */
    public double[] stimulusOverride(int index, int b) {
        double[][] o = stimulusOverrides.get(index);
        return o == null ? null : o[b];
    }

    /** {@return the overridden stimulus indices} */
    public java.util.Set<Integer> overriddenStimuli() {
        return java.util.Collections.unmodifiableSet(stimulusOverrides.keySet());
    }
}
