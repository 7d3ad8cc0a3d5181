package org.huxley.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Simplifying factories for {@link Expr}. Rewrites are limited to ones that keep every value
 * identical up to ulp-level roundoff: constant folding, neutral elements ({@code x + 0},
 * {@code x * 1}, {@code x / 1}, {@code x^1}), absorbing zero ({@code x * 0 -> 0},
 * {@code 0 / x -> 0}, ignoring NaN/infinite {@code x}), sign pushing ({@code --x -> x},
 * {@code (-a) * b -> -(a * b)}, {@code a + -b -> a - b}) and merging constant factors of a
 * product. Sums are never reordered, so cancellation behaves exactly as written.
 */
public final class Exprs {
    private static final Const ZERO = new Const(0.0);
    private static final Const ONE = new Const(1.0);

    private Exprs() {
    }

    /**
     * {@return the constant {@code v}}
     *
     * @param v the value
     */
    public static Expr c(double v) {
        return v == 0.0 && Double.doubleToRawLongBits(v) == 0L ? ZERO : v == 1.0 ? ONE : new Const(v);
    }

    /**
     * {@return a reference to symbol {@code s}}
     *
     * @param s the symbol
     */
    public static Expr sym(Symbol s) {
        return new Var(s);
    }

    /**
     * {@return a reference to the symbol named {@code name}}
     *
     * @param name the symbol's name
     */
    public static Expr sym(String name) {
        return new Var(Symbol.of(name));
    }

    /**
     * Alias of {@link #sym(Symbol)}.
     *
     * @param s the symbol
     * @return a reference to {@code s}
     */
    public static Expr var(Symbol s) {
        return sym(s);
    }

    /**
     * {@return left-to-right sum; drops zero terms and folds leading constants}
     *
     * @param terms the terms
     */
    public static Expr add(Expr... terms) {
        List<Expr> out = new ArrayList<>(terms.length);
        for (Expr t : terms) {
            if (t.isConst(0)) {
                continue;
            }
            if (out.isEmpty() && t instanceof Add(List<Expr> inner)) {
                out.addAll(inner); // (a + b) + c is already evaluated as a + b + c
            } else {
                out.add(t);
            }
            // A leading run of constants is evaluated first anyway: fold it exactly as eval would.
            if (out.size() == 2 && out.get(0) instanceof Const(double a) && out.get(1) instanceof Const(double b)) {
                out.clear();
                double v = a + b;
                if (v != 0.0) {
                    out.add(c(v));
                }
            }
        }
        if (out.isEmpty()) {
            return ZERO;
        }
        if (out.size() == 1) {
            return out.getFirst();
        }
        Expr last = out.getLast();
        List<Expr> head = out.subList(0, out.size() - 1);
        if (last instanceof Neg(Expr a)) {
            return sub(add(head.toArray(Expr[]::new)), a); // x + (-a) == x - a exactly
        }
        if (last instanceof Const(double v) && v < 0) {
            return sub(add(head.toArray(Expr[]::new)), c(-v));
        }
        return new Add(out);
    }

    /**
     * {@return {@code a - b}}
     *
     * @param a minuend
     * @param b subtrahend
     */
    public static Expr sub(Expr a, Expr b) {
        if (a instanceof Const(double x) && b instanceof Const(double y)) {
            return c(x - y);
        }
        if (b.isConst(0)) {
            return a;
        }
        if (a.isConst(0)) {
            return neg(b);
        }
        if (b instanceof Neg(Expr nb)) {
            return add(a, nb);
        }
        if (b instanceof Const(double y) && y < 0) {
            return add(a, c(-y));
        }
        return new Sub(a, b);
    }

    /**
     * Left-to-right product; flattens nested products, merges all constant factors into one
     * leading constant, pulls negations out, and returns 0 if any factor is the constant 0.
     *
     * @param factors the factors
     * @return the product, simplified
     */
    public static Expr mul(Expr... factors) {
        List<Expr> rest = new ArrayList<>(factors.length);
        double k = 1.0;
        boolean negate = false;
        List<Expr> todo = new ArrayList<>(List.of(factors));
        for (int i = 0; i < todo.size(); i++) {
            Expr f = todo.get(i);
            while (f instanceof Neg(Expr a)) {
                negate = !negate;
                f = a;
            }
            switch (f) {
                case Const(double v) -> {
                    if (v == 0.0) {
                        return ZERO;
                    }
                    k *= v;
                }
                case Mul(List<Expr> inner) -> todo.addAll(i + 1, inner);
                default -> rest.add(f);
            }
        }
        if (negate) {
            k = -k;
        }
        if (rest.isEmpty()) {
            return c(k);
        }
        if (k == -1.0) {
            return neg(rest.size() == 1 ? rest.getFirst() : new Mul(rest));
        }
        if (k != 1.0) {
            rest.addFirst(c(k));
        }
        return rest.size() == 1 ? rest.getFirst() : new Mul(rest);
    }

