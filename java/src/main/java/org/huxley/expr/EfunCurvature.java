package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Second derivative of {@link Efun}; see {@link ExprMath#efunCurvature}. It has no symbolic derivative.
 *
 * @param arg the argument
 */
public record EfunCurvature(Expr arg) implements Expr {
    /** Checks that the operands are not null. */
    public EfunCurvature {
        Objects.requireNonNull(arg, "arg");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return ExprMath.efunCurvature(arg.eval(env));
    }

    @Override
    public Expr diff(Symbol s) {
        Expr d = arg.diff(s);
        return d.isConst(0) ? Exprs.c(0) : thirdDerivative();
    }

    private static Expr thirdDerivative() {
        // No adjoint needs d^3 efun; fail loudly rather than return something wrong.
        throw new UnsupportedOperationException("third derivative of efun is not implemented");
    }

    @Override
    public List<Expr> children() {
        return List.of(arg);
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.efunCurvature(c.get(0));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
