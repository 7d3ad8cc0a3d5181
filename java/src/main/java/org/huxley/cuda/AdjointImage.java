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
import org.huxley.engine.internal.Coupling;
import org.huxley.engine.internal.ParameterBinding;
import org.huxley.engine.internal.RunInputs;
import org.huxley.engine.internal.SetValues;
import org.huxley.model.CompartmentField;
import org.huxley.plan.Plan;

/**
 * The host image of one gradient launch: the forward {@link RunImage} of sets [from, to) plus the
 * arrays of {@code hx_adj} (kernels/include/huxley_adjoint_abi.h): links with their resistances,
 * resistivity and loads, the accumulator terms of every parameter, and the sizes of the checkpoint,
 * segment, accumulator and gradient buffers.
 */
final class AdjointImage {
    final RunImage run;
    final Sizes sizes;
    final KernelGradients.DeviceLoss loss;
    final Map<String, MemorySegment> inputs = new LinkedHashMap<>();
    final Map<String, Long> outputBytes = new LinkedHashMap<>();

    /** The sizes of a gradient launch that do not depend on which sets it holds. */
    static final class Sizes {
        final RunImage.Shape shape;
        final int every;
        final int checkpoints;
        final int stateSize;
        final int params;
        final int links;
        /** Accumulator rows (huxley_adjoint_abi.h). */
        final int accCap;
        final int accArea;
        final int accRa;
        final int accLoadIn;
        final int accLoadOut;
        final int accChParams;
        final int accSyParams;
        final int accV;
        final int accChStates;
        final int accSyStates;
        final int accRows;

        Sizes(RunImage.Shape shape, int every, int params) {
            this.shape = shape;
            this.every = every;
            int steps = shape.steps;
            this.checkpoints = (steps + every - 1) / every + 1;
            this.stateSize = shape.n + shape.chStateRows + shape.syStateRows;
            this.params = params;
            this.links = shape.plan.numLinks();
            int n = shape.n;
            accCap = 0;
            accArea = n;
            accRa = 2 * n;
            accLoadIn = 3 * n;
            accLoadOut = 4 * n;
            accChParams = 5 * n;
            accSyParams = accChParams + shape.chParamRows;
            accV = accSyParams + shape.syParamRows;
            accChStates = accV + n;
            accSyStates = accChStates + shape.chStateRows;
            accRows = accSyStates + shape.syStateRows;
        }

        /** Stored states per set: the checkpoints, the segment buffer and the unclamped solution. */
        long storedStates() {
            return checkpoints + every + 2L;
        }

        /** Real values per set beyond the forward run's. */
        long perSetReals(int terms) {
            long r = storedStates() * stateSize + accRows + 5L * shape.n + params
                    + (long) shape.samples * shape.recordings + 1;
            if (shape.batched(1)) {
                r += links + 3L * shape.n + terms;
            }
            return r;
        }

        /** Device bytes of a launch of {@code sets} sets. */
        long bytes(long sets, int terms) {
            long fixedReals = (shape.batched(1) ? 0 : links + 3L * shape.n + terms)
                    + (long) shape.samples * shape.recordings;
            long ints = 3L * links + params + 1L + 2L * terms;
            return shape.bytes(sets) + shape.precision.bytes() * (fixedReals + perSetReals(terms) * sets) + 4 * ints;
        }

        long bytesPerSet(int terms) {
            return shape.bytesPerSet() + shape.precision.bytes() * perSetReals(terms);
        }
    }

    /** The accumulator terms of every parameter: grad[p] = Σ coef·acc[row] (coefficients per set or shared). */
    record Terms(int[] offsets, int[] rows, double[][] coefficients) {
        int count() {
            return rows.length;
        }
    }

    private AdjointImage(RunImage run, Sizes sizes, KernelGradients.DeviceLoss loss) {
        this.run = run;
        this.sizes = sizes;
        this.loss = loss;
    }

