package org.huxley.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.engine.internal.Coupling;
import org.huxley.engine.internal.ParameterBinding;
import org.huxley.engine.internal.RunInputs;
import org.huxley.engine.internal.SetValues;
import org.huxley.model.CompartmentField;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;
import org.huxley.plan.SynapseTable;

/**
 * The host image of one launch: the {@code hx_run} scalars, its input arrays (native segments in
 * the kernels' layout, kernels/LAYOUT.md) and the sizes of its outputs, for parameter sets
 * [from, to) of a batch. The CUDA engine uploads the inputs and points the struct at device
 * memory; the host library reads them in place.
 */
final class RunImage {
    /** Pointer fields that the kernel writes (sized here, not filled). */
    static final List<String> OUTPUTS = List.of("v", "ch_state", "ch_current", "sy_state", "sy_current", "scratch",
            "out", "diverged_at", "status");

    final Shape shape;
    final int sets;
    final Map<String, MemorySegment> inputs = new LinkedHashMap<>();
    final Map<String, Long> outputBytes = new LinkedHashMap<>();

    /**
     * The sizes and offsets of a plan's tables for one protocol and batch kind (independent of
     * which sets a chunk holds).
     */
    static final class Shape {
        final Plan plan;
        final Precision precision;
        final int n;
        final int steps;
        final int stride;
        final int samples;
        final int recordings;
        final int[] chMech;
        final int[] chCount;
        final int[] chInstOff;
        final int[] chParamOff;
        final int[] chStateOff;
        final int chInstances;
        final int chParamRows;
        final int chStateRows;
        final int[] syMech;
        final int[] syCount;
        final int[] syInstOff;
        final int[] syParamOff;
        final int[] syStateOff;
        final int syInstances;
        final int syParamRows;
        final int syStateRows;
        final long flags;
        final SlopeMode slope;
        final double dt;
        final int[] recTermOff;
        final int[] recTermKind;
        final int[] recTermIndex;

        Shape(Plan plan, Protocol protocol, Batch batch, RunInputs in, int[] chMech, int[] syMech,
                Precision precision) {
            this.plan = plan;
            this.precision = precision;
            this.n = plan.numNodes();
            this.steps = in.steps;
            this.stride = protocol.recordEvery();
            this.samples = steps / stride + 1;
            this.recordings = plan.recordings().size();
            this.slope = protocol.slope();
            this.dt = protocol.dtMs();
            this.chMech = chMech;
            this.syMech = syMech;
            List<MechanismTable> ch = plan.channels();
            chCount = new int[ch.size()];
            chInstOff = new int[ch.size()];
            chParamOff = new int[ch.size()];
            chStateOff = new int[ch.size()];
            int inst = 0;
            int prow = 0;
            int srow = 0;
            for (int t = 0; t < ch.size(); t++) {
                MechanismTable tab = ch.get(t);
                chCount[t] = tab.size();
                chInstOff[t] = inst;
                chParamOff[t] = prow;
                chStateOff[t] = srow;
                inst += tab.size();
                prow += tab.size() * tab.mechanism().params().size();
                srow += tab.size() * tab.mechanism().states().size();
            }
            chInstances = inst;
            chParamRows = prow;
            chStateRows = srow;
            List<SynapseTable> sy = plan.synapses();
            syCount = new int[sy.size()];
            syInstOff = new int[sy.size()];
            syParamOff = new int[sy.size()];
            syStateOff = new int[sy.size()];
            inst = 0;
            prow = 0;
            srow = 0;
            for (int t = 0; t < sy.size(); t++) {
                SynapseTable tab = sy.get(t);
                syCount[t] = tab.size();
                syInstOff[t] = inst;
                syParamOff[t] = prow;
                syStateOff[t] = srow;
                inst += tab.size();
                prow += tab.size() * tab.mechanism().params().size();
                srow += tab.size() * tab.mechanism().states().size();
            }
            syInstances = inst;
            syParamRows = prow;
            syStateRows = srow;
            long f = 0;
            ParameterBinding binding = in.binding;
            for (int p = 0; p < binding.size(); p++) {
                for (ParameterBinding.Target t : binding.targets(p)) {
                    f |= switch (t.kind()) {
                        case GEOMETRY -> 1L;
                        case CHANNEL_PARAM -> 2L;
                        case SYNAPSE_PARAM -> 4L;
                        case CHANNEL_STATE, SYNAPSE_STATE -> 0L;
                    };
                }
            }
            if (!batch.overriddenStimuli().isEmpty()) {
                f |= 8L;
            }
            this.flags = f;
            List<Integer> off = new ArrayList<>();
            List<Integer> kind = new ArrayList<>();
            List<Integer> index = new ArrayList<>();
            for (RecordingTarget rt : plan.recordings()) {
                off.add(kind.size());
                switch (rt.kind()) {
                    case VOLTAGE -> term(kind, index, 0, rt.node());
                    case STATE -> term(kind, index, 1, chStateOff[rt.table()] + rt.index() * chCount[rt.table()]
                            + rt.instance());
                    case CURRENT -> {
                        for (int j = 0; j < rt.currentTables().length; j++) {
                            term(kind, index, 2, chInstOff[rt.currentTables()[j]] + rt.currentInstances()[j]);
                        }
                    }
                    case SYNAPSE_STATE -> term(kind, index, 3, syStateOff[rt.table()]
                            + rt.index() * syCount[rt.table()] + rt.instance());
                    case SYNAPSE_CURRENT -> term(kind, index, 4, syInstOff[rt.table()] + rt.instance());
                }
            }
            off.add(kind.size());
            recTermOff = off.stream().mapToInt(Integer::intValue).toArray();
            recTermKind = kind.stream().mapToInt(Integer::intValue).toArray();
            recTermIndex = index.stream().mapToInt(Integer::intValue).toArray();
        }

