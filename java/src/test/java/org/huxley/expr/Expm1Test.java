package org.huxley.expr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast e^x − 1 stays within a few ulp of the exact value (BigDecimal series). */
class Expm1Test {
    static double exact(double x) {
        MathContext mc = new MathContext(40);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal term = bx;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 1; k < 200; k++) {
            if (k > 1) {
                term = term.multiply(bx, mc).divide(BigDecimal.valueOf(k), mc);
            }
            sum = sum.add(term, mc);
            if (term.abs().compareTo(sum.abs().scaleByPowerOfTen(-35)) < 0) {
                break;
            }
        }
        return sum.doubleValue();
    }

    @Test
    void withinFourUlpAcrossTheRange() {
        Random r = new Random(3);
        double worst = 0;
        for (int i = 0; i < 20000; i++) {
            double x = i < 10000 ? (r.nextDouble() * 2 - 1) * 0.7 : (r.nextDouble() * 2 - 1) * 25;
            if (i % 7 == 0) {
                x *= 1e-6;
            }
            double e = exact(x);
            double ulps = Math.abs(ExprMath.expm1(x) - e) / Math.ulp(e);
            worst = Math.max(worst, ulps);
            assertTrue(ulps <= 4, "x = " + x + ": " + ulps + " ulp");
        }
        assertTrue(worst >= 0);
    }
}
