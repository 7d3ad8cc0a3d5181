package org.huxley.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Turns expression trees into trees of small lambdas over a slot array. Symbol-free subtrees
 * are folded to constants at compile time (with {@link Expr#eval}, so the bits are unchanged);
 * every operation is evaluated in the same order as {@link Expr#eval}, so results are bitwise
 * identical to it.
 */
public final class ExprCompiler {
    private ExprCompiler() {
    }

    /** A compiled constant; lets parents detect foldable children. */
    private record Constant(double value) implements CompiledExpr {
        @Override
        public double eval(double[] slots) {
            return value;
        }
    }

    /**
     * Compiles {@code e}; symbol {@code slotOrder.get(i)} is read from slot {@code i}.
     *
     * @param e the expression
     * @param slotOrder the symbol of each input slot
     * @return the compiled expression
     * @throws IllegalArgumentException if a symbol of {@code e} has no slot, or a symbol is listed twice
     */
    public static CompiledExpr compile(Expr e, List<Symbol> slotOrder) {
        return new Session(slotIndex(slotOrder)).build(e);
    }

    /**
     * Compiles several expressions against one slot order. Structurally identical subtrees share
     * one compiled node object (saving memory and compile time; values are still recomputed per
     * call).
     *
     * @param exprs the expressions
     * @param slotOrder the symbol of each input slot
     * @return one compiled expression each
     */
    public static List<CompiledExpr> compileAll(List<? extends Expr> exprs, List<Symbol> slotOrder) {
        Session session = new Session(slotIndex(slotOrder));
        List<CompiledExpr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(session.build(e));
        }
        return List.copyOf(out);
    }

    private static Map<Symbol, Integer> slotIndex(List<Symbol> slotOrder) {
        Map<Symbol, Integer> index = new HashMap<>();
        for (int i = 0; i < slotOrder.size(); i++) {
            if (index.putIfAbsent(slotOrder.get(i), i) != null) {
                throw new IllegalArgumentException("symbol '" + slotOrder.get(i) + "' appears twice in the slot order");
            }
        }
        return index;
    }

    private static final class Session {
        private final Map<Symbol, Integer> index;
        private final Map<Expr, CompiledExpr> memo = new HashMap<>();

        Session(Map<Symbol, Integer> index) {
            this.index = index;
        }

        CompiledExpr build(Expr e) {
            CompiledExpr done = memo.get(e);
            if (done == null) {
                done = buildNode(e);
                memo.put(e, done);
            }
            return done;
        }

        private CompiledExpr buildNode(Expr e) {
            if (e instanceof Var(Symbol s)) {
                Integer slot = index.get(s);
                if (slot == null) {
                    throw new IllegalArgumentException("symbol '" + s + "' has no slot (slots: " + index.keySet() + ")");
                }
                int i = slot;
                return slots -> slots[i];
            }
            List<CompiledExpr> kids = new ArrayList<>();
            boolean allConstant = true;
            for (Expr c : e.children()) {
                CompiledExpr k = build(c);
                kids.add(k);
                allConstant &= k instanceof Constant;
            }
            if (allConstant) {
                return new Constant(e.eval(s -> {
                    throw new AssertionError("constant subtree references " + s);
                }));
            }
            return switch (e) {
                case Const(double v) -> new Constant(v); // unreachable: no children means folded above
                case Var v -> throw new AssertionError();
                case Add a -> sum(kids);
                case Mul m -> product(kids);
                case Sub s -> {
                    CompiledExpr l = kids.get(0), r = kids.get(1);
                    yield slots -> l.eval(slots) - r.eval(slots);
                }
                case Div d -> {
                    CompiledExpr l = kids.get(0), r = kids.get(1);
                    yield slots -> l.eval(slots) / r.eval(slots);
                }
                case Min m -> {
                    CompiledExpr l = kids.get(0), r = kids.get(1);
                    yield slots -> Math.min(l.eval(slots), r.eval(slots));
                }
                case Max m -> {
                    CompiledExpr l = kids.get(0), r = kids.get(1);
                    yield slots -> Math.max(l.eval(slots), r.eval(slots));
                }
                case IfLe f -> {
                    CompiledExpr l = kids.get(0), r = kids.get(1), t = kids.get(2), o = kids.get(3);
                    yield slots -> l.eval(slots) <= r.eval(slots) ? t.eval(slots) : o.eval(slots);
                }
                case Neg n -> {
                    CompiledExpr a = kids.get(0);
                    yield slots -> -a.eval(slots);
                }
                case Pow(Expr b, int n) -> power(kids.get(0), n);
                case SaveExp x -> unary(kids.get(0), ExprMath::saveExp);
                case SaveExpSlope x -> unary(kids.get(0), ExprMath::saveExpSlope);
                case Log x -> unary(kids.get(0), Math::log);
                case Sqrt x -> unary(kids.get(0), Math::sqrt);
                case Tanh x -> unary(kids.get(0), Math::tanh);
                case Efun x -> unary(kids.get(0), ExprMath::efun);
                case EfunSlope x -> unary(kids.get(0), ExprMath::efunSlope);
                case EfunCurvature x -> unary(kids.get(0), ExprMath::efunCurvature);
            };
        }
    }

    private static CompiledExpr unary(CompiledExpr a, DoubleUnaryOperator f) {
        return slots -> f.applyAsDouble(a.eval(slots));
    }

    private static CompiledExpr power(CompiledExpr a, int n) {
        return switch (n) {
            case 2 -> slots -> {
                double x = a.eval(slots);
                return x * x;
            };
            case 3 -> slots -> {
                double x = a.eval(slots);
                return x * x * x;
            };
            default -> slots -> ExprMath.ipow(a.eval(slots), n);
        };
    }

    /** Left-to-right, like {@link Add#eval}; constant operands stay in place to keep the order. */
    private static CompiledExpr sum(List<CompiledExpr> kids) {
        if (kids.size() == 2) {
            CompiledExpr a = kids.get(0), b = kids.get(1);
            return slots -> a.eval(slots) + b.eval(slots);
        }
        CompiledExpr[] k = kids.toArray(CompiledExpr[]::new);
        return slots -> {
            double s = k[0].eval(slots);
            for (int i = 1; i < k.length; i++) {
                s += k[i].eval(slots);
            }
            return s;
        };
    }

    private static CompiledExpr product(List<CompiledExpr> kids) {
        if (kids.size() == 2) {
            CompiledExpr a = kids.get(0), b = kids.get(1);
            if (a instanceof Constant(double v)) {
                return slots -> v * b.eval(slots);
            }
            return slots -> a.eval(slots) * b.eval(slots);
        }
        CompiledExpr[] k = kids.toArray(CompiledExpr[]::new);
        return slots -> {
            double p = k[0].eval(slots);
            for (int i = 1; i < k.length; i++) {
                p *= k[i].eval(slots);
            }
            return p;
        };
    }
}
