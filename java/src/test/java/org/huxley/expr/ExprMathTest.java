package org.huxley.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExprMathTest {
    /** Points near every branch switch: 0, the 1e-4 series limit, the |x| = 2 numerator limit, the clip. */
    static final double[] EFUN_POINTS = {
        0.0, -0.0, 1e-20, -1e-20, 1e-12, -1e-12, 3e-5, -3e-5,
        Math.nextDown(1e-4), 1e-4, Math.nextUp(1e-4), -Math.nextDown(1e-4), -1e-4, -Math.nextUp(1e-4),
        1.5e-4, -1.5e-4, 1e-3, -1e-3, 0.1, -0.1, 0.5, -0.5, 1.0, -1.0,
        Math.nextDown(2.0), 2.0, -Math.nextDown(2.0), -2.0, 3.0, -3.0, 7.5, -7.5, 15.0, -15.0,
        19.5, Math.nextDown(20.0), -40.0, -100.0, -700.0
    };

    private static void assertRel(double expected, double actual, double rel, String what) {
        double err = Math.abs(actual - expected);
        assertTrue(err <= rel * Math.abs(expected) + 1e-300,
                what + ": expected " + expected + " got " + actual + " (rel err " + err / Math.abs(expected) + ")");
    }

    @Test
    void efunAndDerivativesMatchHighPrecisionReference() {
        for (double x : EFUN_POINTS) {
            assertRel(Reference.efun(x), ExprMath.efun(x), 1e-14, "efun(" + x + ")");
            assertRel(Reference.efunSlope(x), ExprMath.efunSlope(x), 1e-13, "efunSlope(" + x + ")");
            assertRel(Reference.efunCurvature(x), ExprMath.efunCurvature(x), 1e-12, "efunCurvature(" + x + ")");
        }
    }

    @Test
    void efunLimitsAtZero() {
        assertEquals(1.0, ExprMath.efun(0.0));
        assertEquals(1.0, ExprMath.efun(-0.0));
        assertEquals(-0.5, ExprMath.efunSlope(0.0));
        assertEquals(1.0 / 6.0, ExprMath.efunCurvature(0.0));
    }

    @Test
    void seriesSwitchIsContinuous() {
        for (double s : new double[] {1e-4, -1e-4}) {
            double inside = Math.copySign(Math.nextDown(Math.abs(s)), s);
            assertTrue(Math.abs(ExprMath.efun(inside) - ExprMath.efun(s)) < 1e-12 * Math.abs(ExprMath.efun(s)));
            assertTrue(Math.abs(ExprMath.efunSlope(inside) - ExprMath.efunSlope(s)) < 1e-12 * 0.5);
            assertTrue(Math.abs(ExprMath.efunCurvature(inside) - ExprMath.efunCurvature(s)) < 1e-12 / 6);
        }
    }

    @Test
    void efunIsClippedAboveTwenty() {
        double em1 = Math.exp(20.0) - 1.0;
        for (double x : new double[] {20.0, 20.5, 100.0, 1e6}) {
            assertEquals(x / em1, ExprMath.efun(x), "efun(" + x + ")");
            assertEquals(1.0 / em1, ExprMath.efunSlope(x));
            assertEquals(0.0, ExprMath.efunCurvature(x));
        }
        // Continuous into the clip: below 20 it is x / expm1(x), which meets 20 / (exp(20) - 1).
        assertRel(20.0 / em1, ExprMath.efun(Math.nextDown(20.0)), 1e-14, "efun(20-)");
        assertTrue(Double.isFinite(ExprMath.efun(Double.MAX_VALUE)));
    }

    @Test
    void saveExpClipsAtTwenty() {
        assertEquals(Math.exp(20.0), ExprMath.saveExp(20.0));
        assertEquals(Math.exp(20.0), ExprMath.saveExp(1000.0));
        assertEquals(Math.exp(19.5), ExprMath.saveExp(19.5));
        assertEquals(Math.exp(-3.0), ExprMath.saveExp(-3.0));
        assertEquals(Math.exp(19.999), ExprMath.saveExpSlope(19.999));
        assertEquals(0.0, ExprMath.saveExpSlope(20.0));
        assertEquals(0.0, ExprMath.saveExpSlope(25.0));
    }

    @Test
    void integerPowerMatchesRepeatedProducts() {
        double x = 1.1;
        assertEquals(1.0, ExprMath.ipow(x, 0));
        assertEquals(x * x * x * x, ExprMath.ipow(x, 4));
        assertEquals(Math.pow(x, 7), ExprMath.ipow(x, 7));
        assertEquals(Math.pow(x, -2), ExprMath.ipow(x, -2));
    }
}
