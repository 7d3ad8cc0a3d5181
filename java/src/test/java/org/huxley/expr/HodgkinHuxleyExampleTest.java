package org.huxley.expr;

import static org.huxley.expr.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The classic HH sodium activation rate, which has a removable singularity at v = -40 mV. */
class HodgkinHuxleyExampleTest {
    private static final Symbol V = Symbol.of("v");

    /** alpha_m(v) = 0.1 * 10 * efun(-(v + 40) / 10). */
    private static final Expr ALPHA_M = mul(c(0.1), c(10), efun(div(neg(add(sym(V), c(40))), c(10))));

    /** Textbook form 0.1 (v + 40) / (1 - exp(-(v + 40) / 10)), valid away from v = -40. */
    private static double textbook(double v) {
        return 0.1 * (v + 40) / (1 - Math.exp(-(v + 40) / 10));
    }

    @Test
    void finiteAtTheSingularity() {
        assertEquals(1.0, ALPHA_M.eval(s -> -40.0));
        assertEquals(1.0, ALPHA_M.compile(List.of(V)).eval(new double[] {-40.0}));
        // d alpha / dv at the singularity: the limit of the textbook form is 1/20.
        assertEquals(0.05, ALPHA_M.diff(V).eval(s -> -40.0), 1e-15);
        assertEquals(1.0 / 600, ALPHA_M.diff(V).diff(V).eval(s -> -40.0), 1e-15);
    }

    @Test
    void matchesTextbookFormAwayFromTheSingularity() {
        for (double v : new double[] {-100, -65, -40.5, -39, 0, 30}) {
            double expected = textbook(v);
            assertEquals(expected, ALPHA_M.eval(s -> v), 1e-13 * Math.abs(expected), "v=" + v);
            double h = 1e-4;
            double slope = (textbook(v + h) - textbook(v - h)) / (2 * h);
            assertEquals(slope, ALPHA_M.diff(V).eval(s -> v), 1e-7 * Math.max(Math.abs(slope), 1e-3), "v=" + v);
        }
    }
}
