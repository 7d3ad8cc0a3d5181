package org.huxley.engine.internal;

import java.util.Arrays;
import java.util.List;
import org.huxley.engine.SlopeMode;
import org.huxley.model.CompartmentField;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.SynapseTable;

/**
 * Jaxley's backward-Euler step for one parameter set (reference-numerics §6.1; docs/numerics.md):
 * gates advanced with vⁿ, currents with the new gates linearised about vⁿ, one implicit solve of
 * the node tree (compartments and branch points) by Hines elimination, then clamps. The forward
 * engine and the adjoint's recomputation both use this class, so they produce the same bits.
 */
public final class ForwardStepper {
    /** mA/cm² → µA/cm². */
    public static final double CHANNEL_TO_UA = 1000.0;
    /** nA/µm² → µA/cm². */
    public static final double POINT_TO_UA = 1e5;

    public final Plan plan;
    public final double dt;
    public final SlopeMode slopeMode;
    public final MechanismKernel[] channelKernels;
    public final MechanismKernel[] synapseKernels;
    public final SetValues values;
    public final Coupling coupling;
    public final double[] area;
    public final double[] cm;
    public final int[] order;
    public final int[] parent;
    public final boolean[] branchPoint;
    public final int[] stimulusNodes;
    public final int[] clampNodes;
    /** Pre-synaptic inputs of the synapses: voltages, delayed voltages or spikes. */
    public final SynapseInputs inputs;
    private final List<MechanismTable> chTables;
    private final List<SynapseTable> syTables;
    private final double[] a;
    private final double[] b;
    private final double[] d;
    private final double[] rhs;
    private final double[] iext;
    /** Per table and instance, the kernel slots with dt and the parameters filled in once. */
    private final double[][][] chSlots;
    private final double[][][] sySlots;
    private double[] scratch = new double[16];
    private double[] two = new double[2];
    private Observer observer;
    /** Column-wise channel tables (generated kernels), or null: then instance by instance. */
    private final ChannelColumns[] columns;

    /** Sees the kernel outputs of every instance during {@link #solveStep} (e.g. to cache derivatives). */
    public interface Observer {
        /** After a state update of a channel ({@code synapse} false) or synapse instance. */
        void updated(boolean synapse, int table, int instance, double[] outputs);

        /** After the current (and slope) of an instance was evaluated. */
        void current(boolean synapse, int table, int instance, double[] outputs);
    }

    /** Installs (or with null removes) an observer of kernel outputs. */
    public void observe(Observer o) {
        this.observer = o;
    }

    public ForwardStepper(Plan plan, double dt, SlopeMode slopeMode, MechanismKernel[] channelKernels,
            MechanismKernel[] synapseKernels, SetValues values) {
        this.plan = plan;
        this.dt = dt;
        this.slopeMode = slopeMode;
        this.channelKernels = channelKernels;
        this.synapseKernels = synapseKernels;
        this.values = values;
        this.coupling = new Coupling(plan, values.geometry, dt);
        this.area = values.geometry[CompartmentField.AREA.ordinal()];
        this.cm = values.geometry[CompartmentField.CAPACITANCE.ordinal()];
        this.order = plan.solveOrder();
        this.parent = plan.solveParent();
        int n = plan.numNodes();
        this.branchPoint = new boolean[n];
        for (int i = 0; i < n; i++) {
            branchPoint[i] = plan.isBranchPoint(i);
        }
        this.stimulusNodes = new int[plan.numStimuli()];
        for (int s = 0; s < stimulusNodes.length; s++) {
            stimulusNodes[s] = plan.stimulusNode(s);
        }
        this.clampNodes = new int[plan.numClamps()];
        for (int c = 0; c < clampNodes.length; c++) {
            clampNodes[c] = plan.clampNode(c);
        }
        this.inputs = SynapseInputs.of(plan, dt);
        this.chTables = plan.channels();
        this.syTables = plan.synapses();
        this.a = new double[n];
        this.b = new double[n];
        this.d = new double[n];
        this.rhs = new double[n];
        this.iext = new double[n];
        this.chSlots = new double[channelKernels.length][][];
        for (int t = 0; t < channelKernels.length; t++) {
            chSlots[t] = instanceSlots(channelKernels[t], values.channelParams[t], chTables.get(t).size(), dt);
        }
        this.sySlots = new double[synapseKernels.length][][];
        for (int t = 0; t < synapseKernels.length; t++) {
            sySlots[t] = instanceSlots(synapseKernels[t], values.synapseParams[t], syTables.get(t).size(), dt);
        }
        int maxCurrent = 2;
        for (MechanismKernel k : channelKernels) {
            maxCurrent = Math.max(maxCurrent, k.currentOutputs);
            ensureScratch(k.updateOutputs);
        }
        for (MechanismKernel k : synapseKernels) {
            maxCurrent = Math.max(maxCurrent, k.currentOutputs);
            ensureScratch(k.updateOutputs);
        }
        this.two = new double[maxCurrent];
        if (ChannelColumns.available(channelKernels)) {
            columns = new ChannelColumns[channelKernels.length];
            for (int t = 0; t < columns.length; t++) {
                columns[t] = new ChannelColumns(channelKernels[t], chTables.get(t), values.channelParams[t], dt);
            }
        } else {
            columns = null;
        }
    }

