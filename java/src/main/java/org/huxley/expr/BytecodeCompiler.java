package org.huxley.expr;

import static java.lang.constant.ConstantDescs.CD_Object;
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
 * Compiles a list of expressions into one hidden class whose straight-line bytecode evaluates them
 * all, computing each common subexpression once (in a local variable). Every operation is the one
 * {@link Expr#eval} performs, in the same order, so results are bitwise identical to it; the JIT
 * then compiles the code like hand-written Java. Outputs are split over several methods so that
 * each stays below the JIT's huge-method limit.
 */
public final class BytecodeCompiler {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final ClassDesc CD_MULTI = ClassDesc.of(MultiExpr.class.getName());
    private static final MethodTypeDesc MTD_EVAL = MethodTypeDesc.of(CD_void, CD_DARR, CD_DARR);
    /** Distinct non-trivial nodes per generated method (keeps methods well under 8000 bytes). */
    private static final int NODES_PER_METHOD = 500;

    private BytecodeCompiler() {
    }

    /**
     * Null outputs are skipped: their {@code out[j]} is never written (callers keep it at 0 for
     * derivatives known to vanish).
     *
     * @param outputs the expressions (null entries are skipped)
     * @param slotOrder the symbol of each input slot
     * @return the compiled evaluator
     * @throws IllegalArgumentException if an expression uses a symbol without a slot
     */
    public static MultiExpr compile(List<? extends Expr> outputs, List<Symbol> slotOrder) {
        Map<Symbol, Integer> slots = slotIndex(outputs, slotOrder);
        List<List<Integer>> parts = partition(outputs, NODES_PER_METHOD);
        String name = BytecodeCompiler.class.getPackageName() + ".Generated$" + COUNTER.incrementAndGet();
        ClassDesc self = ClassDesc.of(name);
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            cb.withInterfaceSymbols(CD_MULTI);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                    c -> c.aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).return_());
            for (int k = 0; k < parts.size(); k++) {
                List<Integer> part = parts.get(k);
                cb.withMethodBody("part" + k, MTD_EVAL, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                        c -> new Emitter(c, slots, outputs, part).emitAll());
            }
            cb.withMethodBody("eval", MTD_EVAL, ClassFile.ACC_PUBLIC, c -> {
                for (int k = 0; k < parts.size(); k++) {
                    c.aload(1).aload(2).invokestatic(self, "part" + k, MTD_EVAL);
                }
                c.return_();
            });
        });
        try {
            Class<?> cls = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            return (MultiExpr) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not load generated expression code", e);
        }
    }

    /**
     * Slot index of every symbol of the slot order.
     *
     * @throws IllegalArgumentException if a symbol appears twice or an expression uses one without a slot
     */
    static Map<Symbol, Integer> slotIndex(List<? extends Expr> outputs, List<Symbol> slotOrder) {
        Map<Symbol, Integer> slots = new HashMap<>();
        for (int i = 0; i < slotOrder.size(); i++) {
            if (slots.putIfAbsent(slotOrder.get(i), i) != null) {
                throw new IllegalArgumentException("symbol '" + slotOrder.get(i) + "' appears twice in the slot order");
            }
        }
        for (Expr e : outputs) {
            if (e == null) {
                continue;
            }
            for (Symbol s : e.symbols()) {
                if (!slots.containsKey(s)) {
                    throw new IllegalArgumentException("symbol '" + s + "' has no slot (slots: " + slotOrder + ")");
                }
            }
        }
        return slots;
    }

    /** Groups outputs so that each method has at most about {@code nodesPerMethod} distinct nodes. */
    static List<List<Integer>> partition(List<? extends Expr> outputs, int nodesPerMethod) {
        List<List<Integer>> parts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Map<Expr, Boolean> seen = new HashMap<>();
        int nodes = 0;
        for (int j = 0; j < outputs.size(); j++) {
            if (outputs.get(j) == null) {
                continue;
            }
            Map<Expr, Boolean> mine = new HashMap<>(seen);
            int added = countNew(outputs.get(j), mine);
            if (!current.isEmpty() && nodes + added > nodesPerMethod) {
                parts.add(current);
                current = new ArrayList<>();
                seen = new HashMap<>();
                mine = new HashMap<>();
                added = countNew(outputs.get(j), mine);
                nodes = 0;
            }
            current.add(j);
            seen = mine;
            nodes += added;
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    private static int countNew(Expr e, Map<Expr, Boolean> seen) {
        if (seen.putIfAbsent(e, Boolean.TRUE) != null) {
            return 0;
        }
        int n = 1;
        for (Expr c : e.children()) {
            n += countNew(c, seen);
        }
        return n;
    }

    /** Emits the code of one method: outputs in {@code part}, common subexpressions in locals. */
    private static final class Emitter {
        private final CodeBuilder c;
        private final Map<Symbol, Integer> slots;
        private final List<? extends Expr> outputs;
        private final List<Integer> part;
        private final Map<Expr, Integer> uses = new HashMap<>();
        private final Map<Expr, Integer> locals = new HashMap<>();
        private final Map<Expr, Boolean> constant = new IdentityHashMap<>();
        private final Map<Expr, Integer> em1Locals = new HashMap<>();
        private int nextLocal = 2; // static method: local 0 = slots, local 1 = out

        Emitter(CodeBuilder c, Map<Symbol, Integer> slots, List<? extends Expr> outputs, List<Integer> part) {
            this.c = c;
            this.slots = slots;
            this.outputs = outputs;
            this.part = part;
        }

        void emitAll() {
            for (int j : part) {
                countUses(outputs.get(j));
            }
            for (int j : part) {
                c.aload(1);
                c.loadConstant(j);
                emit(outputs.get(j));
                c.dastore();
            }
            c.return_();
        }

        private void countUses(Expr e) {
            Integer n = uses.get(e);
            uses.put(e, n == null ? 1 : n + 1);
            if (n == null) {
                for (Expr k : e.children()) {
                    countUses(k);
                }
                if (e instanceof SaveExpSlope(Expr arg)) {
                    countUses(new SaveExp(arg));
                }
                if (e instanceof Efun || e instanceof EfunSlope || e instanceof EfunCurvature) {
                    Expr arg = e.children().get(0);
                    countUses(arg);
                    countUses(arg);
                    countUses(new SaveExp(arg));
                    countUses(new SaveExp(arg));
                }
            }
        }

        private boolean isConstant(Expr e) {
            Boolean b = constant.get(e);
            if (b == null) {
                b = !(e instanceof Var) && e.symbols().isEmpty();
                constant.put(e, b);
            }
            return b;
        }

        private void emit(Expr e) {
            Integer local = locals.get(e);
            if (local != null) {
                c.dload(local);
                return;
            }
            if (isConstant(e)) {
                // Folded with eval: the same operations, so the same bits as the interpreter.
                c.loadConstant(e.eval(s -> {
                    throw new IllegalStateException("constant subtree references " + s);
                }));
                return;
            }
            emitNode(e);
            if (uses.getOrDefault(e, 1) > 1) {
                int slot = nextLocal;
                nextLocal += 2;
                c.dup2();
                c.dstore(slot);
                locals.put(e, slot);
            }
        }

        private void emitNode(Expr e) {
            switch (e) {
                case Const(double v) -> c.loadConstant(v);
                case Var(Symbol s) -> {
                    c.aload(0);
                    c.loadConstant(slots.get(s));
                    c.daload();
                }
                case Add(List<Expr> terms) -> {
                    emit(terms.get(0));
                    for (int i = 1; i < terms.size(); i++) {
                        emit(terms.get(i));
                        c.dadd();
                    }
                }
                case Mul(List<Expr> factors) -> {
                    emit(factors.get(0));
                    for (int i = 1; i < factors.size(); i++) {
                        emit(factors.get(i));
                        c.dmul();
                    }
                }
                case Sub s -> {
                    emit(s.children().get(0));
                    emit(s.children().get(1));
                    c.dsub();
                }
                case Div d -> {
                    emit(d.children().get(0));
                    emit(d.children().get(1));
                    c.ddiv();
                }
                case Neg n -> {
                    emit(n.children().get(0));
                    c.dneg();
                }
                case Pow(Expr base, int n) -> {
                    emit(base);
                    c.loadConstant(n);
                    c.invokestatic(CD_EXPR_MATH, "ipow", MTD_D_DI);
                }
                case Min m -> binaryCall(m, CD_MATH, "min");
                case Max m -> binaryCall(m, CD_MATH, "max");
                case IfLe f -> {
                    for (Expr k : f.children()) {
                        emit(k);
                    }
                    c.invokestatic(CD_EXPR_MATH, "selectLe", MTD_D_DDDD);
                }
                case SaveExp x -> unaryCall(x, CD_EXPR_MATH, "saveExp");
                case SaveExpSlope(Expr arg) -> {
                    // Same bits as saveExpSlope(x), sharing the exponential with saveExp(x).
                    emit(arg);
                    emit(new SaveExp(arg));
                    c.invokestatic(CD_EXPR_MATH, "saveExpSlopeFrom", MTD_D_DD);
                }
                case Efun(Expr arg) -> efunFamily(arg, "efunFrom");
                case EfunSlope(Expr arg) -> efunFamily(arg, "efunSlopeFrom");
                case EfunCurvature(Expr arg) -> efunFamily(arg, "efunCurvatureFrom");
                case Log x -> unaryCall(x, CD_MATH, "log");
                case Sqrt x -> unaryCall(x, CD_MATH, "sqrt");
                case Tanh x -> unaryCall(x, CD_MATH, "tanh");
            }
        }

        /** efun and its derivatives from x, u = saveExp(x) and em1 (one exponential shared by all). */
        private void efunFamily(Expr arg, String method) {
            emit(arg);
            emit(new SaveExp(arg));
            Integer em1 = em1Locals.get(arg);
            if (em1 == null) {
                emit(arg);
                emit(new SaveExp(arg));
                c.invokestatic(CD_EXPR_MATH, "expm1From", MTD_D_DD);
                em1 = nextLocal;
                nextLocal += 2;
                c.dstore(em1);
                em1Locals.put(arg, em1);
            }
            c.dload(em1);
            c.invokestatic(CD_EXPR_MATH, method, MTD_D_DDD);
        }

        private void unaryCall(Expr e, ClassDesc owner, String method) {
            emit(e.children().get(0));
            c.invokestatic(owner, method, MTD_D_D);
        }

        private void binaryCall(Expr e, ClassDesc owner, String method) {
            emit(e.children().get(0));
            emit(e.children().get(1));
            c.invokestatic(owner, method, MTD_D_DD);
        }
    }
}