    /** The terms of a binding; {@code values} gives each set's geometry (radius and length coefficients). */
    static Terms terms(Sizes z, ParameterBinding binding, List<SetValues> values) {
        RunImage.Shape s = z.shape;
        List<Integer> offsets = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<double[]> coefs = new ArrayList<>();
        int sets = values.size();
        for (int p = 0; p < binding.size(); p++) {
            offsets.add(rows.size());
            for (ParameterBinding.Target t : binding.targets(p)) {
                switch (t.kind()) {
                    case GEOMETRY -> {
                        int node = t.c();
                        CompartmentField f = CompartmentField.values()[t.a()];
                        switch (f) {
                            case RADIUS, LENGTH -> {
                                double[] ca = new double[sets];
                                double[] cl = new double[sets];
                                for (int b = 0; b < sets; b++) {
                                    double[][] g = values.get(b).geometry;
                                    double l = g[CompartmentField.LENGTH.ordinal()][node];
                                    double r = g[CompartmentField.RADIUS.ordinal()][node];
                                    // GradientMapper's cylinder formulas: A = 2πrl, ρ_in = ρ_out = (l/2)/(πr²)
                                    ca[b] = f == CompartmentField.RADIUS ? 2 * Math.PI * l : 2 * Math.PI * r;
                                    cl[b] = f == CompartmentField.RADIUS ? -l / (Math.PI * Math.pow(r, 3))
                                            : 1 / (2 * Math.PI * r * r);
                                }
                                term(rows, coefs, z.accArea + node, ca);
                                term(rows, coefs, z.accLoadIn + node, cl);
                                term(rows, coefs, z.accLoadOut + node, cl);
                            }
                            case AREA -> term(rows, coefs, z.accArea + node, ones(sets));
                            case CAPACITANCE -> term(rows, coefs, z.accCap + node, ones(sets));
                            case AXIAL_RESISTIVITY -> term(rows, coefs, z.accRa + node, ones(sets));
                            case RESISTIVE_LOAD_IN -> term(rows, coefs, z.accLoadIn + node, ones(sets));
                            case RESISTIVE_LOAD_OUT -> term(rows, coefs, z.accLoadOut + node, ones(sets));
                            case V -> term(rows, coefs, z.accV + node, ones(sets));
                            case VOLUME -> {
                                // the simulation does not read the volume: gradient 0
                            }
                        }
                    }
                    case CHANNEL_PARAM -> term(rows, coefs,
                            z.accChParams + s.chParamOff[t.a()] + t.b() * s.chCount[t.a()] + t.c(), ones(sets));
                    case CHANNEL_STATE -> term(rows, coefs,
                            z.accChStates + s.chStateOff[t.a()] + t.b() * s.chCount[t.a()] + t.c(), ones(sets));
                    case SYNAPSE_PARAM -> term(rows, coefs,
                            z.accSyParams + s.syParamOff[t.a()] + t.b() * s.syCount[t.a()] + t.c(), ones(sets));
                    case SYNAPSE_STATE -> term(rows, coefs,
                            z.accSyStates + s.syStateOff[t.a()] + t.b() * s.syCount[t.a()] + t.c(), ones(sets));
                }
            }
        }
        offsets.add(rows.size());
        return new Terms(offsets.stream().mapToInt(Integer::intValue).toArray(),
                rows.stream().mapToInt(Integer::intValue).toArray(), coefs.toArray(double[][]::new));
    }