    /** Computes the currents of the initial state (for recording only; no state changes). */
    public void initialCurrents(StepState s) {
        for (int t = 0; t < chTables.size(); t++) {
            MechanismKernel k = channelKernels[t];
            MechanismTable tab = chTables.get(t);
            for (int i = 0; i < tab.size(); i++) {
                double[] sl = chSlots[t][i];
                loadStates(sl, k, s.v[tab.nodes()[i]], 0.0, s.channel[t], i);
                s.channelCurrent[t][i] = k.current(sl, two);
            }
        }
        for (int t = 0; t < syTables.size(); t++) {
            MechanismKernel k = synapseKernels[t];
            SynapseTable tab = syTables.get(t);
            for (int i = 0; i < tab.size(); i++) {
                double[] sl = sySlots[t][i];
                loadStates(sl, k, s.v[tab.postNodes()[i]], inputs.pre(t, i, s.v, s.history, 0), s.synapse[t], i);
                s.synapseCurrent[t][i] = k.current(sl, two);
            }
        }
    }

    /**
     * Advances {@code s} by one step in place.
     *
     * @param step n: stimulus and clamp sample n are used
     * @param stimuli per plan stimulus, its samples (nA)
     * @param clamps per plan clamp, its samples (mV)
     */
    public void step(StepState s, int step, double[][] stimuli, double[][] clamps) {
        solveStep(s, step, stimuli);
        applyClamps(s, step, clamps);
    }

    /** Overwrites clamped voltages with clamp sample {@code step} (the last part of a step). */
    public void applyClamps(StepState s, int step, double[][] clamps) {
        for (int c = 0; c < clampNodes.length; c++) {
            s.v[clampNodes[c]] = clamps[c][step];
        }
    }

    /** A step without its clamps: the states and the solution of the implicit system. */
    public void solveStep(StepState s, int step, double[][] stimuli) {
        final boolean fd = slopeMode == SlopeMode.FORWARD_DIFFERENCE;
        final double[] v = s.v;
        final int n = v.length;
        Arrays.fill(a, 0.0);
        Arrays.fill(b, 0.0);
        Arrays.fill(iext, 0.0);
        for (int k = 0; k < stimulusNodes.length; k++) {
            int node = stimulusNodes[k];
            iext[node] += stimuli[k][step] * POINT_TO_UA / area[node];
        }
        if (columns != null && observer == null) {
            // 1.+2. column-wise, table by table: the same values and the same order of additions
            // into a and b as the two passes below (a table's currents use only its own states).
            for (int t = 0; t < columns.length; t++) {
                columns[t].step(v, s.channel[t], s.channelCurrent[t], a, b, fd, 0, chTables.get(t).size());
            }
        } else {
            channelsByInstance(s, fd);
        }
        synapseStep(s, step);
        assemble(s.v, 0, n);
        solveTree(d, rhs, v, 0, order.length);
    }

