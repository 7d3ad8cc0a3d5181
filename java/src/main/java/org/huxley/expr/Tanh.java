package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Hyperbolic tangent; derivative {@code 1 - tanh(arg)^2}.
 *
 * @param arg the argument
 */
public record Tanh(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public Tanh {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return Math.tanh(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.mul(Exprs.sub(Exprs.c(1), Exprs.pow(this, 2)), d);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.tanh(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
