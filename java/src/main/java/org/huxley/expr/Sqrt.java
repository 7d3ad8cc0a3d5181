package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Square root; derivative {@code 1 / (2 sqrt(arg))}.
 *
 * @param arg the argument
 */
public record Sqrt(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public Sqrt {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return Math.sqrt(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.div(d, Exprs.mul(Exprs.c(2), this));
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.sqrt(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
