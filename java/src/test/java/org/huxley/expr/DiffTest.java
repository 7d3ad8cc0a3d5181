package org.huxley.expr;

import static org.huxley.expr.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every node's symbolic derivative against finite differences of its own reference evaluation. */
class DiffTest {
    private static final Symbol X = Symbol.of("x");
    private static final Symbol Y = Symbol.of("y");
    private static final Expr x = sym(X);
    private static final Expr y = sym(Y);

    private static final double[] GENERIC = {-3.7, -1.2, -0.3, 0.4, 1.1, 2.5, 6.0};
    private static final double[] POSITIVE = {0.05, 0.3, 1.0, 2.5, 40.0};

    /** Checks d/dx of {@code f(x)} at each point. */
    private static void check(UnaryOperator<Expr> f, double... points) {
        Expr e = f.apply(x);
        Expr d = e.diff(X);
        for (double p : points) {
            double exact = d.eval(s -> p);
            double value = e.eval(s -> p);
            double fd = Reference.derivative(v -> e.eval(s -> v), p);
            assertTrue(Double.isFinite(exact), "d/dx " + e + " at " + p + " = " + exact);
            assertTrue(Math.abs(fd - exact) <= Reference.tolerance(exact, value, p),
                    "d/dx " + e + " at x=" + p + ": symbolic " + exact + " (" + d + ") vs finite difference " + fd);
        }
    }

    @Test
    void arithmetic() {
        check(v -> add(v, c(3), mul(c(2), v)), GENERIC);
        check(v -> sub(c(1.5), mul(v, v)), GENERIC);
        check(v -> mul(v, add(v, c(1)), sub(v, c(2))), GENERIC);
        check(v -> div(c(1), add(c(0.5), mul(v, v))), GENERIC);
        check(v -> div(add(v, c(1)), add(c(4), mul(v, v))), GENERIC);
        check(v -> div(v, c(7)), GENERIC);
        check(v -> neg(mul(v, v, v)), GENERIC);
    }

    @Test
    void powers() {
        for (int n : new int[] {2, 3, 4, 5, 7, -1, -2, -3}) {
            check(v -> pow(add(v, c(0.25)), n), GENERIC);
        }
    }

    @Test
    void elementaryFunctions() {
        check(Exprs::log, POSITIVE);
        check(Exprs::sqrt, POSITIVE);
        check(v -> log(mul(v, v)), GENERIC);
        check(Exprs::tanh, GENERIC);
        check(v -> tanh(mul(c(0.1), v)), -30, -5, 0, 5, 30);
    }

    @Test
    void saveExpAroundTheClip() {
        check(Exprs::saveExp, -50, -3, 0, 1, 10, 19.9, 19.99, 20.01, 20.1, 25, 1000);
        check(Exprs::saveExpSlope, -3, 0, 1, 19.9, 20.1, 30);
        check(v -> saveExp(mul(c(-0.5), v)), -39.9, -40.1, 0, 10);
        // At the clip itself the right derivative (0) is used: d/dx saveExp(x) = x < 20 ? e^x : 0.
        assertEquals(0.0, saveExp(x).diff(X).eval(s -> 20.0));
        assertEquals(Math.exp(Math.nextDown(20.0)), saveExp(x).diff(X).eval(s -> Math.nextDown(20.0)));
    }

    @Test
    void efunIncludingSingularityAndSwitches() {
        double[] pts = {0.0, 1e-9, -1e-9, 5e-5, -5e-5, 1e-4, -1e-4, Math.nextDown(1e-4), 2e-4, -2e-4,
            0.01, -0.01, 1, -1, 1.99, 2.01, -1.99, -2.01, 8, -8, 19.9, 20.1, 30, -60};
        check(Exprs::efun, pts);
        check(Exprs::efunSlope, pts);
        check(v -> efun(div(neg(add(v, c(40))), c(10))), -40, -40.0005, -39.9995, -65, 10);
        assertEquals(-0.5, efun(x).diff(X).eval(s -> 0.0));
        assertEquals(1.0 / 6.0, efun(x).diff(X).diff(X).eval(s -> 0.0));
        assertThrows(UnsupportedOperationException.class, () -> efunCurvature(x).diff(X));
    }

    @Test
    void minMaxAndSelection() {
        check(v -> min(mul(v, v), c(2)), -3, -0.5, 0.3, 1.2, 3);
        check(v -> max(mul(v, v), c(2)), -3, -0.5, 0.3, 1.2, 3);
        check(v -> ifLe(v, c(1), mul(v, v), tanh(v)), -2, 0.5, 1.5, 4);
        // Ties follow the first argument.
        Expr m = min(x, y);
        Map<Symbol, Double> tie = Map.of(X, 1.0, Y, 1.0);
        assertEquals(1.0, m.diff(X).eval(Reference.env(tie)));
        assertEquals(0.0, m.diff(Y).eval(Reference.env(tie)));
        assertEquals(1.0, max(x, y).diff(X).eval(Reference.env(tie)));
        assertEquals(0.0, max(x, y).diff(Y).eval(Reference.env(tie)));
    }

    @Test
    void constantsAndSymbols() {
        assertEquals(c(0), c(3).diff(X));
        assertEquals(c(1), x.diff(X));
        assertEquals(c(0), y.diff(X));
        assertEquals(c(0), saveExp(tanh(y)).diff(X));
    }

    @Test
    void partialsOfMultivariateExpression() {
        Symbol gbar = Symbol.of("gbar");
        Symbol m = Symbol.of("m");
        Symbol v = Symbol.of("v");
        Symbol e = Symbol.of("e");
        // HH-like sodium current with a gate rate thrown in.
        Expr current = mul(sym(gbar), pow(sym(m), 3), sub(sym(v), sym(e)));
        Expr alpha = mul(c(0.1), c(10), efun(div(neg(add(sym(v), c(40))), c(10))));
        Expr beta = mul(c(4), saveExp(div(neg(add(sym(v), c(65))), c(18))));
        Expr update = add(sym(m), mul(c(0.025), sub(mul(alpha, sub(c(1), sym(m))), mul(beta, sym(m)))));
        Expr tau = div(c(1), add(alpha, beta, sqrt(add(sym(gbar), c(1))), tanh(sym(e))));
        for (Expr expr : List.of(current, update, tau)) {
            for (double vv : new double[] {-80, -40, -40.00001, -10, 35}) {
                Map<Symbol, Double> p = new LinkedHashMap<>(Map.of(gbar, 0.12, m, 0.3, v, vv, e, 50.0));
                for (Symbol s : List.of(gbar, m, v, e)) {
                    double exact = expr.diff(s).eval(Reference.env(p));
                    double fd = Reference.partial(expr, s, p);
                    double value = expr.eval(Reference.env(p));
                    assertTrue(Math.abs(fd - exact) <= Reference.tolerance(exact, value, p.get(s)),
                            "d/d" + s + " of " + expr + " at " + p + ": " + exact + " vs " + fd);
                }
            }
        }
    }
}
