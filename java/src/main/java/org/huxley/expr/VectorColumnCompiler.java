package org.huxley.expr;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ColumnCompiler}'s loop with vectors: the body evaluates {@link VectorMath#D}'s lane count of
 * consecutive instances per operation through {@link VectorMath}, whose lanes have the scalar bits;
 * the remainder of a range goes to the scalar column kernel. Loaded only when the incubator module
 * {@code jdk.incubator.vector} is present ({@link VectorColumns}).
 */
final class VectorColumnCompiler {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final ClassDesc CD_KERNEL = ClassDesc.of(ColumnKernel.class.getName());
    private static final ClassDesc CD_VM = ClassDesc.of(VectorMath.class.getName());
    private static final ClassDesc CD_DV = ClassDesc.of("jdk.incubator.vector.DoubleVector");
    private static final ClassDesc CD_DARR = CD_double.arrayType();
    private static final ClassDesc CD_DARR2 = CD_DARR.arrayType();
    private static final MethodTypeDesc MTD_EVAL = MethodTypeDesc.of(CD_void, CD_DARR2, CD_DARR2, CD_int, CD_int);
    private static final MethodTypeDesc MTD_V_V = MethodTypeDesc.of(CD_DV, CD_DV);
    private static final MethodTypeDesc MTD_V_VV = MethodTypeDesc.of(CD_DV, CD_DV, CD_DV);
    private static final MethodTypeDesc MTD_V_VVV = MethodTypeDesc.of(CD_DV, CD_DV, CD_DV, CD_DV);
    private static final MethodTypeDesc MTD_V_VVVV = MethodTypeDesc.of(CD_DV, CD_DV, CD_DV, CD_DV, CD_DV);
        private static final MethodTypeDesc MTD_LOAD = MethodTypeDesc.of(CD_DV, CD_DARR, CD_int);
    private static final MethodTypeDesc MTD_STORE = MethodTypeDesc.of(CD_void, CD_DV, CD_DARR, CD_int);
    private static final MethodTypeDesc MTD_BROADCAST = MethodTypeDesc.of(CD_DV, CD_double);
    private static final MethodTypeDesc MTD_INTO1 = MethodTypeDesc.of(CD_void, CD_DV, CD_DARR, CD_int);
    private static final MethodTypeDesc MTD_INTO2 = MethodTypeDesc.of(CD_void, CD_DV, CD_DV, CD_DARR, CD_int);
    private static final MethodTypeDesc MTD_INTO3 = MethodTypeDesc.of(CD_void, CD_DV, CD_DV, CD_DV, CD_DARR, CD_int);
    private static final MethodTypeDesc MTD_STAGE = MethodTypeDesc.of(CD_void, CD_DARR2, CD_DARR2, CD_DARR2, CD_int,
            CD_int);
    /**
     * Operations other than exponentials per stage method: every vector operation inlines deep, and
     * the JIT stops inlining (and then allocates vectors) once a method's graph grows too large.
     */
    private static final int LIGHT_PER_STAGE = 12;
    /** Instances per block: the length of the scratch columns that carry values between stages. */
    private static final int BLOCK = 64;

    private VectorColumnCompiler() {
    }

    /** Lanes per vector. */
    static int lanes() {
        return VectorMath.D.length();
    }

    /**
     * Whether every node of the outputs has a vector form with the scalar bits (not: log, tanh,
     * efun curvature, powers above 4).
     */
    static boolean supported(List<? extends Expr> outputs) {
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        for (Expr e : outputs) {
            if (e != null && !supported(e, seen)) {
                return false;
            }
        }
        return true;
    }

    private static boolean supported(Expr e, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) {
            return true;
        }
        boolean ok = switch (e) {
            case Log l -> false;
            case Tanh t -> false;
            case EfunCurvature c -> false;
            case Pow(Expr b, int n) -> n >= 0 && n <= 4;
            default -> true;
        };
        if (!ok && (e instanceof Var || !e.symbols().isEmpty())) {
            return false;
        }
        for (Expr k : e.children()) {
            if (!supported(k, seen)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The vector kernel over ranges whose length is a multiple of {@link #lanes()}.
     *
     * @param outputs the expressions (entries may be null), all {@link #supported}
     * @param slotOrder the symbols in slot order
     * @return the kernel
     */
    static ColumnKernel compile(List<? extends Expr> outputs, List<Symbol> slotOrder) {
        Map<Symbol, Integer> slots = BytecodeCompiler.slotIndex(outputs, slotOrder);
        Plan plan = new Plan(outputs);
        String name = VectorColumnCompiler.class.getPackageName() + ".VectorColumns$" + COUNTER.incrementAndGet();
        ClassDesc self = ClassDesc.of(name);
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            cb.withInterfaceSymbols(CD_KERNEL);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                    c -> c.aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).return_());
            for (int k = 0; k < plan.stages.size(); k++) {
                int stage = k;
                cb.withMethodBody("stage" + k, MTD_STAGE, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                        c -> new Emitter(c, slots, plan, stage).emitMethod());
            }
            cb.withMethodBody("eval", MTD_EVAL, ClassFile.ACC_PUBLIC, c -> emitDriver(c, self, plan));
        });
        try {
            Class<?> cls = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            return (ColumnKernel) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not load generated vector column code", e);
        }
    }

