package org.huxley.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/** Independent references for tests: 120-digit arithmetic and Richardson finite differences. */
final class Reference {
    private static final MathContext MC = new MathContext(120);

    private Reference() {
    }

    /** e^x to ~120 digits (argument halving + Taylor series + squaring). */
    static BigDecimal exp(BigDecimal x) {
        int halvings = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(BigDecimal.valueOf(0.01)) > 0) {
            y = y.divide(BigDecimal.valueOf(2), MC);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 80; k++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** x / (e^x - 1) without clipping; 1 at 0. */
    static double efun(double xd) {
        if (xd == 0) {
            return 1.0;
        }
        BigDecimal x = new BigDecimal(xd);
        return x.divide(exp(x).subtract(BigDecimal.ONE, MC), MC).doubleValue();
    }

    /** d/dx of x / (e^x - 1) = (E - x e^x) / E^2 with E = e^x - 1; -1/2 at 0. */
    static double efunSlope(double xd) {
        if (xd == 0) {
            return -0.5;
        }
        BigDecimal x = new BigDecimal(xd);
        BigDecimal ex = exp(x);
        BigDecimal e = ex.subtract(BigDecimal.ONE, MC);
        return e.subtract(x.multiply(ex, MC), MC).divide(e.multiply(e, MC), MC).doubleValue();
    }

    /** Second derivative: e^x (2x - 2E + xE) / E^3; 1/6 at 0. */
    static double efunCurvature(double xd) {
        if (xd == 0) {
            return 1.0 / 6.0;
        }
        BigDecimal x = new BigDecimal(xd);
        BigDecimal ex = exp(x);
        BigDecimal e = ex.subtract(BigDecimal.ONE, MC);
        BigDecimal num = x.multiply(BigDecimal.TWO, MC).subtract(e.multiply(BigDecimal.TWO, MC), MC).add(x.multiply(e, MC), MC);
        return ex.multiply(num, MC).divide(e.multiply(e, MC).multiply(e, MC), MC).doubleValue();
    }

    /** Central difference with one Richardson step (error O(h^4)). */
    static double derivative(DoubleUnaryOperator f, double x) {
        double h = 1e-4 * Math.max(1.0, Math.abs(x));
        double d1 = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
        double d2 = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
        return (4 * d2 - d1) / 3;
    }

    /** Tolerance for {@link #derivative}: 1e-7 relative plus the roundoff floor of the difference quotient. */
    static double tolerance(double exact, double value, double x) {
        return 1e-7 * Math.abs(exact) + 1e-9 * Math.abs(value) / Math.max(1.0, Math.abs(x)) + 1e-300;
    }

    /** Partial derivative of {@code e} along {@code s} at {@code point}, by finite differences. */
    static double partial(Expr e, Symbol s, Map<Symbol, Double> point) {
        return derivative(x -> e.eval(sym -> sym.equals(s) ? x : point.get(sym)), point.get(s));
    }

    static ToDoubleFunction<Symbol> env(Map<Symbol, Double> point) {
        return s -> {
            Double v = point.get(s);
            if (v == null) {
                throw new IllegalArgumentException("no value for " + s);
            }
            return v;
        };
    }
}
