package org.huxley.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The table exponential is within 0.51 ulp of a 40-digit reference and handles the edges. */
class TableExpTest {
    private static final MathContext MC = new MathContext(45);

    /** e^x to about 40 digits: halve until |y| < 1e-3, Taylor series, square back. */
    static BigDecimal exact(double x) {
        BigDecimal y = new BigDecimal(x);
        int halvings = 0;
        BigDecimal small = new BigDecimal("0.001");
        while (y.abs().compareTo(small) > 0) {
            y = y.divide(BigDecimal.valueOf(2), MC);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 25; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        MathContext wide = new MathContext(MC.getPrecision() + 15);
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, wide);
        }
        return sum;
    }

    private static double ulpError(double x) {
        double got = TableExp.exp(x);
        return new BigDecimal(got).subtract(exact(x)).abs().doubleValue() / Math.ulp(got);
    }

    @Test
    void withinHalfAnUlpAndABitAcrossTheRange() {
        SplittableRandom r = new SplittableRandom(11);
        double worst = 0;
        for (int i = 0; i < 30000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextDouble(-708, 708);
                case 1 -> r.nextDouble(-40, 25); // gate rates and decays
                case 2 -> r.nextDouble(-0.01, 0.01);
                default -> r.nextDouble(-1e-12, 1e-12);
            };
            double e = ulpError(x);
            assertTrue(e <= 0.51, "x = " + x + ": " + e + " ulp");
            worst = Math.max(worst, e);
        }
        assertTrue(worst > 0.3, "the sample should reach the rounding limit, worst " + worst);
    }

    @Test
    void expm1NearZeroWithinAboutOneUlp() {
        SplittableRandom r = new SplittableRandom(5);
        double ln2 = Math.log(2.0);
        double worst = 0;
        for (int i = 0; i < 30000; i++) {
            double x = switch (i % 3) {
                case 0 -> r.nextDouble(-ln2, ln2);
                case 1 -> r.nextDouble(-0.01, 0.01);
                default -> r.nextDouble(-1e-9, 1e-9);
            };
            double got = TableExp.expm1Small(x);
            double e = new BigDecimal(got).subtract(exact(x).subtract(BigDecimal.ONE)).abs().doubleValue()
                    / Math.ulp(got);
            assertTrue(e <= 1.0, "x = " + x + ": " + e + " ulp");
            worst = Math.max(worst, e);
        }
        assertTrue(worst > 0.3, "the sample should reach the rounding limit, worst " + worst);
    }

    @Test
    void exactAtZeroAndAtTableNodes() {
        assertEquals(1.0, TableExp.exp(0.0));
        assertEquals(1.0, TableExp.exp(-0.0));
        for (double x : new double[] {Math.log(2.0), -Math.log(2.0), 1.0, -1.0, 20.0, -20.0, 0.5 * Math.log(2.0)}) {
            assertTrue(ulpError(x) <= 0.51, "x = " + x);
        }
    }

    @Test
    void edgesFallBackToTheLibrary() {
        assertTrue(Double.isNaN(TableExp.exp(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, TableExp.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, TableExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, TableExp.exp(710.0));
        assertEquals(Math.exp(-745.0), TableExp.exp(-745.0)); // subnormal
        assertEquals(Math.exp(709.5), TableExp.exp(709.5));
        assertTrue(ulpError(708.0) <= 0.51);
        assertTrue(ulpError(-708.0) <= 0.51);
        assertTrue(ulpError(Math.nextDown(708.0)) <= 0.51);
    }

    @Test
    void saveExpClipsExactlyLikeMathMin() {
        for (double x : new double[] {Double.NaN, -0.0, 0.0, 19.999999999999996, 20.0, 20.000000000000004, 1e300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -3.5}) {
            assertEquals(Double.doubleToRawLongBits(TableExp.exp(Math.min(x, ExprMath.EXP_CLIP))),
                    Double.doubleToRawLongBits(ExprMath.saveExp(x)), "x = " + x);
        }
    }

    @Test
    void monotoneAcrossTableBoundaries() {
        double step = Math.log(2.0) / 128;
        for (int k = -300; k <= 300; k++) {
            double x = (k + 0.5) * step;
            double below = Math.nextDown(x);
            assertTrue(TableExp.exp(below) <= TableExp.exp(x), "not monotone at " + x);
            assertTrue(TableExp.exp(x) <= TableExp.exp(Math.nextUp(x)), "not monotone at " + x);
        }
    }
}
