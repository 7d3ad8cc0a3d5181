package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Difference {@code left - right}.
 *
 * @param left minuend
 * @param right subtrahend
 */
public record Sub(Expr left, Expr right) implements Expr {
    /** Checks that the operands are not null. */
    public Sub {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        double l = left.eval(env);
        double r = right.eval(env);
        return l - r;
    }

    @Override
    public Expr diff(Symbol s) {
        return Exprs.sub(left.diff(s), right.diff(s));
    }

    @Override
    public List<Expr> children() {
        return List.of(left, right);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.sub(c.get(0), c.get(1));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
