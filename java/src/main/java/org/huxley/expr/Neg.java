package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Negation {@code -arg}.
 *
 * @param arg the operand
 */
public record Neg(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public Neg {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return -arg.eval(env);
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.neg(d);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.neg(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
