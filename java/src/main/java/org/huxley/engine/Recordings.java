package org.huxley.engine;

import java.util.ArrayList;
import java.util.List;
import org.huxley.SimulationDivergedException;

/**
 * Output of a run: {@code trace(b, r)} is recording r of parameter set b, sampled at
 * t = k·stride·dt for k = 0, 1, …; sample 0 is the initial state. A set whose state became
 * non-finite is flagged ({@link #diverged(int)}); its samples from that step on are NaN.
 */
public final class Recordings {
    private final double[][][] data;
    private final List<String> labels;
    private final double dtMs;
    private final int stride;
    private final int[] divergedAtStep;

    /**
     * Wraps computed samples (not copied).
     *
     * @param data [set][recording][sample]
     * @param divergedAtStep per set the step after which the state was first non-finite, or −1
     * @param labels one per recording
     * @param dtMs the time step, ms
     * @param stride steps between samples
     * @return the recordings
     */
    public static Recordings of(double[][][] data, List<String> labels, double dtMs, int stride,
            int[] divergedAtStep) {
        return new Recordings(data, labels, dtMs, stride, divergedAtStep);
    }

    Recordings(double[][][] data, List<String> labels, double dtMs, int stride, int[] divergedAtStep) {
        this.data = data;
        this.labels = List.copyOf(labels);
        this.dtMs = dtMs;
        this.stride = stride;
        this.divergedAtStep = divergedAtStep;
    }

    /** {@return number of parameter sets} */
    public int numSets() {
        return data.length;
    }

    /** {@return number of recordings per set} */
    public int numRecordings() {
        return labels.size();
    }

    /** {@return number of samples per recording} */
    public int numSamples() {
        return data.length == 0 ? 0 : data[0][0].length;
    }

    /** {@return the recordings' labels, in order} */
    public List<String> labels() {
        return labels;
    }

    /**
     * {@return a copy of recording r of set b}
     *
     * @param set the parameter set
     * @param recording the recording's index
     */
    public double[] trace(int set, int recording) {
        return data[set][recording].clone();
    }

    /**
     * {@return one sample}
     *
     * @param set the parameter set
     * @param recording the recording's index
     * @param sample the sample's index
     */
    public double get(int set, int recording, int sample) {
        return data[set][recording][sample];
    }

    /** {@return sample times, ms} */
    public double[] timesMs() {
        double[] t = new double[numSamples()];
        for (int k = 0; k < t.length; k++) {
            t[k] = k * stride * dtMs;
        }
        return t;
    }

    /** {@return the time step, ms} */
    public double dtMs() {
        return dtMs;
    }

    /** {@return steps between samples} */
    public int stride() {
        return stride;
    }

    /**
     * {@return whether a set's simulation diverged (its samples from then on are NaN)}
     *
     * @param set the parameter set
     */
    public boolean diverged(int set) {
        return divergedAtStep[set] >= 0;
    }

    /**
     * {@return the step after which set b's state was first non-finite, or −1}
     *
     * @param set the parameter set
     */
    public int divergedAtStep(int set) {
        return divergedAtStep[set];
    }

    /** {@return indices of diverged sets} */
    public List<Integer> divergedSets() {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < divergedAtStep.length; b++) {
            if (divergedAtStep[b] >= 0) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Throws if any set diverged; returns this otherwise.
     *
     * @return this
     * @throws SimulationDivergedException naming the diverged sets and their first bad step
     */
    public Recordings requireFinite() {
        List<Integer> bad = divergedSets();
        if (!bad.isEmpty()) {
            StringBuilder sb = new StringBuilder(bad.size() + " of " + numSets() + " parameter sets diverged:");
            for (int i = 0; i < Math.min(10, bad.size()); i++) {
                int b = bad.get(i);
                sb.append(" set ").append(b).append(" at step ").append(divergedAtStep[b])
                        .append(" (t = ").append(divergedAtStep[b] * dtMs).append(" ms);");
            }
            throw new SimulationDivergedException(sb.toString());
        }
        return this;
    }
}
