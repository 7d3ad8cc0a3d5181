package org.huxley.expr;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.huxley.expr.ScalarDescs.CD_DARR;
import static org.huxley.expr.ScalarDescs.CD_EXPR_MATH;
import static org.huxley.expr.ScalarDescs.CD_MATH;
import static org.huxley.expr.ScalarDescs.MTD_D_D;
import static org.huxley.expr.ScalarDescs.MTD_D_DD;
import static org.huxley.expr.ScalarDescs.MTD_D_DDD;
import static org.huxley.expr.ScalarDescs.MTD_D_DDDD;
import static org.huxley.expr.ScalarDescs.MTD_D_DI;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles expressions into a {@link ColumnKernel}: a loop over instances whose body evaluates
 * {@value #LANES} instances at once, operation by operation interleaved (lane 0, lane 1, …), so the
 * processor overlaps their long dependency chains (divisions and exponentials); a one-lane loop
 * takes the remainder. Each operation is the one {@link Expr#eval} performs, in the same order, so
 * results are bitwise identical to it and to {@link BytecodeCompiler}.
 */
public final class ColumnCompiler {
    /** Instances interleaved per iteration. */
    public static final int LANES = 2;
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final ClassDesc CD_KERNEL = ClassDesc.of(ColumnKernel.class.getName());
    private static final ClassDesc CD_DARR2 = CD_DARR.arrayType();
    private static final MethodTypeDesc MTD_EVAL = MethodTypeDesc.of(CD_void, CD_DARR2, CD_DARR2, CD_int, CD_int);
    /** Distinct nodes per generated method: each is emitted LANES + 1 times, under the JIT's 8000-byte limit. */
    private static final int NODES_PER_METHOD = 120;

    private ColumnCompiler() {
    }

    /**
     * Compiles expressions into one column kernel (bytecode in a hidden class). Null outputs are
     * skipped: their {@code out[j]} is never read or written.
     *
     * @param outputs the expressions, output j = {@code outputs.get(j)} (entries may be null)
     * @param slotOrder the symbols in slot order: symbol {@code slotOrder.get(s)} reads {@code in[s]}
     * @return the kernel
     * @throws IllegalArgumentException if an expression uses a symbol without a slot
     */
    public static ColumnKernel compile(List<? extends Expr> outputs, List<Symbol> slotOrder) {
        Map<Symbol, Integer> slots = BytecodeCompiler.slotIndex(outputs, slotOrder);
        List<List<Integer>> parts = BytecodeCompiler.partition(outputs, NODES_PER_METHOD);
        String name = ColumnCompiler.class.getPackageName() + ".Columns$" + COUNTER.incrementAndGet();
        ClassDesc self = ClassDesc.of(name);
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            cb.withInterfaceSymbols(CD_KERNEL);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                    c -> c.aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).return_());
            for (int k = 0; k < parts.size(); k++) {
                List<Integer> part = parts.get(k);
                cb.withMethodBody("part" + k, MTD_EVAL, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                        c -> new LoopEmitter(c, slots, outputs, part).emitMethod());
            }
            cb.withMethodBody("eval", MTD_EVAL, ClassFile.ACC_PUBLIC, c -> {
                for (int k = 0; k < parts.size(); k++) {
                    c.aload(1).aload(2).iload(3).iload(4).invokestatic(self, "part" + k, MTD_EVAL);
                }
                c.return_();
            });
        });
        try {
            Class<?> cls = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            return (ColumnKernel) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not load generated column code", e);
        }
    }

    /**
     * {@code e} with every {@code Var(from)} replaced by {@code Var(to)}, rebuilt node for node
     * without simplification (so the operations and their order are those of {@code e}).
     *
     * @param e the expression
     * @param from the variable to replace
     * @param to its replacement
     * @return the renamed expression
     */
    public static Expr renameVar(Expr e, Symbol from, Symbol to) {
        return switch (e) {
            case Const c -> c;
            case Var(Symbol s) -> s.equals(from) ? new Var(to) : e;
            case Add(List<Expr> terms) -> new Add(terms.stream().map(t -> renameVar(t, from, to)).toList());
            case Mul(List<Expr> factors) -> new Mul(factors.stream().map(t -> renameVar(t, from, to)).toList());
            case Sub(Expr l, Expr r) -> new Sub(renameVar(l, from, to), renameVar(r, from, to));
            case Div(Expr l, Expr r) -> new Div(renameVar(l, from, to), renameVar(r, from, to));
            case Min(Expr l, Expr r) -> new Min(renameVar(l, from, to), renameVar(r, from, to));
            case Max(Expr l, Expr r) -> new Max(renameVar(l, from, to), renameVar(r, from, to));
            case Neg(Expr a) -> new Neg(renameVar(a, from, to));
            case Pow(Expr b, int n) -> new Pow(renameVar(b, from, to), n);
            case IfLe(Expr a, Expr b, Expr t, Expr o) -> new IfLe(renameVar(a, from, to), renameVar(b, from, to),
                    renameVar(t, from, to), renameVar(o, from, to));
            case SaveExp(Expr a) -> new SaveExp(renameVar(a, from, to));
            case SaveExpSlope(Expr a) -> new SaveExpSlope(renameVar(a, from, to));
            case Efun(Expr a) -> new Efun(renameVar(a, from, to));
            case EfunSlope(Expr a) -> new EfunSlope(renameVar(a, from, to));
            case EfunCurvature(Expr a) -> new EfunCurvature(renameVar(a, from, to));
            case Log(Expr a) -> new Log(renameVar(a, from, to));
            case Sqrt(Expr a) -> new Sqrt(renameVar(a, from, to));
            case Tanh(Expr a) -> new Tanh(renameVar(a, from, to));
        };
    }

    /** The shared e^x − 1 of an efun-family argument (one local per argument and lane). */
    private record Em1(Expr arg) {
    }

    /**
     * Emits {@code partK(in, out, from, to)}: columns in locals, then the interleaved loop and the
     * remainder loop. Every non-constant node is computed once per lane into a local, in an order
     * where children come first.
     */
    private static final class LoopEmitter {
        private static final int IN = 0;
        private static final int OUT = 1;
        private static final int FROM = 2;
        private static final int TO = 3;
        private static final int I = 4;
        private final CodeBuilder c;
        private final Map<Symbol, Integer> slots;
        private final List<? extends Expr> outputs;
        private final List<Integer> part;
        private final Map<Expr, Boolean> constant = new IdentityHashMap<>();
        /** Nodes (Expr or Em1) in evaluation order, each once. */
        private final List<Object> order = new ArrayList<>();
        private final Map<Object, Integer> index = new HashMap<>();
        private final Map<Integer, Integer> columnLocal = new HashMap<>();
        private final Map<Integer, Integer> outLocal = new HashMap<>();
        private int nextLocal = I + 1;
        /** [lane][node index] → double local. */
        private int[][] valueLocal;

        LoopEmitter(CodeBuilder c, Map<Symbol, Integer> slots, List<? extends Expr> outputs, List<Integer> part) {
            this.c = c;
            this.slots = slots;
            this.outputs = outputs;
            this.part = part;
        }

        void emitMethod() {
            for (int j : part) {
                visit(outputs.get(j));
            }
            for (Object node : order) {
                if (node instanceof Var(Symbol s)) {
                    columnLocal.computeIfAbsent(slots.get(s), k -> nextLocal++);
                }
            }
            for (int j : part) {
                outLocal.put(j, nextLocal++);
            }
            valueLocal = new int[LANES][order.size()];
            for (int lane = 0; lane < LANES; lane++) {
                for (int n = 0; n < order.size(); n++) {
                    valueLocal[lane][n] = nextLocal;
                    nextLocal += 2;
                }
            }
            columnLocal.forEach((slot, local) -> c.aload(IN).loadConstant(slot).aaload().astore(local));
            outLocal.forEach((j, local) -> c.aload(OUT).loadConstant(j).aaload().astore(local));
            c.iload(FROM).istore(I);
            Label wide = c.newBoundLabel();
            Label narrow = c.newLabel();
            c.iload(I).loadConstant(LANES).iadd().iload(TO).if_icmpgt(narrow);
            body(LANES);
            c.iinc(I, LANES).goto_(wide);
            c.labelBinding(narrow);
            Label end = c.newLabel();
            c.iload(I).iload(TO).if_icmpge(end);
            body(1);
            c.iinc(I, 1).goto_(narrow);
            c.labelBinding(end);
            c.return_();
        }

        /** Post-order: children (and shared exponentials) before their parent; constants skipped. */
        private void visit(Object node) {
            if (index.containsKey(node)) {
                return;
            }
            if (node instanceof Expr e) {
                if (isConstant(e)) {
                    return;
                }
                for (Expr k : e.children()) {
                    visit(k);
                }
                if (e instanceof SaveExpSlope(Expr arg)) {
                    visit(new SaveExp(arg));
                }
                if (e instanceof Efun || e instanceof EfunSlope || e instanceof EfunCurvature) {
                    Expr arg = e.children().get(0);
                    visit(new SaveExp(arg));
                    visit(new Em1(arg));
                }
            } else if (node instanceof Em1(Expr arg)) {
                visit(arg);
                visit(new SaveExp(arg));
            }
            index.put(node, order.size());
            order.add(node);
        }

        private boolean isConstant(Expr e) {
            Boolean b = constant.get(e);
            if (b == null) {
                b = !(e instanceof Var) && e.symbols().isEmpty();
                constant.put(e, b);
            }
            return b;
        }

        /** One iteration for {@code lanes} consecutive instances starting at i. */
        private void body(int lanes) {
            for (int n = 0; n < order.size(); n++) {
                for (int lane = 0; lane < lanes; lane++) {
                    node(order.get(n), lane);
                    c.dstore(valueLocal[lane][n]);
                }
            }
            for (int j : part) {
                for (int lane = 0; lane < lanes; lane++) {
                    c.aload(outLocal.get(j));
                    index(lane);
                    load(outputs.get(j), lane);
                    c.dastore();
                }
            }
        }

        private void index(int lane) {
            c.iload(I);
            if (lane > 0) {
                c.loadConstant(lane).iadd();
            }
        }

        /** Pushes a node's value: a folded constant or the lane's local. */
        private void load(Object node, int lane) {
            if (node instanceof Expr e && isConstant(e)) {
                // Folded with eval: the same operations, so the same bits as the interpreter.
                c.loadConstant(e.eval(s -> {
                    throw new IllegalStateException("constant subtree references " + s);
                }));
                return;
            }
            c.dload(valueLocal[lane][index.get(node)]);
        }

        /** Pushes the value of one node of one lane, its operands already in locals. */
        private void node(Object node, int lane) {
            if (node instanceof Em1(Expr arg)) {
                load(arg, lane);
                load(new SaveExp(arg), lane);
                c.invokestatic(CD_EXPR_MATH, "expm1From", MTD_D_DD);
                return;
            }
            switch ((Expr) node) {
                case Const(double v) -> c.loadConstant(v);
                case Var(Symbol s) -> {
                    c.aload(columnLocal.get(slots.get(s)));
                    index(lane);
                    c.daload();
                }
                case Add(List<Expr> terms) -> chain(terms, lane, true);
                case Mul(List<Expr> factors) -> chain(factors, lane, false);
                case Sub s -> {
                    load(s.left(), lane);
                    load(s.right(), lane);
                    c.dsub();
                }
                case Div d -> {
                    load(d.left(), lane);
                    load(d.right(), lane);
                    c.ddiv();
                }
                case Neg n -> {
                    load(n.arg(), lane);
                    c.dneg();
                }
                case Pow(Expr base, int n) -> {
                    load(base, lane);
                    c.loadConstant(n);
                    c.invokestatic(CD_EXPR_MATH, "ipow", MTD_D_DI);
                }
                case Min m -> call(m, lane, CD_MATH, "min", MTD_D_DD);
                case Max m -> call(m, lane, CD_MATH, "max", MTD_D_DD);
                case IfLe f -> call(f, lane, CD_EXPR_MATH, "selectLe", MTD_D_DDDD);
                case SaveExp x -> call(x, lane, CD_EXPR_MATH, "saveExp", MTD_D_D);
                case SaveExpSlope(Expr arg) -> {
                    load(arg, lane);
                    load(new SaveExp(arg), lane);
                    c.invokestatic(CD_EXPR_MATH, "saveExpSlopeFrom", MTD_D_DD);
                }
                case Efun(Expr arg) -> efunFamily(arg, lane, "efunFrom");
                case EfunSlope(Expr arg) -> efunFamily(arg, lane, "efunSlopeFrom");
                case EfunCurvature(Expr arg) -> efunFamily(arg, lane, "efunCurvatureFrom");
                case Log x -> call(x, lane, CD_MATH, "log", MTD_D_D);
                case Sqrt x -> call(x, lane, CD_MATH, "sqrt", MTD_D_D);
                case Tanh x -> call(x, lane, CD_MATH, "tanh", MTD_D_D);
            }
        }

        /** Left-to-right sum or product, as {@link Add#eval} and {@link Mul#eval}. */
        private void chain(List<Expr> operands, int lane, boolean add) {
            load(operands.get(0), lane);
            for (int k = 1; k < operands.size(); k++) {
                load(operands.get(k), lane);
                if (add) {
                    c.dadd();
                } else {
                    c.dmul();
                }
            }
        }

        private void efunFamily(Expr arg, int lane, String method) {
            load(arg, lane);
            load(new SaveExp(arg), lane);
            load(new Em1(arg), lane);
            c.invokestatic(CD_EXPR_MATH, method, MTD_D_DDD);
        }

        private void call(Expr e, int lane, ClassDesc owner, String method, MethodTypeDesc type) {
            for (Expr k : e.children()) {
                load(k, lane);
            }
            c.invokestatic(owner, method, type);
        }
    }
}
