package org.huxley.engine;

import java.util.Arrays;
import java.util.List;
import org.huxley.model.CompartmentField;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;
import org.huxley.plan.SynapseTable;

/**
 * Integrates one parameter set with Jaxley's backward-Euler step (reference-numerics §6.1): gates
 * advanced with v^n, currents with the new gates linearised about v^n, then one implicit solve of
 * the node tree (compartments and branch points) by Hines elimination, then clamps.
 */
final class CpuIntegrator {
    /** mA/cm² → µA/cm². */
    private static final double CHANNEL_TO_UA = 1000.0;
    /** nA/µm² → µA/cm². */
    private static final double POINT_TO_UA = 1e5;

    private final Plan plan;
    private final Protocol protocol;
    private final MechanismKernel[] channelKernels;
    private final MechanismKernel[] synapseKernels;
    private final int[] order;
    private final int[] parent;

    CpuIntegrator(Plan plan, Protocol protocol, MechanismKernel[] channelKernels, MechanismKernel[] synapseKernels) {
        this.plan = plan;
        this.protocol = protocol;
        this.channelKernels = channelKernels;
        this.synapseKernels = synapseKernels;
        this.order = plan.solveOrder();
        this.parent = plan.solveParent();
    }

    /**
     * @param values the set's model values
     * @param stimuli per plan stimulus, its samples for this set (nA), at least {@code steps} long
     * @param clamps per plan clamp, its samples (mV)
     * @param steps number of steps
     * @param out output [recording][sample]
     * @return the step after which the state was first non-finite, or −1
     */
    int run(SetValues values, double[][] stimuli, double[][] clamps, int steps, double[][] out) {
        final double dt = protocol.dtMs();
        final int n = plan.numNodes();
        final boolean fd = protocol.slope() == SlopeMode.FORWARD_DIFFERENCE;
        final double[] area = values.geometry[CompartmentField.AREA.ordinal()];
        final double[] cm = values.geometry[CompartmentField.CAPACITANCE.ordinal()];
        final Coupling coupling = new Coupling(plan, values.geometry, dt);
        final double[] v = values.geometry[CompartmentField.V.ordinal()].clone();
        for (int i = 0; i < n; i++) {
            if (plan.isBranchPoint(i)) {
                v[i] = 0.0; // algebraic node: its value is solved for, the start value is unused
            }
        }
        List<MechanismTable> chTables = plan.channels();
        List<SynapseTable> syTables = plan.synapses();
        double[][][] chStates = copy(values.channelStates0);
        double[][][] syStates = copy(values.synapseStates0);
        double[][] chCurrent = new double[chTables.size()][];
        for (int t = 0; t < chTables.size(); t++) {
            chCurrent[t] = new double[chTables.get(t).size()];
        }
        double[][] syCurrent = new double[syTables.size()][];
        for (int t = 0; t < syTables.size(); t++) {
            syCurrent[t] = new double[syTables.get(t).size()];
        }
        double[] a = new double[n];
        double[] b = new double[n];
        double[] d = new double[n];
        double[] rhs = new double[n];
        double[] iext = new double[n];
        double[][] slots = new double[Math.max(channelKernels.length, 1) + synapseKernels.length][];
        for (int t = 0; t < channelKernels.length; t++) {
            slots[t] = new double[channelKernels[t].slotCount()];
        }
        for (int t = 0; t < synapseKernels.length; t++) {
            slots[channelKernels.length + t] = new double[synapseKernels[t].slotCount()];
        }
        double[] scratch = new double[64];
        int[] stimNodes = new int[plan.numStimuli()];
        for (int s = 0; s < stimNodes.length; s++) {
            stimNodes[s] = plan.stimulusNode(s);
        }
        int[] clampNodes = new int[plan.numClamps()];
        for (int c = 0; c < clampNodes.length; c++) {
            clampNodes[c] = plan.clampNode(c);
        }

        // Initial currents (for recording only): initial states and v.
        for (int t = 0; t < chTables.size(); t++) {
            MechanismKernel k = channelKernels[t];
            MechanismTable tab = chTables.get(t);
            double[] sl = slots[t];
            for (int i = 0; i < tab.size(); i++) {
                fillChannel(sl, k, v[tab.nodes()[i]], dt, values.channelParams[t], chStates[t], i);
                chCurrent[t][i] = k.current.eval(sl);
            }
        }
        for (int t = 0; t < syTables.size(); t++) {
            MechanismKernel k = synapseKernels[t];
            SynapseTable tab = syTables.get(t);
            double[] sl = slots[channelKernels.length + t];
            for (int i = 0; i < tab.size(); i++) {
                fillSynapse(sl, k, v[tab.postNodes()[i]], v[tab.preNodes()[i]], dt, values.synapseParams[t],
                        syStates[t], i);
                syCurrent[t][i] = k.current.eval(sl);
            }
        }
        int stride = protocol.recordEvery();
        record(out, 0, v, chStates, syStates, chCurrent, syCurrent);

        for (int step = 0; step < steps; step++) {
            Arrays.fill(a, 0.0);
            Arrays.fill(b, 0.0);
            Arrays.fill(iext, 0.0);
            for (int s = 0; s < stimNodes.length; s++) {
                int node = stimNodes[s];
                iext[node] += stimuli[s][step] * POINT_TO_UA / area[node];
            }
            // 1. Gates, each mechanism in insertion order, each state from the old values.
            for (int t = 0; t < chTables.size(); t++) {
                MechanismKernel k = channelKernels[t];
                MechanismTable tab = chTables.get(t);
                double[] sl = slots[t];
                double[][] st = chStates[t];
                if (scratch.length < k.numStates) {
                    scratch = new double[k.numStates];
                }
                for (int i = 0; i < tab.size(); i++) {
                    fillChannel(sl, k, v[tab.nodes()[i]], dt, values.channelParams[t], st, i);
                    for (int s = 0; s < k.numStates; s++) {
                        scratch[s] = k.updates[s].eval(sl);
                    }
                    for (int s = 0; s < k.numStates; s++) {
                        st[s][i] = scratch[s];
                    }
                }
            }
            // 2. Currents with the new gates and v^n, linearised about v^n.
            for (int t = 0; t < chTables.size(); t++) {
                MechanismKernel k = channelKernels[t];
                MechanismTable tab = chTables.get(t);
                double[] sl = slots[t];
                for (int i = 0; i < tab.size(); i++) {
                    int node = tab.nodes()[i];
                    fillChannel(sl, k, v[node], dt, values.channelParams[t], chStates[t], i);
                    double i0 = k.current.eval(sl);
                    double slope;
                    if (fd) {
                        sl[MechanismKernel.V] = v[node] + SlopeMode.FD_DELTA_MV;
                        slope = (k.current.eval(sl) - i0) / SlopeMode.FD_DELTA_MV;
                    } else {
                        slope = k.slope.eval(sl);
                    }
                    chCurrent[t][i] = i0;
                    a[node] += CHANNEL_TO_UA * slope;
                    b[node] += CHANNEL_TO_UA * (slope * v[node] - i0);
                }
            }
            // 3. Synapses: advance with v_pre^n and v_post^n, then current, converted with the post area.
            for (int t = 0; t < syTables.size(); t++) {
                MechanismKernel k = synapseKernels[t];
                SynapseTable tab = syTables.get(t);
                double[] sl = slots[channelKernels.length + t];
                double[][] st = syStates[t];
                if (scratch.length < k.numStates) {
                    scratch = new double[k.numStates];
                }
                for (int i = 0; i < tab.size(); i++) {
                    int post = tab.postNodes()[i];
                    int pre = tab.preNodes()[i];
                    fillSynapse(sl, k, v[post], v[pre], dt, values.synapseParams[t], st, i);
                    for (int s = 0; s < k.numStates; s++) {
                        scratch[s] = k.updates[s].eval(sl);
                    }
                    for (int s = 0; s < k.numStates; s++) {
                        st[s][i] = scratch[s];
                    }
                    fillSynapse(sl, k, v[post], v[pre], dt, values.synapseParams[t], st, i);
                    double i0 = k.current.eval(sl);
                    double slope;
                    if (fd) {
                        sl[MechanismKernel.V] = v[post] + SlopeMode.FD_DELTA_MV;
                        sl[MechanismKernel.V_PRE] = v[pre] + SlopeMode.FD_DELTA_MV;
                        double j1 = k.current.eval(sl) * POINT_TO_UA / area[post];
                        slope = (j1 - i0 * POINT_TO_UA / area[post]) / SlopeMode.FD_DELTA_MV;
                    } else {
                        slope = k.slope.eval(sl) * POINT_TO_UA / area[post];
                    }
                    double j0 = i0 * POINT_TO_UA / area[post];
                    syCurrent[t][i] = i0;
                    a[post] += slope;
                    b[post] += slope * v[post] - j0;
                }
            }
            // 4. Implicit voltage system on the node tree.
            for (int i = 0; i < n; i++) {
                if (plan.isBranchPoint(i)) {
                    d[i] = coupling.diagonal[i];
                    rhs[i] = 0.0;
                } else {
                    d[i] = coupling.diagonal[i] + dt * (a[i] / cm[i]);
                    rhs[i] = v[i] + dt * ((b[i] + iext[i]) / cm[i]);
                }
            }
            solveTree(d, rhs, coupling, v);
            for (int c = 0; c < clampNodes.length; c++) {
                v[clampNodes[c]] = clamps[c][step];
            }
            if (!allFinite(v)) {
                for (double[] row : out) {
                    int from = (step + 1 + stride - 1) / stride;
                    Arrays.fill(row, from, row.length, Double.NaN);
                }
                return step + 1;
            }
            if ((step + 1) % stride == 0) {
                record(out, (step + 1) / stride, v, chStates, syStates, chCurrent, syCurrent);
            }
        }
        return -1;
    }