        private static void term(List<Integer> kind, List<Integer> index, int k, int i) {
            kind.add(k);
            index.add(i);
        }

        boolean batched(long flag) {
            return (flags & flag) != 0;
        }

        /** Real values stored once per launch, whatever its number of sets. */
        long fixedReals() {
            long r = 0;
            r += batched(1) ? 0 : 6L * n;
            r += batched(2) ? 0 : chParamRows;
            r += batched(4) ? 0 : syParamRows;
            r += batched(8) ? 0 : (long) plan.numStimuli() * steps;
            r += (long) plan.numClamps() * steps;
            return r;
        }

        /** Real values stored per set. */
        long perSetReals() {
            long r = 0;
            r += batched(1) ? 6L * n : 0;
            r += batched(2) ? chParamRows : 0;
            r += batched(4) ? syParamRows : 0;
            r += batched(8) ? (long) plan.numStimuli() * steps : 0;
            r += 2L * chStateRows + chInstances + 2L * syStateRows + syInstances; // state0, state, current
            r += 6L * n; // v and scratch
            r += (long) samples * recordings; // out
            return r;
        }

        /** Device bytes a launch of {@code sets} sets needs (ints included, small). */
        long bytes(long sets) {
            long ints = 3L * n + 5L * chMech.length + chInstances + 5L * syMech.length + 2L * syInstances
                    + plan.numStimuli() + plan.numClamps() + recTermOff.length + 2L * recTermKind.length + 1;
            return precision.bytes() * (fixedReals() + perSetReals() * sets) + 4L * (ints + sets) + 64L * 64;
        }

        /** Bytes per set (for chunking). */
        long bytesPerSet() {
            return precision.bytes() * perSetReals() + 4L;
        }
    }

    private RunImage(Shape shape, int sets) {
        this.shape = shape;
        this.sets = sets;
    }