    /**
     * {@code eval(in, out, from, to)}: scratch columns for one block, then block by block every
     * stage in order.
     */
    private static void emitDriver(CodeBuilder c, ClassDesc self, Plan plan) {
        final int tmp = 5;
        final int base = 6;
        final int n = 7;
        c.loadConstant(plan.temps).loadConstant(BLOCK).multianewarray(CD_DARR2, 2).astore(tmp);
        c.iload(3).istore(base);
        Label loop = c.newBoundLabel();
        Label end = c.newLabel();
        c.iload(base).iload(4).if_icmpge(end);
        c.iload(4).iload(base).isub().loadConstant(BLOCK)
                .invokestatic(ClassDesc.of(Math.class.getName()), "min", MethodTypeDesc.of(CD_int, CD_int, CD_int))
                .istore(n);
        for (int k = 0; k < plan.stages.size(); k++) {
            c.aload(1).aload(2).aload(tmp).iload(base).iload(n).invokestatic(self, "stage" + k, MTD_STAGE);
        }
        c.iload(base).loadConstant(BLOCK).iadd().istore(base).goto_(loop);
        c.labelBinding(end);
        c.return_();
    }

    /** The shared e^x − 1 of an efun-family argument. */
    private record Em1(Expr arg) {
    }

    /**
     * The nodes of all outputs in evaluation order (children first, each once), cut into stages
     * that each end at an exponential-sized operation or after {@link #LIGHT_PER_STAGE} others:
     * each stage is its own method, small enough for the JIT to inline every vector operation.
     * A value used in a later stage than its own goes through a scratch column.
     */
    private static final class Plan {
        final List<? extends Expr> outputs;
        final Map<Expr, Boolean> constant = new IdentityHashMap<>();
        final List<Object> order = new ArrayList<>();
        final Map<Object, Integer> index = new HashMap<>();
        /** Per stage, [first node, end node). */
        final List<int[]> stages = new ArrayList<>();
        int[] stageOf;
        /** Per node, its scratch column or −1. */
        int[] temp;
        int temps;

        Plan(List<? extends Expr> outputs) {
            this.outputs = outputs;
            for (Expr e : outputs) {
                if (e != null) {
                    visit(e);
                }
            }
            stageOf = new int[order.size()];
            int first = 0;
            int light = 0;
            for (int k = 0; k < order.size(); k++) {
                if (heavy(order.get(k)) && first < k) {
                    stages.add(new int[] {first, k});
                    first = k;
                    light = 0;
                }
                stageOf[k] = stages.size();
                light += heavy(order.get(k)) ? 0 : 1;
                if (heavy(order.get(k)) || light >= LIGHT_PER_STAGE) {
                    stages.add(new int[] {first, k + 1});
                    first = k + 1;
                    light = 0;
                }
            }
            if (first < order.size() || stages.isEmpty() || heavy(order.get(order.size() - 1))) {
                stages.add(new int[] {first, order.size()});
            }
            temp = new int[order.size()];
            java.util.Arrays.fill(temp, -1);
            for (int k = 0; k < order.size(); k++) {
                if (heavy(order.get(k))) {
                    temp[k] = temps++;
                }
            }
            for (int k = 0; k < order.size(); k++) {
                for (Object operand : operands(order.get(k))) {
                    Integer o = index.get(operand);
                    if (o != null && stageOf[o] != stageOf[k] && temp[o] < 0) {
                        temp[o] = temps++;
                    }
                }
            }
        }

        /** The values a node reads: its children, and the shared exponentials of the efun family. */
        List<Object> operands(Object node) {
            if (node instanceof Em1(Expr arg)) {
                return List.of(arg, new SaveExp(arg));
            }
            Expr e = (Expr) node;
            List<Object> ops = new ArrayList<>(e.children());
            if (e instanceof SaveExpSlope(Expr arg)) {
                ops.add(new SaveExp(arg));
            }
            if (e instanceof Efun || e instanceof EfunSlope) {
                Expr arg = e.children().get(0);
                ops.add(new SaveExp(arg));
                ops.add(new Em1(arg));
            }
            return ops;
        }

        private void visit(Object node) {
            if (index.containsKey(node)) {
                return;
            }
            if (node instanceof Expr e && isConstant(e)) {
                return;
            }
            for (Object k : operands(node)) {
                visit(k);
            }
            index.put(node, order.size());
            order.add(node);
        }

