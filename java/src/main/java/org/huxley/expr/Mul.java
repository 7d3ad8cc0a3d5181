package org.huxley.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Product of two or more factors, evaluated strictly left to right.
 *
 * @param factors two or more factors
 */
public record Mul(List<Expr> factors) implements Expr {
    /** Copies the factors; at least two are needed. */
    public Mul {
        factors = List.copyOf(factors);
        if (factors.size() < 2) {
            throw new IllegalArgumentException("Mul needs at least two factors");
        }
    }

    @Override
    public double eval(ToDoubleFunction<Symbol> env) {
        double p = factors.getFirst().eval(env);
        for (int i = 1; i < factors.size(); i++) {
            p *= factors.get(i).eval(env);
        }
        return p;
    }

    /** Product rule: sum over i of (f_0 ... f_i' ... f_n). */
    @Override
    public Expr diff(Symbol s) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            Expr d = factors.get(i).diff(s);
            if (d.isConst(0)) {
                continue;
            }
            List<Expr> f = new ArrayList<>(factors);
            f.set(i, d);
            terms.add(Exprs.mul(f.toArray(Expr[]::new)));
        }
        return Exprs.add(terms.toArray(Expr[]::new));
    }

    @Override
    public List<Expr> children() {
        return factors;
    }

    @Override
    public Expr withChildren(List<Expr> c) {
        return Exprs.mul(c.toArray(Expr[]::new));
    }

    @Override
    public String toString() {
        return Printer.infix(this);
    }
}
