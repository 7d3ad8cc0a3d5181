package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Integer power {@code base^exponent}, evaluated by {@link ExprMath#ipow}.
 *
 * @param base the base
 * @param exponent the integer exponent
 */
public record Pow(Expr base, int exponent) implements Expr {
    /** Checks that the operands are not null. */
    public Pow {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return ExprMath.ipow(base.eval(env), exponent);
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = base.diff(s);
        if (d.isConst(0)) {
            return Exprs.c(0);
        }
        return Exprs.mul(Exprs.c(exponent), Exprs.pow(base, exponent - 1), d);
    }

    @Override
    public List<Expr> children() {
        return List.of(base);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.pow(c.get(0), exponent);
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
