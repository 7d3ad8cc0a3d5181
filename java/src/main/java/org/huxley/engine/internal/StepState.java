package org.huxley.engine.internal;

import java.util.List;
import org.huxley.model.CompartmentField;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;

/**
 * The state of one parameter set between steps: voltage of every node (branch points included),
 * channel states {@code channel[t][s][i]}, synapse states {@code synapse[t][s][i]}, the delay history
 * of delayed synapses ({@link SynapseInputs}; empty without delays), and the last computed currents
 * (for recording: channel mA/cm², synapse nA).
 */
public final class StepState {
    public final double[] v;
    public final double[][][] channel;
    public final double[][][] synapse;
    public final double[][] channelCurrent;
    public final double[][] synapseCurrent;
    /** Past pre-synaptic voltages read by delayed synapses, row by row ({@link SynapseInputs}). */
    public final double[] history;

    private StepState(double[] v, double[][][] channel, double[][][] synapse, double[][] channelCurrent,
            double[][] synapseCurrent, double[] history) {
        this.v = v;
        this.history = history;
        this.channel = channel;
        this.synapse = synapse;
        this.channelCurrent = channelCurrent;
        this.synapseCurrent = synapseCurrent;
    }

    /** The initial state of a set: v from the set's values (0 at branch points), initial states. */
    public static StepState initial(Plan plan, SetValues values) {
        double[] v = values.geometry[CompartmentField.V.ordinal()].clone();
        for (int i = 0; i < v.length; i++) {
            if (plan.isBranchPoint(i)) {
                v[i] = 0.0; // algebraic node: solved for; the start value is unused
            }
        }
        List<?> ch = plan.channels();
        double[][] chI = new double[ch.size()][];
        for (int t = 0; t < ch.size(); t++) {
            chI[t] = new double[plan.channels().get(t).size()];
        }
        double[][] syI = new double[plan.synapses().size()][];
        for (int t = 0; t < syI.length; t++) {
            syI[t] = new double[plan.synapses().get(t).size()];
        }
        double[] history = new double[SynapseInputs.historySize(plan)];
        SynapseInputs.initialHistory(plan, v, history);
        return new StepState(v, copy(values.channelStates0), copy(values.synapseStates0), chI, syI, history);
    }

    /** A deep copy. */
    public StepState copy() {
        double[][] chI = new double[channelCurrent.length][];
        for (int t = 0; t < chI.length; t++) {
            chI[t] = channelCurrent[t].clone();
        }
        double[][] syI = new double[synapseCurrent.length][];
        for (int t = 0; t < syI.length; t++) {
            syI[t] = synapseCurrent[t].clone();
        }
        return new StepState(v.clone(), copy(channel), copy(synapse), chI, syI, history.clone());
    }

    /** Copies every value of {@code other} (same shapes) into this state. */
    public void copyFrom(StepState other) {
        System.arraycopy(other.v, 0, v, 0, v.length);
        System.arraycopy(other.history, 0, history, 0, history.length);
        copyInto(other.channel, channel);
        copyInto(other.synapse, synapse);
        for (int t = 0; t < channelCurrent.length; t++) {
            System.arraycopy(other.channelCurrent[t], 0, channelCurrent[t], 0, channelCurrent[t].length);
        }
        for (int t = 0; t < synapseCurrent.length; t++) {
            System.arraycopy(other.synapseCurrent[t], 0, synapseCurrent[t], 0, synapseCurrent[t].length);
        }
    }

    /** Number of float64 values this state holds (for memory reports). */
    public long numValues() {
        long n = v.length + history.length;
        for (double[][] a : channel) {
            for (double[] b : a) {
                n += b.length;
            }
        }
        for (double[][] a : synapse) {
            for (double[] b : a) {
                n += b.length;
            }
        }
        for (double[] a : channelCurrent) {
            n += a.length;
        }
        for (double[] a : synapseCurrent) {
            n += a.length;
        }
        return n;
    }

    /** Number of values a checkpoint needs: voltages and states (currents are outputs only). */
    public int checkpointSize() {
        int n = v.length + history.length;
        for (double[][] a : channel) {
            for (double[] b : a) {
                n += b.length;
            }
        }
        for (double[][] a : synapse) {
            for (double[] b : a) {
                n += b.length;
            }
        }
        return n;
    }

    /** Writes voltages and states to {@code dst} from {@code off} ({@link #checkpointSize()} values). */
    public void save(double[] dst, int off) {
        off = copy(v, 0, dst, off, v.length);
        for (double[][] a : channel) {
            for (double[] b : a) {
                off = copy(b, 0, dst, off, b.length);
            }
        }
        for (double[][] a : synapse) {
            for (double[] b : a) {
                off = copy(b, 0, dst, off, b.length);
            }
        }
        copy(history, 0, dst, off, history.length);
    }

    /** Reads voltages and states written by {@link #save}. */
    public void restore(double[] src, int off) {
        copy(src, off, v, 0, v.length);
        off += v.length;
        for (double[][] a : channel) {
            for (double[] b : a) {
                copy(src, off, b, 0, b.length);
                off += b.length;
            }
        }
        for (double[][] a : synapse) {
            for (double[] b : a) {
                copy(src, off, b, 0, b.length);
                off += b.length;
            }
        }
        copy(src, off, history, 0, history.length);
    }

    /** A copy that avoids arraycopy's call overhead for the tiny arrays of small cells; returns dst's next offset. */
    private static int copy(double[] src, int srcOff, double[] dst, int dstOff, int n) {
        if (n < 16) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = src[srcOff + i];
            }
        } else {
            System.arraycopy(src, srcOff, dst, dstOff, n);
        }
        return dstOff + n;
    }

    /** Writes this state's recorded quantities as column {@code col} of {@code out} [recording][sample]. */
    public void recordInto(Plan plan, double[][] out, int col) {
        List<RecordingTarget> recs = plan.recordings();
        for (int r = 0; r < recs.size(); r++) {
            out[r][col] = recorded(recs.get(r));
        }
    }

    /** Writes recording {@code targets[k]} to {@code dst[k·stride + offset]} for every k. */
    public void recordInto(RecordingTarget[] targets, double[] dst, int offset, int stride) {
        for (int k = 0; k < targets.length; k++) {
            dst[k * stride + offset] = recorded(targets[k]);
        }
    }

    private double recorded(RecordingTarget rt) {
        return switch (rt.kind()) {
            case VOLTAGE -> v[rt.node()];
            case STATE -> channel[rt.table()][rt.index()][rt.instance()];
            case CURRENT -> {
                double sum = 0;
                for (int j = 0; j < rt.currentTables().length; j++) {
                    sum += channelCurrent[rt.currentTables()[j]][rt.currentInstances()[j]];
                }
                yield sum;
            }
            case SYNAPSE_STATE -> synapse[rt.table()][rt.index()][rt.instance()];
            case SYNAPSE_CURRENT -> synapseCurrent[rt.table()][rt.instance()];
        };
    }

    /** Whether the voltages of nodes [from, to) are finite. */
    public boolean isFinite(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether every voltage is finite. */
    public boolean isFinite() {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static void copyInto(double[][][] from, double[][][] to) {
        for (int i = 0; i < from.length; i++) {
            for (int j = 0; j < from[i].length; j++) {
                System.arraycopy(from[i][j], 0, to[i][j], 0, from[i][j].length);
            }
        }
    }

    static double[][][] copy(double[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length][];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j].clone();
            }
        }
        return out;
    }
}