    /** Builds the image of sets [from, to). */
    static RunImage build(Shape s, Batch batch, RunInputs in, int from, int to, Arena arena) {
        Plan plan = s.plan;
        int sets = to - from;
        RunImage img = new RunImage(s, sets);
        int n = s.n;
        int[] order = plan.solveOrder();
        int[] parent = plan.solveParent();
        int[] bp = new int[n];
        for (int i = 0; i < n; i++) {
            bp[i] = plan.isBranchPoint(i) ? 1 : 0;
        }
        img.ints(arena, "order", order);
        img.ints(arena, "parent", parent);
        img.ints(arena, "is_branch_point", bp);

        // Node values: once, or per set when a parameter targets geometry.
        boolean geoB = s.batched(1);
        int gs = geoB ? sets : 1;
        double[][] node = new double[6][n * gs];
        for (int b = 0; b < gs; b++) {
            SetValues sv = geoB ? in.values(plan, batch, from + b) : new SetValues(plan);
            Coupling cp = new Coupling(plan, sv.geometry, s.dt);
            double[] area = sv.geometry[CompartmentField.AREA.ordinal()];
            double[] cm = sv.geometry[CompartmentField.CAPACITANCE.ordinal()];
            double[] v0 = sv.geometry[CompartmentField.V.ordinal()];
            for (int k = 0; k < n; k++) {
                int at = k * gs + b;
                node[0][at] = cp.lower[k];
                node[1][at] = cp.upper[k];
                node[2][at] = cp.diagonal[k];
                node[3][at] = area[k];
                node[4][at] = cm[k];
                node[5][at] = v0[k];
            }
        }
        String[] nodeFields = {"lower", "upper", "diag0", "area", "cm", "v0"};
        for (int f = 0; f < 6; f++) {
            img.reals(arena, nodeFields[f], node[f]);
        }

        // Mechanism tables.
        List<MechanismTable> ch = plan.channels();
        int[] chNode = new int[s.chInstances];
        for (int t = 0; t < ch.size(); t++) {
            System.arraycopy(ch.get(t).nodes(), 0, chNode, s.chInstOff[t], s.chCount[t]);
        }
        img.ints(arena, "ch_mech", s.chMech);
        img.ints(arena, "ch_count", s.chCount);
        img.ints(arena, "ch_inst_off", s.chInstOff);
        img.ints(arena, "ch_param_off", s.chParamOff);
        img.ints(arena, "ch_state_off", s.chStateOff);
        img.ints(arena, "ch_node", chNode);
        List<SynapseTable> sy = plan.synapses();
        int[] pre = new int[s.syInstances];
        int[] post = new int[s.syInstances];
        for (int t = 0; t < sy.size(); t++) {
            System.arraycopy(sy.get(t).preNodes(), 0, pre, s.syInstOff[t], s.syCount[t]);
            System.arraycopy(sy.get(t).postNodes(), 0, post, s.syInstOff[t], s.syCount[t]);
        }
        img.ints(arena, "sy_mech", s.syMech);
        img.ints(arena, "sy_count", s.syCount);
        img.ints(arena, "sy_inst_off", s.syInstOff);
        img.ints(arena, "sy_param_off", s.syParamOff);
        img.ints(arena, "sy_state_off", s.syStateOff);
        img.ints(arena, "sy_pre", pre);
        img.ints(arena, "sy_post", post);

        int ps = s.batched(2) ? sets : 1;
        int qs = s.batched(4) ? sets : 1;
        double[] chParam = new double[s.chParamRows * ps];
        double[] chState0 = new double[s.chStateRows * sets];
        double[] syParam = new double[s.syParamRows * qs];
        double[] syState0 = new double[s.syStateRows * sets];
        for (int t = 0; t < ch.size(); t++) {
            MechanismTable tab = ch.get(t);
            fillRows(chParam, tab.params(), s.chParamOff[t], ps);
            fillRows(chState0, tab.states(), s.chStateOff[t], sets);
        }
        for (int t = 0; t < sy.size(); t++) {
            SynapseTable tab = sy.get(t);
            fillRows(syParam, tab.params(), s.syParamOff[t], qs);
            fillRows(syState0, tab.states(), s.syStateOff[t], sets);
        }
        ParameterBinding binding = in.binding;
        if (binding.size() > 0) {
            for (int b = 0; b < sets; b++) {
                double[] theta = batch.parameters().row(from + b);
                for (int p = 0; p < binding.size(); p++) {
                    for (ParameterBinding.Target t : binding.targets(p)) {
                        switch (t.kind()) {
                            case CHANNEL_PARAM -> chParam[(s.chParamOff[t.a()] + t.b() * s.chCount[t.a()] + t.c()) * ps
                                    + b] = theta[p];
                            case CHANNEL_STATE -> chState0[(s.chStateOff[t.a()] + t.b() * s.chCount[t.a()] + t.c())
                                    * sets + b] = theta[p];
                            case SYNAPSE_PARAM -> syParam[(s.syParamOff[t.a()] + t.b() * s.syCount[t.a()] + t.c()) * qs
                                    + b] = theta[p];
                            case SYNAPSE_STATE -> syState0[(s.syStateOff[t.a()] + t.b() * s.syCount[t.a()] + t.c())
                                    * sets + b] = theta[p];
                            case GEOMETRY -> {
                                // written through SetValues above
                            }
                        }
                    }
                }
            }
        }
        img.reals(arena, "ch_param", chParam);
        img.reals(arena, "ch_state0", chState0);
        img.reals(arena, "sy_param", syParam);
        img.reals(arena, "sy_state0", syState0);

        // Stimuli and clamps.
        int ns = plan.numStimuli();
        int steps = s.steps;
        int[] stimNode = new int[ns];
        int ss = s.batched(8) ? sets : 1;
        double[] stim = new double[ns * steps * ss];
        for (int k = 0; k < ns; k++) {
            stimNode[k] = plan.stimulusNode(k);
            for (int b = 0; b < ss; b++) {
                double[] w = in.stimuli[from + b][k];
                for (int t = 0; t < steps; t++) {
                    stim[(k * steps + t) * ss + b] = w[t];
                }
            }
        }
        img.ints(arena, "stim_node", stimNode);
        img.reals(arena, "stim", stim);
        int nc = plan.numClamps();
        int[] clampNode = new int[nc];
        double[] clamp = new double[nc * steps];
        for (int c = 0; c < nc; c++) {
            clampNode[c] = plan.clampNode(c);
            System.arraycopy(in.clamps[c], 0, clamp, c * steps, steps);
        }
        img.ints(arena, "clamp_node", clampNode);
        img.reals(arena, "clamp", clamp);
        img.ints(arena, "rec_term_off", s.recTermOff);
        img.ints(arena, "rec_term_kind", s.recTermKind);
        img.ints(arena, "rec_term_index", s.recTermIndex);

        long rb = s.precision.bytes();
        img.outputBytes.put("v", rb * n * sets);
        img.outputBytes.put("ch_state", rb * s.chStateRows * sets);
        img.outputBytes.put("ch_current", rb * s.chInstances * sets);
        img.outputBytes.put("sy_state", rb * s.syStateRows * sets);
        img.outputBytes.put("sy_current", rb * s.syInstances * sets);
        img.outputBytes.put("scratch", rb * 5L * n * sets);
        img.outputBytes.put("out", rb * (long) s.samples * s.recordings * sets);
        img.outputBytes.put("diverged_at", 4L * sets);
        img.outputBytes.put("status", 4L);
        return img;
    }

