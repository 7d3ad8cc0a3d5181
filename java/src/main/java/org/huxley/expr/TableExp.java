package org.huxley.expr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * eˣ in float64 to within 0.51 ulp, about twice as fast as {@link Math#exp} where it matters: the
 * gate rates of every compartment-step. Tang's table method: x = (128·m + j)·ln2/128 + r with
 * |r| ≤ ln2/256, eˣ = 2ᵐ · 2^(j/128) · eʳ; 2^(j/128) comes from a table as a double plus its
 * relative tail, eʳ − 1 from its degree-5 Taylor polynomial (truncation below 1e−18 for such r).
 * Arguments with |x| > 708 (overflow, subnormal results), NaN and infinities go to {@link Math#exp}.
 *
 * <p>Pure Java arithmetic (no intrinsics, no fused multiply-add), so every evaluator that calls it
 * gets the same bits on every machine. Tested against a 40-digit reference ({@code TableExpTest}).
 */
public final class TableExp {
    static final int TABLE_BITS = 7;
    static final int N = 1 << TABLE_BITS;
    /** Bits of 2^(j/N) rounded to double, j = 0..N−1. */
    static final long[] SCALE_BITS = new long[N];
    /** (2^(j/N) − SCALE[j]) / SCALE[j]: the relative rounding error of each table value. */
    static final double[] TAIL = new double[N];
    static final double N_OVER_LN2 = N / Math.log(2.0);
    /** ln2/N split so that k·HI is exact for |k| < 2^20 (|x| ≤ 708 gives |k| < 2^17). */
    static final double LN2_OVER_N_HI;
    static final double LN2_OVER_N_LO;
    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer in the low bits. */
    static final double ROUND_SHIFT = 0x1.8p52;
    /** Beyond this |x| the result would overflow or be subnormal. */
    static final double FAST_LIMIT = 708.0;
    private static final String LN2_DIGITS = "0.69314718055994530941723212145817656807550013436025525412068";

    static {
        MathContext mc = new MathContext(60);
        BigDecimal[] roots = new BigDecimal[TABLE_BITS]; // roots[b] = 2^(1/2^(b+1))
        BigDecimal r = BigDecimal.valueOf(2);
        for (int b = 0; b < TABLE_BITS; b++) {
            r = r.sqrt(mc);
            roots[b] = r;
        }
        for (int j = 0; j < N; j++) {
            BigDecimal t = BigDecimal.ONE;
            for (int b = 0; b < TABLE_BITS; b++) {
                if ((j >> (TABLE_BITS - 1 - b) & 1) != 0) {
                    t = t.multiply(roots[b], mc);
                }
            }
            double hi = t.doubleValue();
            SCALE_BITS[j] = Double.doubleToRawLongBits(hi);
            BigDecimal bhi = new BigDecimal(hi);
            TAIL[j] = t.subtract(bhi).divide(bhi, mc).doubleValue();
        }
        BigDecimal ln2n = new BigDecimal(LN2_DIGITS).divide(BigDecimal.valueOf(N), mc);
        double hi = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2n.doubleValue()) & ~((1L << 20) - 1));
        LN2_OVER_N_HI = hi;
        LN2_OVER_N_LO = ln2n.subtract(new BigDecimal(hi)).doubleValue();
    }

    private TableExp() {
    }

    /**
     * eˣ; within 0.51 ulp of the exact value for |x| ≤ 708, {@link Math#exp} elsewhere.
     *
     * @param x the exponent
     * @return eˣ
     */
    public static double exp(double x) {
        if (!(Math.abs(x) <= FAST_LIMIT)) {
            return Math.exp(x);
        }
        double shifted = x * N_OVER_LN2 + ROUND_SHIFT;
        long k = Double.doubleToRawLongBits(shifted); // low bits: k = round(x·N/ln2)
        double kd = shifted - ROUND_SHIFT;
        double rem = (x - kd * LN2_OVER_N_HI) - kd * LN2_OVER_N_LO;
        int j = (int) k & (N - 1);
        double scale = Double.longBitsToDouble(SCALE_BITS[j] + ((k >> TABLE_BITS) << 52));
        double r2 = rem * rem;
        double expm1Rem = rem + r2 * (0.5 + rem * (1.0 / 6.0)) + r2 * r2 * ((1.0 / 24.0) + rem * (1.0 / 120.0));
        return scale + scale * (TAIL[j] + expm1Rem);
    }

    /**
     * eˣ − 1 for |x| &lt; ln 2 (other arguments: undefined), within about 0.5 ulp: the same reduction
     * as {@link #exp}, where the scale 2^(k/128) lies in [1/2, 2] so that scale − 1 is exact
     * (Sterbenz). eˣ − 1 = (scale − 1) + r + [q + (scale − 1)·(eʳ − 1) + scale·tail·eʳ] with
     * q = eʳ − 1 − r and r = r_hi + r_lo (r_hi exact); the leading sum (scale − 1) + r_hi is formed error-free (TwoSum) so that only the last addition
     * rounds at the result's magnitude (the terms cancel by up to a factor 2 when k = ±1).
     *
     * @param x the argument, |x| &lt; ln 2
     * @return eˣ − 1
     */
    public static double expm1Small(double x) {
        double shifted = x * N_OVER_LN2 + ROUND_SHIFT;
        long k = Double.doubleToRawLongBits(shifted);
        double kd = shifted - ROUND_SHIFT;
        double remHi = x - kd * LN2_OVER_N_HI; // exact: k·HI is exact and within a factor 2 of x (Sterbenz)
        double remLo = -(kd * LN2_OVER_N_LO);
        double rem = remHi + remLo;
        int j = (int) k & (N - 1);
        double scale = Double.longBitsToDouble(SCALE_BITS[j] + ((k >> TABLE_BITS) << 52));
        double r2 = rem * rem;
        // Degree 6: relative to the result (≈ x, not 1) a degree-5 truncation would reach 0.5 ulp.
        double q = r2 * (0.5 + rem * (1.0 / 6.0)) + r2 * r2 * ((1.0 / 24.0) + rem * (1.0 / 120.0) + r2 * (1.0 / 720.0));
        double sm1 = scale - 1.0;
        double sum = sm1 + remHi;
        double back = sum - sm1;
        double sumError = (sm1 - (sum - back)) + (remHi - back);
        double p = rem + q;
        double tail = scale * TAIL[j];
        return sum + (sumError + (remLo + q + sm1 * p + (tail + tail * p)));
    }
}