    /**
     * Step 3 of {@link #solveStep}, sequential between the parallel parts of a chunked step:
     * synapses (after every chunk's channels) and vⁿ into the delay history (before any solve).
     */
    public void synapseStep(StepState s, int step) {
        final boolean fd = slopeMode == SlopeMode.FORWARD_DIFFERENCE;
        final double[] v = s.v;
        // 3. Synapses: advance with v_preⁿ and v_postⁿ, then the current, converted with the post area.
        for (int t = 0; t < syTables.size(); t++) {
            MechanismKernel k = synapseKernels[t];
            SynapseTable tab = syTables.get(t);
            double[][] st = s.synapse[t];
            ensureScratch(k.numStates);
            int first = k.firstState();
            final boolean plainPre = inputs.plain(t);
            final double preShift = inputs.spikeDriven(t) ? 0.0 : SlopeMode.FD_DELTA_MV;
            for (int i = 0; i < tab.size(); i++) {
                int post = tab.postNodes()[i];
                double vPre = plainPre ? v[tab.preNodes()[i]] : inputs.pre(t, i, v, s.history, step);
                double[] sl = sySlots[t][i];
                loadStates(sl, k, v[post], vPre, st, i);
                k.updates.eval(sl, scratch);
                if (observer != null) {
                    observer.updated(true, t, i, scratch);
                }
                for (int q = 0; q < k.numStates; q++) {
                    st[q][i] = scratch[q];
                    sl[first + q] = scratch[q];
                }
                k.currentSlope.eval(sl, two);
                if (observer != null) {
                    observer.current(true, t, i, two);
                }
                double i0 = two[MechanismKernel.OUT_CURRENT];
                double toDensity = POINT_TO_UA / area[post];
                double slope;
                if (fd) {
                    sl[MechanismKernel.V] = v[post] + SlopeMode.FD_DELTA_MV;
                    sl[MechanismKernel.V_PRE] = vPre + preShift;
                    slope = (k.current(sl, two) * toDensity - i0 * toDensity) / SlopeMode.FD_DELTA_MV;
                } else {
                    slope = two[MechanismKernel.OUT_SLOPE] * toDensity;
                }
                s.synapseCurrent[t][i] = i0;
                a[post] += slope;
                b[post] += slope * v[post] - i0 * toDensity;
            }
        }
        inputs.push(v, s.history, step); // vⁿ into the delay history, before the solve overwrites v
    }

    /** Whether {@link #synapseStep} has work (synapses or a delay history). */
    public boolean hasSynapseStep() {
        return !syTables.isEmpty() || inputs.historyNodes.length > 0;
    }

    /** Whether steps can run chunk by chunk ({@link CellChunks}): column kernels and no observer. */
    public boolean chunkable() {
        return columns != null && observer == null;
    }

    /**
     * Steps 1–2 of a chunked step for the chunk's cells: membrane terms of its nodes zeroed, its
     * stimuli and channels added. Chunks may run concurrently; then {@link #synapseStep}.
     */
    public void chunkChannels(StepState s, int step, double[][] stimuli, CellChunks.Chunk c) {
        final boolean fd = slopeMode == SlopeMode.FORWARD_DIFFERENCE;
        Arrays.fill(a, c.nodeFrom(), c.nodeTo(), 0.0);
        Arrays.fill(b, c.nodeFrom(), c.nodeTo(), 0.0);
        Arrays.fill(iext, c.nodeFrom(), c.nodeTo(), 0.0);
        for (int k : c.stimuli()) {
            int node = stimulusNodes[k];
            iext[node] += stimuli[k][step] * POINT_TO_UA / area[node];
        }
        for (int t = 0; t < columns.length; t++) {
            columns[t].step(s.v, s.channel[t], s.channelCurrent[t], a, b, fd, c.instanceFrom()[t], c.instanceTo()[t]);
        }
    }

    /**
     * A whole step, clamps included, for the cells of one chunk: chunks may run concurrently, and for
     * several steps each, where {@link #hasSynapseStep()} is false (cells then do not interact).
     */
    public void chunkStep(StepState s, int step, double[][] stimuli, double[][] clamps, CellChunks.Chunk c) {
        chunkChannels(s, step, stimuli, c);
        chunkSolve(s, c);
        for (int k : c.clamps()) {
            s.v[clampNodes[k]] = clamps[k][step];
        }
    }

    /** Step 4 for all cells (after {@link #chunkChannels} of every chunk and {@link #synapseStep}). */
    public void solveAll(StepState s) {
        assemble(s.v, 0, s.v.length);
        solveTree(d, rhs, s.v, 0, order.length);
    }

    /** Step 4 of a chunked step for the chunk's cells (after {@link #synapseStep}); chunks may run concurrently. */
    public void chunkSolve(StepState s, CellChunks.Chunk c) {
        assemble(s.v, c.nodeFrom(), c.nodeTo());
        solveTree(d, rhs, s.v, c.orderFrom(), c.orderTo());
    }