        boolean isConstant(Object node) {
            if (!(node instanceof Expr e)) {
                return false;
            }
            Boolean b = constant.get(e);
            if (b == null) {
                b = !(e instanceof Var) && e.symbols().isEmpty();
                constant.put(e, b);
            }
            return b;
        }

        /**
         * Whether a node is exponential-sized: a stage of its own, its result stored into a scratch
         * column by the operation itself.
         */
        static boolean heavy(Object node) {
            return node instanceof Em1 || node instanceof SaveExp || node instanceof Efun || node instanceof EfunSlope;
        }

        /** The stage that stores output j: its node's, or the last for a constant or exponential-sized output. */
        int outputStage(int j) {
            Expr e = outputs.get(j);
            return isConstant(e) || heavy(e) ? stages.size() - 1 : stageOf[index.get(e)];
        }
    }

    /** Emits {@code stageK(in, out, tmp, base, n)}: columns and constants in locals, then the vector loop. */
    private static final class Emitter {
        private static final int IN = 0;
        private static final int OUT = 1;
        private static final int TMP = 2;
        private static final int BASE = 3;
        private static final int N = 4;
        private static final int J = 5;
        private static final int I = 6;
        private final CodeBuilder c;
        private final Map<Symbol, Integer> slots;
        private final Plan plan;
        private final int stage;
        private final int from;
        private final int to;
        private final Map<Integer, Integer> columnLocal = new LinkedHashMap<>();
        private final Map<Integer, Integer> tempLocal = new LinkedHashMap<>();
        private final Map<Integer, Integer> outLocal = new LinkedHashMap<>();
        private final List<Integer> outs = new ArrayList<>();
        /** Folded constant value (as bits) → local holding its broadcast. */
        private final Map<Long, Integer> constLocal = new LinkedHashMap<>();
        private final Map<Integer, Integer> valueLocal = new HashMap<>();
        private int nextLocal = I + 1;

        Emitter(CodeBuilder c, Map<Symbol, Integer> slots, Plan plan, int stage) {
            this.c = c;
            this.slots = slots;
            this.plan = plan;
            this.stage = stage;
            this.from = plan.stages.get(stage)[0];
            this.to = plan.stages.get(stage)[1];
        }

        void emitMethod() {
            for (int k = from; k < to; k++) {
                Object node = plan.order.get(k);
                if (node instanceof Var(Symbol s)) {
                    columnLocal.computeIfAbsent(slots.get(s), x -> nextLocal++);
                }
                for (Object operand : plan.operands(node)) {
                    operandLocal(operand);
                }
                if (plan.temp[k] >= 0) {
                    tempLocal.computeIfAbsent(plan.temp[k], x -> nextLocal++);
                }
                valueLocal.put(k, nextLocal++);
            }
            for (int j = 0; j < plan.outputs.size(); j++) {
                if (plan.outputs.get(j) != null && plan.outputStage(j) == stage) {
                    outs.add(j);
                    outLocal.put(j, nextLocal++);
                    operandLocal(plan.outputs.get(j));
                }
            }
            columnLocal.forEach((slot, local) -> c.aload(IN).loadConstant(slot).aaload().astore(local));
            tempLocal.forEach((t, local) -> c.aload(TMP).loadConstant(t).aaload().astore(local));
            outLocal.forEach((j, local) -> c.aload(OUT).loadConstant(j).aaload().astore(local));
            constLocal.forEach((bits, local) -> {
                c.loadConstant(Double.longBitsToDouble(bits)).invokestatic(CD_VM, "broadcast", MTD_BROADCAST);
                c.astore(local);
            });
            c.iconst_0().istore(J);
            Label loop = c.newBoundLabel();
            Label end = c.newLabel();
            c.iload(J).iload(N).if_icmpge(end);
            c.iload(BASE).iload(J).iadd().istore(I);
            for (int k = from; k < to; k++) {
                if (Plan.heavy(plan.order.get(k))) {
                    heavyInto(plan.order.get(k), tempLocal.get(plan.temp[k]));
                    continue;
                }
                node(plan.order.get(k));
                c.astore(valueLocal.get(k));
                if (plan.temp[k] >= 0) {
                    c.aload(valueLocal.get(k)).aload(tempLocal.get(plan.temp[k])).iload(J)
                            .invokestatic(CD_VM, "store", MTD_STORE);
                }
            }
            for (int j : outs) {
                load(plan.outputs.get(j));
                c.aload(outLocal.get(j)).iload(I).invokestatic(CD_VM, "store", MTD_STORE);
            }
            c.iinc(J, lanes()).goto_(loop);
            c.labelBinding(end);
            c.return_();
        }

