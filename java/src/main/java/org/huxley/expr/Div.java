package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Quotient {@code left / right}.
 *
 * @param left numerator
 * @param right denominator
 */
public record Div(Expr left, Expr right) implements Expr {
    /** Checks that the operands are not null. */
    public Div {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        double l = left.eval(env);
        double r = right.eval(env);
        return l / r;
    }

    @Override
    public Expr diff(Symbol s) {
        return quotientRule(s);
    }

    /** {@code l'/r - l r'/r^2}, written so that a constant side drops its term entirely. */
    private Expr quotientRule(Symbol s) {
        Expr dl = left.diff(s);
        Expr dr = right.diff(s);
        if (dr.isConst(0)) {
            return Exprs.div(dl, right);
        }
        return Exprs.sub(Exprs.div(dl, right), Exprs.div(Exprs.mul(left, dr), Exprs.pow(right, 2)));
    }

    @Override
    public List<Expr> children() {
        return List.of(left, right);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.div(c.get(0), c.get(1));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
