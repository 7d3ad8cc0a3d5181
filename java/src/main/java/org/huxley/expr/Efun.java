package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * {@code efun(arg) = arg / (saveExp(arg) - 1)} with the singularity at 0 removed; see {@link ExprMath#efun}.
 *
 * @param arg the argument
 */
public record Efun(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public Efun {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return ExprMath.efun(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.mul(new EfunSlope(arg), d);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.efun(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
