package org.huxley.expr;

import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the body of {@link VectorStage#run} for one stage of light operations of a
 * {@link VectorPlan}: columns in locals, then a loop over the block, one vector of instances per
 * iteration. Every operation is a direct call of the Vector API, whose methods the JIT always
 * inlines (they are annotated to be), so no vector leaves the method's registers; constants are
 * broadcast where used (the JIT hoists them out of the loop). Each lane performs the operations of
 * {@link Expr#eval} in the same order (no fused multiply-add; branches as blends), so it has the
 * scalar bits.
 */
final class VectorStageEmitter {
    private static final ClassDesc CD_DV = ClassDesc.of("jdk.incubator.vector.DoubleVector");
    private static final ClassDesc CD_VECTOR = ClassDesc.of("jdk.incubator.vector.Vector");
    private static final ClassDesc CD_MASK = ClassDesc.of("jdk.incubator.vector.VectorMask");
    private static final ClassDesc CD_SPECIES = ClassDesc.of("jdk.incubator.vector.VectorSpecies");
    private static final ClassDesc CD_OPERATORS = ClassDesc.of("jdk.incubator.vector.VectorOperators");
    private static final ClassDesc CD_COMPARISON = ClassDesc.of("jdk.incubator.vector.VectorOperators$Comparison");
    private static final MethodTypeDesc MTD_FROM_ARRAY = MethodTypeDesc.of(CD_DV, CD_SPECIES, CD_double.arrayType(),
            CD_int);
    private static final MethodTypeDesc MTD_INTO_ARRAY = MethodTypeDesc.of(CD_void, CD_double.arrayType(), CD_int);
    private static final MethodTypeDesc MTD_BROADCAST = MethodTypeDesc.of(CD_DV, CD_SPECIES, CD_double);
    private static final MethodTypeDesc MTD_ZERO = MethodTypeDesc.of(CD_DV, CD_SPECIES);
    private static final MethodTypeDesc MTD_UNARY = MethodTypeDesc.of(CD_DV);
    private static final MethodTypeDesc MTD_BINARY = MethodTypeDesc.of(CD_DV, CD_VECTOR);
    private static final MethodTypeDesc MTD_COMPARE = MethodTypeDesc.of(CD_MASK, CD_COMPARISON, CD_VECTOR);
    private static final MethodTypeDesc MTD_COMPARE_SCALAR = MethodTypeDesc.of(CD_MASK, CD_COMPARISON, CD_double);
    private static final MethodTypeDesc MTD_BLEND = MethodTypeDesc.of(CD_DV, CD_VECTOR, CD_MASK);
    /** Locals of {@code run(in, out, tmp, base, n)} (0 is this), then the loop counters. */
    private static final int IN = 1;
    private static final int OUT = 2;
    private static final int TMP = 3;
    private static final int BASE = 4;
    private static final int N = 5;
    private static final int J = 6;
    private static final int I = 7;
    private final CodeBuilder c;
    private final Map<Symbol, Integer> slots;
    private final VectorPlan plan;
    private final int stage;
    private final int from;
    private final int to;
    private final Map<Integer, Integer> columnLocal = new LinkedHashMap<>();
    private final Map<Integer, Integer> tempLocal = new LinkedHashMap<>();
    private final Map<Integer, Integer> outLocal = new LinkedHashMap<>();
    private final List<Integer> outs = new ArrayList<>();
    private final Map<Integer, Integer> valueLocal = new HashMap<>();
    private int nextLocal = I + 1;

    private VectorStageEmitter(CodeBuilder c, Map<Symbol, Integer> slots, VectorPlan plan, int stage) {
        this.c = c;
        this.slots = slots;
        this.plan = plan;
        this.stage = stage;
        this.from = plan.stages.get(stage)[0];
        this.to = plan.stages.get(stage)[1];
    }

    /**
     * Emits {@code run} of light stage {@code stage}.
     *
     * @param c the method's code
     * @param slots slot index per symbol
     * @param plan the plan
     * @param stage a stage that is not {@link VectorPlan#isHeavyStage}
     */
    static void emit(CodeBuilder c, Map<Symbol, Integer> slots, VectorPlan plan, int stage) {
        new VectorStageEmitter(c, slots, plan, stage).emitMethod();
    }

    private void emitMethod() {
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
        c.iconst_0().istore(J);
        Label loop = c.newBoundLabel();
        Label end = c.newLabel();
        c.iload(J).iload(N).if_icmpge(end);
        c.iload(BASE).iload(J).iadd().istore(I);
        for (int k = from; k < to; k++) {
            node(plan.order.get(k));
            c.astore(valueLocal.get(k));
            if (plan.temp[k] >= 0) {
                c.aload(valueLocal.get(k));
                store(tempLocal.get(plan.temp[k]), J);
            }
        }
        for (int j : outs) {
            load(plan.outputs.get(j));
            store(outLocal.get(j), I);
        }
        c.iinc(J, VectorColumnCompiler.lanes()).goto_(loop);
        c.labelBinding(end);
        c.return_();
    }

    /** Reserves the local of an earlier stage's scratch column that an operand is read from. */
    private void operandLocal(Object operand) {
        if (plan.isConstant(operand)) {
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

    private void species() {
        c.getstatic(CD_DV, "SPECIES_PREFERRED", CD_SPECIES);
    }

    private void broadcast(double v) {
        species();
        c.loadConstant(v).invokestatic(CD_DV, "broadcast", MTD_BROADCAST);
    }

    private void loadColumn(int arrayLocal, int indexLocal) {
        species();
        c.aload(arrayLocal).iload(indexLocal).invokestatic(CD_DV, "fromArray", MTD_FROM_ARRAY);
    }

    /** Stores the vector on the stack into the column in {@code arrayLocal} at {@code indexLocal}. */
    private void store(int arrayLocal, int indexLocal) {
        c.aload(arrayLocal).iload(indexLocal).invokevirtual(CD_DV, "intoArray", MTD_INTO_ARRAY);
    }

    private void load(Object node) {
        if (plan.isConstant(node)) {
            broadcast(fold((Expr) node));
            return;
        }
        int k = plan.index.get(node);
        if (k < from) {
            loadColumn(tempLocal.get(plan.temp[k]), J);
        } else {
            c.aload(valueLocal.get(k));
        }
    }

    private void node(Object node) {
        if (!(node instanceof Expr expr) || VectorPlan.heavy(node)) {
            throw new IllegalStateException("exponential-sized node in a stage method: " + node);
        }
        switch (expr) {
            case Const(double v) -> broadcast(v);
            case Var(Symbol s) -> loadColumn(columnLocal.get(slots.get(s)), I);
            case Add(List<Expr> terms) -> chain(terms, "add");
            case Mul(List<Expr> factors) -> chain(factors, "mul");
            case Sub(Expr a, Expr b) -> binary(a, b, "sub");
            case Div(Expr a, Expr b) -> binary(a, b, "div");
            case Min(Expr a, Expr b) -> binary(a, b, "min");
            case Max(Expr a, Expr b) -> binary(a, b, "max");
            case Neg(Expr a) -> unary(a, "neg");
            case Sqrt(Expr a) -> unary(a, "sqrt");
            case Pow(Expr base, int n) -> pow(base, n);
            case IfLe(Expr lhs, Expr rhs, Expr then, Expr otherwise) -> {
                // otherwise.blend(then, lhs <= rhs): ExprMath.selectLe
                load(otherwise);
                load(then);
                load(lhs);
                c.getstatic(CD_OPERATORS, "LE", CD_COMPARISON);
                load(rhs);
                c.invokevirtual(CD_DV, "compare", MTD_COMPARE).invokevirtual(CD_DV, "blend", MTD_BLEND);
            }
            case SaveExpSlope(Expr arg) -> {
                // 0.blend(e, x < 20): ExprMath.saveExpSlopeFrom
                species();
                c.invokestatic(CD_DV, "zero", MTD_ZERO);
                load(new SaveExp(arg));
                load(arg);
                c.getstatic(CD_OPERATORS, "LT", CD_COMPARISON).loadConstant(ExprMath.EXP_CLIP)
                        .invokevirtual(CD_DV, "compare", MTD_COMPARE_SCALAR).invokevirtual(CD_DV, "blend", MTD_BLEND);
            }
            case SaveExp _, Efun _, EfunSlope _ -> throw new IllegalStateException("exponential-sized: " + expr);
            case EfunCurvature x -> throw new IllegalStateException("no vector form: " + x);
            case Log x -> throw new IllegalStateException("no vector form: " + x);
            case Tanh x -> throw new IllegalStateException("no vector form: " + x);
        }
    }

    /** ExprMath.ipow for 0 ≤ n ≤ 4: x·x·…·x; a·b and b·a have the same bits, so x.mul(x.mul(x)) = (x·x)·x. */
    private void pow(Expr base, int n) {
        if (n == 0) {
            broadcast(1.0);
            return;
        }
        load(base);
        for (int k = 1; k < n; k++) {
            c.dup();
        }
        for (int k = 1; k < n; k++) {
            c.invokevirtual(CD_DV, "mul", MTD_BINARY);
        }
    }

    private void unary(Expr a, String op) {
        load(a);
        c.invokevirtual(CD_DV, op, MTD_UNARY);
    }

    private void binary(Expr a, Expr b, String op) {
        load(a);
        load(b);
        c.invokevirtual(CD_DV, op, MTD_BINARY);
    }

    private void chain(List<Expr> operands, String op) {
        load(operands.get(0));
        for (int k = 1; k < operands.size(); k++) {
            load(operands.get(k));
            c.invokevirtual(CD_DV, op, MTD_BINARY);
        }
    }
}
