package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * {@code saveExp(arg) = exp(min(arg, 20))}; its derivative is flat (0) on the clipped part.
 *
 * @param arg the exponent
 */
public record SaveExp(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public SaveExp {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return ExprMath.saveExp(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.mul(new SaveExpSlope(arg), d);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.saveExp(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
