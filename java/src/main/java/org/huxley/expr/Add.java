package org.huxley.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Sum of two or more terms, evaluated strictly left to right ({@code ((t0 + t1) + t2) ...}).
 *
 * @param terms two or more terms
 */
public record Add(List<Expr> terms) implements Expr {
    /** Copies the terms; at least two are needed. */
    public Add {
        terms = List.copyOf(terms);
        if (terms.size() < 2) {
            throw new IllegalArgumentException("Add needs at least two terms");
        }
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        double sum = terms.getFirst().eval(env);
        for (int i = 1; i < terms.size(); i++) {
            sum += terms.get(i).eval(env);
        }
        return sum;
    }

    @Override
    public Expr diff(Symbol s) {
        List<Expr> d = new ArrayList<>(terms.size());
        for (Expr t : terms) {
            d.add(t.diff(s));
        }
        return Exprs.add(d.toArray(Expr[]::new));
    }

    @Override
    public List<Expr> children() {
        return terms;
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.add(c.toArray(Expr[]::new));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
