package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Piecewise selection {@code lhs <= rhs ? then : otherwise} (NaN comparisons pick
 * {@code otherwise}). Its derivative differentiates both branches and keeps the condition,
 * which is how {@link Min} and {@link Max} derivatives are expressed.
 *
 * @param lhs left side of the comparison
 * @param rhs right side of the comparison
 * @param then the value if lhs ≤ rhs
 * @param otherwise the value if not
 */
public record IfLe(Expr lhs, Expr rhs, Expr then, Expr otherwise) implements Expr {
    /** Checks that no operand is null. */
    public IfLe {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return lhs.eval(env) <= rhs.eval(env) ? then.eval(env) : otherwise.eval(env);
    }

    @Override
    public Expr diff(Symbol s) {
        return Exprs.ifLe(lhs, rhs, then.diff(s), otherwise.diff(s));
    }

    @Override
    public List<Expr> children() {
        return List.of(lhs, rhs, then, otherwise);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.ifLe(c.get(0), c.get(1), c.get(2), c.get(3));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
