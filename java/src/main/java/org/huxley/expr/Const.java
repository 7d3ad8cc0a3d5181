package org.huxley.expr;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A double constant.
 *
 * @param value the constant
 */
public record Const(double value) implements Expr {
    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return value;
    }

    @Override
    public Expr diff(Symbol s) {
        return Exprs.c(0);
    }

    @Override
    public List<Expr> children() {
        return List.of();
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return this;
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
