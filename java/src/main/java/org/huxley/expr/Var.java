package org.huxley.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A reference to a {@link Symbol}'s value.
 *
 * @param symbol the symbol
 */
public record Var(Symbol symbol) implements Expr {
    /** Checks that the operands are not null. */
    public Var {
        Objects.requireNonNull(symbol, "symbol");
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        return env.applyAsDouble(symbol);
    }

    @Override
    public Expr diff(Symbol s) {
        return Exprs.c(symbol.equals(s) ? 1 : 0);
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
        return symbol.name();
    }
}