    /** rows[q][i] → array[(off + q·count + i)·stride + b] for every b < stride. */
    private static void fillRows(double[] array, double[][] rows, int off, int stride) {
        for (int q = 0; q < rows.length; q++) {
            int count = rows[q].length;
            for (int i = 0; i < count; i++) {
                int base = (off + q * count + i) * stride;
                java.util.Arrays.fill(array, base, base + stride, rows[q][i]);
            }
        }
    }

    private void ints(Arena arena, String field, int[] values) {
        MemorySegment seg = arena.allocate(JAVA_INT, Math.max(1, values.length));
        MemorySegment.copy(values, 0, seg, JAVA_INT, 0, values.length);
        inputs.put(field, seg);
    }

    private void reals(Arena arena, String field, double[] values) {
        int len = values.length;
        if (shape.precision == Precision.FLOAT64) {
            MemorySegment seg = arena.allocate(JAVA_DOUBLE, Math.max(1, len));
            MemorySegment.copy(values, 0, seg, JAVA_DOUBLE, 0, len);
            inputs.put(field, seg);
        } else {
            MemorySegment seg = arena.allocate(JAVA_FLOAT, Math.max(1, len));
            for (int i = 0; i < len; i++) {
                seg.setAtIndex(JAVA_FLOAT, i, (float) values[i]);
            }
            inputs.put(field, seg);
        }
    }