        /** Reserves what reading an operand needs: a constant's broadcast or an earlier stage's scratch column. */
        private void operandLocal(Object operand) {
            if (plan.isConstant(operand)) {
                constLocal.computeIfAbsent(Double.doubleToRawLongBits(fold((Expr) operand)), x -> nextLocal++);
                return;
            }
            int k = plan.index.get(operand);
            if (k < from) {
                tempLocal.computeIfAbsent(plan.temp[k], x -> nextLocal++);
            }
        }

        private static double fold(Expr e) {
            // Folded with eval: the same operations, so the same bits as the interpreter.
            return e.eval(s -> {
                throw new IllegalStateException("constant subtree references " + s);
            });
        }

        private void load(Object node) {
            if (plan.isConstant(node)) {
                c.aload(constLocal.get(Double.doubleToRawLongBits(fold((Expr) node))));
                return;
            }
            int k = plan.index.get(node);
            if (k < from) {
                c.aload(tempLocal.get(plan.temp[k])).iload(J).invokestatic(CD_VM, "load", MTD_LOAD);
            } else {
                c.aload(valueLocal.get(k));
            }
        }

        private void node(Object node) {
            if (node instanceof Em1(Expr arg)) {
                load(arg);
                load(new SaveExp(arg));
                c.invokestatic(CD_VM, "expm1From", MTD_V_VV);
                return;
            }
            switch ((Expr) node) {
                case Const(double v) -> c.loadConstant(v).invokestatic(CD_VM, "broadcast", MTD_BROADCAST);
                case Var(Symbol s) -> c.aload(columnLocal.get(slots.get(s))).iload(I)
                        .invokestatic(CD_VM, "load", MTD_LOAD);
                case Add(List<Expr> terms) -> chain(terms, "add");
                case Mul(List<Expr> factors) -> chain(factors, "mul");
                case Sub s -> call(s, "sub", MTD_V_VV);
                case Div d -> call(d, "div", MTD_V_VV);
                case Neg n -> call(n, "neg", MTD_V_V);
                case Pow(Expr base, int n) -> {
                    load(base);
                    c.invokestatic(CD_VM, "pow" + n, MTD_V_V);
                }
                case Min m -> call(m, "min", MTD_V_VV);
                case Max m -> call(m, "max", MTD_V_VV);
                case IfLe f -> call(f, "selectLe", MTD_V_VVVV);
                case SaveExp x -> call(x, "saveExp", MTD_V_V);
                case SaveExpSlope(Expr arg) -> {
                    load(arg);
                    load(new SaveExp(arg));
                    c.invokestatic(CD_VM, "saveExpSlopeFrom", MTD_V_VV);
                }
                case Efun(Expr arg) -> efunFamily(arg, "efunFrom");
                case EfunSlope(Expr arg) -> efunFamily(arg, "efunSlopeFrom");
                case Sqrt x -> call(x, "sqrt", MTD_V_V);
                case EfunCurvature x -> throw new IllegalStateException("no vector form: " + x);
                case Log x -> throw new IllegalStateException("no vector form: " + x);
                case Tanh x -> throw new IllegalStateException("no vector form: " + x);
            }
        }

        /** An exponential-sized node, its result stored into scratch column {@code dstLocal} at j. */
        private void heavyInto(Object node, int dstLocal) {
            String method;
            MethodTypeDesc type;
            switch (node) {
                case Em1(Expr arg) -> {
                    load(arg);
                    load(new SaveExp(arg));
                    method = "expm1FromInto";
                    type = MTD_INTO2;
                }
                case SaveExp(Expr arg) -> {
                    load(arg);
                    method = "saveExpInto";
                    type = MTD_INTO1;
                }
                case Efun(Expr arg) -> {
                    loadEfunOperands(arg);
                    method = "efunFromInto";
                    type = MTD_INTO3;
                }
                case EfunSlope(Expr arg) -> {
                    loadEfunOperands(arg);
                    method = "efunSlopeFromInto";
                    type = MTD_INTO3;
                }
                default -> throw new IllegalStateException("not exponential-sized: " + node);
            }
            c.aload(dstLocal).iload(J).invokestatic(CD_VM, method, type);
        }

        private void loadEfunOperands(Expr arg) {
            load(arg);
            load(new SaveExp(arg));
            load(new Em1(arg));
        }

        private void chain(List<Expr> operands, String op) {
            load(operands.get(0));
            for (int k = 1; k < operands.size(); k++) {
                load(operands.get(k));
                c.invokestatic(CD_VM, op, MTD_V_VV);
            }
        }

        private void efunFamily(Expr arg, String method) {
            load(arg);
            load(new SaveExp(arg));
            load(new Em1(arg));
            c.invokestatic(CD_VM, method, MTD_V_VVV);
        }

        private void call(Expr e, String method, MethodTypeDesc type) {
            for (Expr k : e.children()) {
                load(k);
            }
            c.invokestatic(CD_VM, method, type);
        }
    }
}