    /**
     * {@code a / b}. Division by a constant is kept as a division (not a reciprocal product) to stay exact.
     *
     * @param a numerator
     * @param b denominator
     * @return the quotient, simplified
     */
    public static Expr div(Expr a, Expr b) {
        if (a instanceof Const(double x) && b instanceof Const(double y)) {
            return c(x / y);
        }
        if (a.isConst(0)) {
            return ZERO;
        }
        if (b.isConst(1)) {
            return a;
        }
        if (b.isConst(-1)) {
            return neg(a);
        }
        if (a instanceof Neg(Expr na)) {
            return neg(div(na, b));
        }
        if (b instanceof Neg(Expr nb)) {
            return neg(div(a, nb));
        }
        return new Div(a, b);
    }

    /**
     * {@return {@code -a}}
     *
     * @param a the operand
     */
    public static Expr neg(Expr a) {
        return switch (a) {
            case Const(double v) -> c(-v);
            case Neg(Expr inner) -> inner;
            case Sub(Expr l, Expr r) -> new Sub(r, l);
            case Mul m when m.factors().getFirst() instanceof Const(double k) -> {
                List<Expr> f = new ArrayList<>(m.factors());
                f.set(0, c(-k));
                yield mul(f.toArray(Expr[]::new));
            }
            default -> new Neg(a);
        };
    }

    /**
     * {@return integer power {@code a^n}}
     *
     * @param a the base
     * @param n the integer exponent
     */
    public static Expr pow(Expr a, int n) {
        if (n == 0) {
            return ONE;
        }
        if (n == 1) {
            return a;
        }
        if (a instanceof Const(double v)) {
            return c(ExprMath.ipow(v, n));
        }
        return new Pow(a, n);
    }

    /**
     * {@return {@code exp(min(a, 20))}; see {@link ExprMath#saveExp}}
     *
     * @param a the exponent
     */
    public static Expr saveExp(Expr a) {
        return a instanceof Const(double v) ? c(ExprMath.saveExp(v)) : new SaveExp(a);
    }

    /**
     * {@return derivative of {@link #saveExp}: {@code a < 20 ? exp(a) : 0}}
     *
     * @param a the exponent
     */
    public static Expr saveExpSlope(Expr a) {
        return a instanceof Const(double v) ? c(ExprMath.saveExpSlope(v)) : new SaveExpSlope(a);
    }

    /**
     * {@return natural logarithm}
     *
     * @param a the argument
     */
    public static Expr log(Expr a) {
        return a instanceof Const(double v) ? c(Math.log(v)) : new Log(a);
    }

    /**
     * {@return square root}
     *
     * @param a the argument
     */
    public static Expr sqrt(Expr a) {
        return a instanceof Const(double v) ? c(Math.sqrt(v)) : new Sqrt(a);
    }

    /**
     * {@return hyperbolic tangent}
     *
     * @param a the argument
     */
    public static Expr tanh(Expr a) {
        return a instanceof Const(double v) ? c(Math.tanh(v)) : new Tanh(a);
    }

    /**
     * {@return {@code a / (saveExp(a) - 1)}, finite at 0; see {@link ExprMath#efun}}
     *
     * @param a the argument
     */
    public static Expr efun(Expr a) {
        return a instanceof Const(double v) ? c(ExprMath.efun(v)) : new Efun(a);
    }

    /**
     * {@return first derivative of {@link #efun}}
     *
     * @param a the argument
     */
    public static Expr efunSlope(Expr a) {
        return a instanceof Const(double v) ? c(ExprMath.efunSlope(v)) : new EfunSlope(a);
    }

    /**
     * {@return second derivative of {@link #efun}}
     *
     * @param a the argument
     */
    public static Expr efunCurvature(Expr a) {
        return a instanceof Const(double v) ? c(ExprMath.efunCurvature(v)) : new EfunCurvature(a);
    }

    /**
     * {@return minimum; the derivative follows the selected branch, {@code a} on ties}
     *
     * @param a first operand
     * @param b second operand
     */
    public static Expr min(Expr a, Expr b) {
        if (a instanceof Const(double x) && b instanceof Const(double y)) {
            return c(Math.min(x, y));
        }
        return a.equals(b) ? a : new Min(a, b);
    }

    /**
     * {@return maximum; the derivative follows the selected branch, {@code a} on ties}
     *
     * @param a first operand
     * @param b second operand
     */
    public static Expr max(Expr a, Expr b) {
        if (a instanceof Const(double x) && b instanceof Const(double y)) {
            return c(Math.max(x, y));
        }
        return a.equals(b) ? a : new Max(a, b);
    }

    /**
     * {@return {@code lhs <= rhs ? then : otherwise}}
     *
     * @param lhs left side of the comparison
     * @param rhs right side of the comparison
     * @param then the value if lhs ≤ rhs
     * @param otherwise the value if not
     */
    public static Expr ifLe(Expr lhs, Expr rhs, Expr then, Expr otherwise) {
        if (then.equals(otherwise)) {
            return then;
        }
        if (lhs instanceof Const(double x) && rhs instanceof Const(double y)) {
            return x <= y ? then : otherwise;
        }
        return new IfLe(lhs, rhs, then, otherwise);
    }
}
