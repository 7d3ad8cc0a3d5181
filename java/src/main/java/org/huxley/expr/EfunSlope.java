package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * First derivative of {@link Efun}; see {@link ExprMath#efunSlope}.
 *
 * @param arg the argument
 */
public record EfunSlope(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public EfunSlope {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return ExprMath.efunSlope(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.mul(new EfunCurvature(arg), d);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.efunSlope(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