    /** 4. The implicit voltage system of nodes [from, to). */
    private void assemble(double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (branchPoint[i]) {
                d[i] = coupling.diagonal[i];
                rhs[i] = 0.0;
            } else {
                d[i] = coupling.diagonal[i] + dt * (a[i] / cm[i]);
                rhs[i] = v[i] + dt * ((b[i] + iext[i]) / cm[i]);
            }
        }
    }

    /** Steps 1 and 2 of {@link #solveStep} instance by instance (interpreted kernels, observers). */
    private void channelsByInstance(StepState s, boolean fd) {
        final double[] v = s.v;
        // 1. Gates, mechanism by mechanism in insertion order, each state from the old values.
        for (int t = 0; t < chTables.size(); t++) {
            MechanismKernel k = channelKernels[t];
            MechanismTable tab = chTables.get(t);
            double[][] st = s.channel[t];
            ensureScratch(k.numStates);
            int first = k.firstState();
            for (int i = 0; i < tab.size(); i++) {
                double[] sl = chSlots[t][i];
                loadStates(sl, k, v[tab.nodes()[i]], 0.0, st, i);
                k.updates.eval(sl, scratch);
                if (observer != null) {
                    observer.updated(false, t, i, scratch);
                }
                for (int q = 0; q < k.numStates; q++) {
                    st[q][i] = scratch[q];
                    sl[first + q] = scratch[q];
                }
            }
        }
        // 2. Currents with the new gates and vⁿ, linearised about vⁿ.
        for (int t = 0; t < chTables.size(); t++) {
            MechanismKernel k = channelKernels[t];
            MechanismTable tab = chTables.get(t);
            for (int i = 0; i < tab.size(); i++) {
                int node = tab.nodes()[i];
                double[] sl = chSlots[t][i]; // v and the new states are in place from the gate update
                k.currentSlope.eval(sl, two);
                if (observer != null) {
                    observer.current(false, t, i, two);
                }
                double i0 = two[MechanismKernel.OUT_CURRENT];
                double slope = two[MechanismKernel.OUT_SLOPE];
                if (fd) {
                    sl[MechanismKernel.V] = v[node] + SlopeMode.FD_DELTA_MV;
                    slope = (k.current(sl, two) - i0) / SlopeMode.FD_DELTA_MV;
                    sl[MechanismKernel.V] = v[node];
                }
                s.channelCurrent[t][i] = i0;
                a[node] += CHANNEL_TO_UA * slope;
                b[node] += CHANNEL_TO_UA * (slope * v[node] - i0);
            }
        }
    }

    /** Hines elimination over a range of the solve order holding whole cells: leaves to root, then back. */
    private void solveTree(double[] diag, double[] r, double[] x, int orderFrom, int orderTo) {
        for (int idx = orderTo - 1; idx >= orderFrom; idx--) {
            int k = order[idx];
            int p = parent[k];
            if (p < 0) {
                continue;
            }
            double m = coupling.upper[k] / diag[k];
            diag[p] -= m * coupling.lower[k];
            r[p] -= m * r[k];
        }
        for (int idx = orderFrom; idx < orderTo; idx++) {
            int k = order[idx];
            int p = parent[k];
            x[k] = p < 0 ? r[k] / diag[k] : (r[k] - coupling.lower[k] * x[p]) / diag[k];
        }
    }

    private static double[][] instanceSlots(MechanismKernel k, double[][] params, int n, double dt) {
        double[][] out = new double[n][k.slotCount()];
        for (int i = 0; i < n; i++) {
            out[i][MechanismKernel.DT] = dt;
            for (int p = 0; p < k.numParams; p++) {
                out[i][MechanismKernel.FIRST_PARAM + p] = params[p][i];
            }
        }
        return out;
    }

    /** Writes v, v_pre and instance i's states into its slots (parameters are already there). */
    private static void loadStates(double[] sl, MechanismKernel k, double v, double vPre, double[][] states, int i) {
        sl[MechanismKernel.V] = v;
        sl[MechanismKernel.V_PRE] = vPre;
        int o = k.firstState();
        for (int q = 0; q < k.numStates; q++) {
            sl[o + q] = states[q][i];
        }
    }

    private void ensureScratch(int n) {
        if (scratch.length < n) {
            scratch = new double[n];
        }
    }

    /** Fills a channel kernel's slots: v, dt, parameters and states of instance i. */
    public static void fillChannel(double[] sl, MechanismKernel k, double v, double dt, double[][] params,
            double[][] states, int i) {
        sl[MechanismKernel.V] = v;
        sl[MechanismKernel.V_PRE] = 0.0;
        sl[MechanismKernel.DT] = dt;
        int o = MechanismKernel.FIRST_PARAM;
        for (int p = 0; p < k.numParams; p++) {
            sl[o + p] = params[p][i];
        }
        o = k.firstState();
        for (int q = 0; q < k.numStates; q++) {
            sl[o + q] = states[q][i];
        }
    }

    /** Fills a synapse kernel's slots: post and pre voltage, dt, parameters and states of edge i. */
    public static void fillSynapse(double[] sl, MechanismKernel k, double vPost, double vPre, double dt,
            double[][] params, double[][] states, int i) {
        fillChannel(sl, k, vPost, dt, params, states, i);
        sl[MechanismKernel.V_PRE] = vPre;
    }
}