    /** Writes the scalars and the given field addresses into a struct. */
    MemorySegment struct(Arena arena, Map<String, Long> addresses) {
        Shape s = shape;
        MemorySegment st = arena.allocate(RunLayout.LAYOUT);
        RunLayout.setLong(st, "abi_version", RunLayout.ABI_VERSION);
        RunLayout.setLong(st, "real_size", s.precision.bytes());
        RunLayout.setLong(st, "n_sets", sets);
        RunLayout.setLong(st, "n_nodes", s.n);
        RunLayout.setLong(st, "n_steps", s.steps);
        RunLayout.setLong(st, "record_every", s.stride);
        RunLayout.setLong(st, "n_samples", s.samples);
        RunLayout.setLong(st, "n_recordings", s.recordings);
        RunLayout.setLong(st, "n_ch_tables", s.chMech.length);
        RunLayout.setLong(st, "n_ch_instances", s.chInstances);
        RunLayout.setLong(st, "n_ch_state_rows", s.chStateRows);
        RunLayout.setLong(st, "n_sy_tables", s.syMech.length);
        RunLayout.setLong(st, "n_sy_instances", s.syInstances);
        RunLayout.setLong(st, "n_sy_state_rows", s.syStateRows);
        RunLayout.setLong(st, "n_stimuli", s.plan.numStimuli());
        RunLayout.setLong(st, "n_clamps", s.plan.numClamps());
        RunLayout.setLong(st, "batched_flags", s.flags);
        RunLayout.setLong(st, "slope_mode", s.slope == SlopeMode.FORWARD_DIFFERENCE ? 1 : 0);
        RunLayout.setDouble(st, "dt", s.dt);
        RunLayout.setDouble(st, "fd_delta", SlopeMode.FD_DELTA_MV);
        for (Map.Entry<String, RunLayout.Kind> f : RunLayout.FIELDS.entrySet()) {
            if (f.getValue() == RunLayout.Kind.POINTER) {
                Long a = addresses.get(f.getKey());
                if (a == null) {
                    throw new IllegalStateException("internal: no address for hx_run." + f.getKey());
                }
                RunLayout.setPointer(st, f.getKey(), a);
            }
        }
        return st;
    }

    /**
     * Converts the kernel's outputs into [set][recording][sample] rows of {@code data} starting at
     * set {@code from}, and the divergence steps.
     */
    void readOutputs(MemorySegment out, MemorySegment diverged, double[][][] data, int[] divergedAt, int from) {
        Shape s = shape;
        int R = s.recordings;
        boolean f64 = s.precision == Precision.FLOAT64;
        for (int b = 0; b < sets; b++) {
            double[][] rows = data[from + b];
            for (int r = 0; r < R; r++) {
                double[] row = rows[r];
                for (int k = 0; k < s.samples; k++) {
                    long at = ((long) k * R + r) * sets + b;
                    row[k] = f64 ? out.getAtIndex(JAVA_DOUBLE, at) : out.getAtIndex(JAVA_FLOAT, at);
                }
            }
            divergedAt[from + b] = diverged.getAtIndex(JAVA_INT, b);
        }
    }
}
