package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Derivative of {@link SaveExp}: {@code arg < 20 ? exp(arg) : 0}; it is its own derivative.
 *
 * @param arg the exponent
 */
public record SaveExpSlope(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public SaveExpSlope {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return ExprMath.saveExpSlope(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : Exprs.mul(this, d);
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.saveExpSlope(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
