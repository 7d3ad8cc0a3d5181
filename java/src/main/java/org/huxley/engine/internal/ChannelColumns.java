package org.huxley.engine.internal;

import org.huxley.engine.SlopeMode;
import org.huxley.plan.MechanismTable;

/**
 * One channel table's part of a step evaluated column-wise ({@link MechanismKernel.ColumnKernels}):
 * gates of a range of instances from vⁿ, then their currents with the new gates, accumulated into
 * the implicit system instance by instance. Same operations in the same order as the per-instance
 * path of {@link ForwardStepper}, so the same bits; the state arrays are read and written in place.
 */
final class ChannelColumns {
    private final MechanismKernel.ColumnKernels kernels;
    private final int[] nodes;
    private final int numStates;
    private final int firstState;
    /** Slot columns: v gathered per instance, v_pre (0), dt, parameters, the state arrays, then v + Δ. */
    private final double[][] in;
    private final double[] vCol;
    private final double[] vPlus;
    private final double[][] newStates;
    /** Current and slope per instance. */
    private final double[][] currentOut;
    /** Current at v and at v + Δ per instance (forward-difference slope). */
    private final double[][] pairOut;

    ChannelColumns(MechanismKernel k, MechanismTable table, double[][] params, double dt) {
        this.kernels = k.columns();
        this.nodes = table.nodes();
        int n = nodes.length;
        this.numStates = k.numStates;
        this.firstState = k.firstState();
        this.in = new double[k.slotCount() + 1][];
        this.vCol = new double[n];
        this.vPlus = new double[n];
        in[MechanismKernel.V] = vCol;
        in[MechanismKernel.V_PRE] = new double[n];
        double[] dtCol = new double[n];
        java.util.Arrays.fill(dtCol, dt);
        in[MechanismKernel.DT] = dtCol;
        for (int p = 0; p < k.numParams; p++) {
            in[MechanismKernel.FIRST_PARAM + p] = params[p];
        }
        in[k.slotCount()] = vPlus;
        this.newStates = new double[numStates][n];
        this.currentOut = new double[2][n];
        this.pairOut = new double[2][n];
    }

    /** Whether every kernel can run column-wise. */
    static boolean available(MechanismKernel[] kernels) {
        for (MechanismKernel k : kernels) {
            if (k.columns() == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Advances instances [from, to): new states written into {@code states}, currents into
     * {@code current}, and {@code a}, {@code b} of their nodes incremented (ForwardStepper's units).
     */
    void step(double[] v, double[][] states, double[] current, double[] a, double[] b, boolean fd, int from,
            int to) {
        for (int i = from; i < to; i++) {
            vCol[i] = v[nodes[i]];
        }
        for (int q = 0; q < numStates; q++) {
            in[firstState + q] = states[q];
        }
        kernels.updates().eval(in, newStates, from, to);
        for (int q = 0; q < numStates; q++) {
            System.arraycopy(newStates[q], from, states[q], from, to - from);
        }
        if (fd) {
            for (int i = from; i < to; i++) {
                vPlus[i] = vCol[i] + SlopeMode.FD_DELTA_MV;
            }
            kernels.currentPair().eval(in, pairOut, from, to);
            double[] i0 = pairOut[0];
            double[] iPlus = pairOut[1];
            for (int i = from; i < to; i++) {
                double slope = (iPlus[i] - i0[i]) / SlopeMode.FD_DELTA_MV;
                accumulate(i, slope, i0[i], v, current, a, b);
            }
        } else {
            kernels.currentSlope().eval(in, currentOut, from, to);
            double[] i0 = currentOut[MechanismKernel.OUT_CURRENT];
            double[] slopes = currentOut[MechanismKernel.OUT_SLOPE];
            for (int i = from; i < to; i++) {
                accumulate(i, slopes[i], i0[i], v, current, a, b);
            }
        }
    }

    private void accumulate(int i, double slope, double i0, double[] v, double[] current, double[] a, double[] b) {
        int node = nodes[i];
        current[i] = i0;
        a[node] += ForwardStepper.CHANNEL_TO_UA * slope;
        b[node] += ForwardStepper.CHANNEL_TO_UA * (slope * v[node] - i0);
    }
}