    private static double[] ones(int sets) {
        double[] o = new double[sets];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    private static void term(List<Integer> rows, List<double[]> coefs, int row, double[] coef) {
        rows.add(row);
        coefs.add(coef);
    }

    /**
     * Builds the image of sets [from, to) with checkpoints every {@code z.every} steps.
     *
     * @param loss the loss computed on the device, or null (∂L/∂recording uploaded by the host)
     */
    static AdjointImage build(Sizes z, Batch batch, RunInputs in, int from, int to, KernelGradients.DeviceLoss loss,
            Arena arena) {
        RunImage.Shape s = z.shape;
        Plan plan = s.plan;
        int sets = to - from;
        AdjointImage img = new AdjointImage(RunImage.build(s, batch, in, from, to, arena), z, loss);
        boolean geoB = s.batched(1);
        int gs = geoB ? sets : 1;
        List<SetValues> values = new ArrayList<>(gs);
        for (int b = 0; b < gs; b++) {
            values.add(geoB ? in.values(plan, batch, from + b) : new SetValues(plan));
        }
        int links = z.links;
        int n = s.n;
        int[] la = new int[links];
        int[] lb = new int[links];
        int[] lk = new int[links];
        for (int l = 0; l < links; l++) {
            la[l] = plan.linkA(l);
            lb[l] = plan.linkB(l);
            lk[l] = plan.linkKind(l).ordinal();
        }
        double[] lr = new double[links * gs];
        double[] ra = new double[n * gs];
        double[] lin = new double[n * gs];
        double[] lout = new double[n * gs];
        for (int b = 0; b < gs; b++) {
            double[][] g = values.get(b).geometry;
            Coupling cp = new Coupling(plan, g, s.dt);
            for (int l = 0; l < links; l++) {
                lr[l * gs + b] = cp.linkResistance[l];
            }
            for (int k = 0; k < n; k++) {
                ra[k * gs + b] = g[CompartmentField.AXIAL_RESISTIVITY.ordinal()][k];
                lin[k * gs + b] = g[CompartmentField.RESISTIVE_LOAD_IN.ordinal()][k];
                lout[k * gs + b] = g[CompartmentField.RESISTIVE_LOAD_OUT.ordinal()][k];
            }
        }
        img.ints(arena, "link_a", la);
        img.ints(arena, "link_b", lb);
        img.ints(arena, "link_kind", lk);
        img.reals(arena, "link_r", lr);
        img.reals(arena, "ra", ra);
        img.reals(arena, "load_in", lin);
        img.reals(arena, "load_out", lout);
        Terms t = terms(z, in.binding, values);
        img.ints(arena, "grad_term_off", t.offsets());
        img.ints(arena, "grad_term_row", t.rows());
        double[] coef = new double[t.count() * gs];
        for (int j = 0; j < t.count(); j++) {
            for (int b = 0; b < gs; b++) {
                coef[j * gs + b] = t.coefficients()[j][b];
            }
        }
        img.reals(arena, "grad_term_coef", coef);
        long rb = s.precision.bytes();
        img.outputBytes.put("rec_grad", rb * s.samples * s.recordings * sets);
        img.outputBytes.put("ckpt", rb * z.checkpoints * z.stateSize * sets);
        img.outputBytes.put("seg", rb * (z.every + 1L) * z.stateSize * sets);
        img.outputBytes.put("tmp", rb * z.stateSize * sets);
        img.outputBytes.put("acc", rb * z.accRows * sets);
        img.outputBytes.put("work", rb * 5L * n * sets);
        img.outputBytes.put("grad", rb * z.params * sets);
        img.outputBytes.put("loss_value", rb * sets);
        if (loss != null && loss.target() != null) {
            int R = s.recordings;
            double[] target = new double[R * s.samples];
            for (int r = 0; r < R; r++) {
                System.arraycopy(loss.target()[r], 0, target, r * s.samples, s.samples);
            }
            img.reals(arena, "loss_target", target);
        }
        return img;
    }

    /** Number of accumulator terms of a binding (for memory estimates before building an image). */
    static int countTerms(Sizes z, ParameterBinding binding, SetValues values) {
        return terms(z, binding, List.of(values)).count();
    }

    private void ints(Arena arena, String field, int[] values) {
        MemorySegment seg = arena.allocate(JAVA_INT, Math.max(1, values.length));
        MemorySegment.copy(values, 0, seg, JAVA_INT, 0, values.length);
        inputs.put(field, seg);
    }

    private void reals(Arena arena, String field, double[] values) {
        int len = values.length;
        if (sizes.shape.precision == Precision.FLOAT64) {
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

    /** Every input of the launch (forward and adjoint). */
    Map<String, MemorySegment> allInputs() {
        Map<String, MemorySegment> m = new LinkedHashMap<>(run.inputs);
        m.putAll(inputs);
        return m;
    }

    /** Every output of the launch with its bytes (forward and adjoint). */
    Map<String, Long> allOutputs() {
        Map<String, Long> m = new LinkedHashMap<>(run.outputBytes);
        m.putAll(outputBytes);
        return m;
    }

    /** The hx_adj struct over the given field addresses (forward and adjoint fields). */
    MemorySegment struct(Arena arena, Map<String, Long> addresses) {
        MemorySegment st = arena.allocate(AdjointLayout.LAYOUT);
        MemorySegment runStruct = run.struct(arena, addresses);
        MemorySegment.copy(runStruct, 0, st, 0, runStruct.byteSize());
        Sizes z = sizes;
        AdjointLayout.setLong(st, "adj_abi_version", AdjointLayout.ABI_VERSION);
        AdjointLayout.setLong(st, "n_links", z.links);
        AdjointLayout.setLong(st, "ckpt_every", z.every);
        AdjointLayout.setLong(st, "n_ckpt", z.checkpoints);
        AdjointLayout.setLong(st, "segment", 0);
        AdjointLayout.setLong(st, "state_size", z.stateSize);
        AdjointLayout.setLong(st, "n_acc", z.accRows);
        AdjointLayout.setLong(st, "n_params", z.params);
        AdjointLayout.setLong(st, "n_ch_param_rows", z.shape.chParamRows);
        AdjointLayout.setLong(st, "n_sy_param_rows", z.shape.syParamRows);
        AdjointLayout.setLong(st, "loss_kind", loss == null ? 0 : 1);
        AdjointLayout.setLong(st, "loss_stride", loss == null ? 1 : loss.stride());
        AdjointLayout.setDouble(st, "loss_constant", loss == null ? 0.0 : loss.constant());
        for (Map.Entry<String, RunLayout.Kind> f : AdjointLayout.FIELDS.entrySet()) {
            if (f.getValue() == RunLayout.Kind.POINTER) {
                Long a = addresses.get(f.getKey());
                if (a == null && f.getKey().equals("loss_target")) {
                    a = 0L; // NULL: the constant target
                }
                if (a == null) {
                    throw new IllegalStateException("internal: no address for hx_adj." + f.getKey());
                }
                AdjointLayout.setLong(st, f.getKey(), a);
            }
        }
        return st;
    }
}