    /** Hines elimination over the solve tree: leaves to root, then root to leaves. */
    private void solveTree(double[] d, double[] rhs, Coupling c, double[] x) {
        for (int idx = order.length - 1; idx >= 0; idx--) {
            int k = order[idx];
            int p = parent[k];
            if (p < 0) {
                continue;
            }
            double m = c.upper[k] / d[k];
            d[p] -= m * c.lower[k];
            rhs[p] -= m * rhs[k];
        }
        for (int k : order) {
            int p = parent[k];
            x[k] = p < 0 ? rhs[k] / d[k] : (rhs[k] - c.lower[k] * x[p]) / d[k];
        }
    }

    private static void fillChannel(double[] sl, MechanismKernel k, double v, double dt, double[][] params,
            double[][] states, int i) {
        sl[MechanismKernel.V] = v;
        sl[MechanismKernel.V_PRE] = 0.0;
        sl[MechanismKernel.DT] = dt;
        int o = MechanismKernel.FIRST_PARAM;
        for (int p = 0; p < k.numParams; p++) {
            sl[o + p] = params[p][i];
        }
        o = k.firstState();
        for (int s = 0; s < k.numStates; s++) {
            sl[o + s] = states[s][i];
        }
    }

    private static void fillSynapse(double[] sl, MechanismKernel k, double vPost, double vPre, double dt,
            double[][] params, double[][] states, int i) {
        fillChannel(sl, k, vPost, dt, params, states, i);
        sl[MechanismKernel.V_PRE] = vPre;
    }

    private void record(double[][] out, int col, double[] v, double[][][] chStates, double[][][] syStates,
            double[][] chCurrent, double[][] syCurrent) {
        List<RecordingTarget> recs = plan.recordings();
        for (int r = 0; r < recs.size(); r++) {
            RecordingTarget rt = recs.get(r);
            out[r][col] = switch (rt.kind()) {
                case VOLTAGE -> v[rt.node()];
                case STATE -> chStates[rt.table()][rt.index()][rt.instance()];
                case CURRENT -> {
                    double sum = 0;
                    for (int j = 0; j < rt.currentTables().length; j++) {
                        sum += chCurrent[rt.currentTables()[j]][rt.currentInstances()[j]];
                    }
                    yield sum;
                }
                case SYNAPSE_STATE -> syStates[rt.table()][rt.index()][rt.instance()];
                case SYNAPSE_CURRENT -> syCurrent[rt.table()][rt.instance()];
            };
        }
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static double[][][] copy(double[][][] a) {
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
