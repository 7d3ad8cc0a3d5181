package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * {@code Math.min(left, right)} (NaN-propagating); its derivative is that of the selected branch, the left one on ties.
 *
 * @param left first operand
 * @param right second operand
 */
public record Min(Expr left, Expr right) implements Expr {
    /** Checks that the operands are not null. */
    public Min {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        double l = left.eval(env);
        double r = right.eval(env);
        return Math.min(l, r);
    }

    @Override
    public Expr diff(Symbol s) {
        return Exprs.ifLe(left, right, left.diff(s), right.diff(s));
    }

    @Override
    public List<Expr> children() {
        return List.of(left, right);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.min(c.get(0), c.get(1));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
