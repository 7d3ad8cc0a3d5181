package org.huxley.expr;

/**
 * Scalar definitions of the special functions used by expression nodes. Every evaluator
 * (reference {@link Expr#eval}, {@link CompiledExpr}) calls these, so they agree bitwise.
 * Exponentials come from {@link TableExp} (≤ 0.51 ulp, faster than {@link Math#exp}).
 *
 * <p>Required semantics of the C helpers emitted by {@link Expr#toC} (they must match the
 * methods here; their C definitions live with the C/CUDA runtime):
 * <ul>
 *   <li>{@code double hx_save_exp(double x)}: {@code exp(fmin(x, 20.0))}; see {@link #saveExp}.
 *   <li>{@code double hx_save_exp_slope(double x)}: {@code x < 20.0 ? exp(x) : 0.0}.
 *   <li>{@code double hx_efun(double x)}: {@code x / (hx_save_exp(x) - 1)} with its removable
 *       singularity filled: for {@code |x| < 1e-4} the series {@code 1 - x/2 + x^2/12 - x^4/720};
 *       for {@code x >= 20} exactly {@code x / (exp(20.0) - 1.0)}; otherwise {@code x / expm1(x)}.
 *   <li>{@code double hx_efun_slope(double x)}, {@code double hx_efun_curvature(double x)}: the
 *       first and second derivatives of {@code hx_efun}, as in {@link #efunSlope} and
 *       {@link #efunCurvature} (port those methods literally, including the series).
 * </ul>
 */
public final class ExprMath {
    /** Argument above which {@link #saveExp} is clipped (Jaxley's {@code save_exp}). */
    public static final double EXP_CLIP = 20.0;
    /** {@code exp(20) - 1} computed the way Jaxley does ({@code save_exp(x) - 1}). */
    public static final double EXP_CLIP_M1 = Math.exp(EXP_CLIP) - 1.0;
    /** Below this magnitude efun and its derivatives use their Taylor series at 0. */
    public static final double EFUN_SERIES_LIMIT = 1e-4;
    /** Below this magnitude cancelling numerators are summed as series (see below). */
    static final double NUMERATOR_SERIES_LIMIT = 0.5;

    private ExprMath() {
    }

    /**
     * {@return {@code exp(min(x, 20))}: an exponential that cannot overflow}
     *
     * @param x the exponent
     */
    public static double saveExp(double x) {
        // = Math.min(x, EXP_CLIP) for every x (NaN and −0.0 included), as one compare instead of
        // the intrinsic's NaN/sign blend sequence
        return TableExp.exp(x > EXP_CLIP ? EXP_CLIP : x);
    }

    /**
     * {@return derivative of {@link #saveExp}: {@code exp(x)} below the clip, 0 on the flat part}
     *
     * @param x the exponent
     */
    public static double saveExpSlope(double x) {
        return x < EXP_CLIP ? TableExp.exp(x) : 0.0;
    }

    /**
     * {@code x / (saveExp(x) - 1)} (NEURON's vtrap, Arbor's exprelr), finite at 0 where it is 1.
     * The series branch matches the direct branch at |x| = 1e-4 to a few ulp.
     *
     * @param x the argument
     * @return x / (eˣ − 1), finite at 0
     */
    public static double efun(double x) {
        double u = saveExp(x);
        return efunFrom(x, u, expm1From(x, u));
    }

    /**
     * {@return {@link #efun}(x) given u = saveExp(x) and em1 = expm1From(x, u) (shared by generated code)}
     *
     * @param x the argument
     * @param u saveExp(x)
     * @param em1 expm1From(x, u)
     */
    public static double efunFrom(double x, double u, double em1) {
        if (Math.abs(x) < EFUN_SERIES_LIMIT) {
            double x2 = x * x;
            return 1.0 - x / 2.0 + x2 / 12.0 - x2 * x2 / 720.0;
        }
        if (x >= EXP_CLIP) {
            return x / EXP_CLIP_M1;
        }
        return x / em1;
    }

    /**
     * First derivative of {@link #efun}; -1/2 at 0, {@code 1/(exp(20)-1)} on the clipped part.
     * Direct form: {@code (expm1(x) - x e^x) / expm1(x)^2}. Its numerator cancels like
     * {@code -x^2/2} near 0, so for |x| &lt; 0.5 (beyond, the direct form loses at most a few 1e-15) it is summed as the exact series
     * {@code -sum_{k>=2} (k-1) x^k / k!} to keep full relative accuracy.
     *
     * @param x the argument
     * @return the first derivative of efun at x
     */
    public static double efunSlope(double x) {
        double u = saveExp(x);
        return efunSlopeFrom(x, u, expm1From(x, u));
    }

    /**
     * {@return {@link #efunSlope}(x) given u = saveExp(x) and em1 = expm1From(x, u)}
     *
     * @param x the argument
     * @param u saveExp(x)
     * @param em1 expm1From(x, u)
     */
    public static double efunSlopeFrom(double x, double u, double em1) {
        if (Math.abs(x) < EFUN_SERIES_LIMIT) {
            return -0.5 + x / 6.0 - x * x * x / 180.0;
        }
        if (x >= EXP_CLIP) {
            return 1.0 / EXP_CLIP_M1;
        }
        double num;
        if (Math.abs(x) < NUMERATOR_SERIES_LIMIT) {
            num = -series(x, 1);
        } else {
            num = em1 - x * u;
        }
        return num / (em1 * em1);
    }

    /**
     * Second derivative of {@link #efun}; 1/6 at 0, 0 on the clipped part.
     * Direct form: {@code e^x (2x - 2 expm1(x) + x expm1(x)) / expm1(x)^3}; the numerator
     * cancels like {@code x^3/6} near 0 and is summed as {@code sum_{k>=3} (k-2) x^k / k!}
     * for |x| &lt; 0.5.
     *
     * @param x the argument
     * @return the second derivative of efun at x
     */
    public static double efunCurvature(double x) {
        double u = saveExp(x);
        return efunCurvatureFrom(x, u, expm1From(x, u));
    }

    /**
     * {@return {@link #efunCurvature}(x) given u = saveExp(x) and em1 = expm1From(x, u)}
     *
     * @param x the argument
     * @param u saveExp(x)
     * @param em1 expm1From(x, u)
     */
    public static double efunCurvatureFrom(double x, double u, double em1) {
        if (Math.abs(x) < EFUN_SERIES_LIMIT) {
            double x2 = x * x;
            return 1.0 / 6.0 - x2 / 60.0 + x2 * x2 / 1008.0;
        }
        if (x >= EXP_CLIP) {
            return 0.0;
        }
        double num;
        if (Math.abs(x) < NUMERATOR_SERIES_LIMIT) {
            num = series(x, 2);
        } else {
            num = 2.0 * x - 2.0 * em1 + x * em1;
        }
        return u * num / (em1 * em1 * em1);
    }

    /**
     * e^x − 1 to about one ulp without {@link Math#expm1} (a slow library routine) or a logarithm:
     * {@code exp(x) − 1} where |x| ≥ ln 2 (the subtraction loses at most about one ulp there), and
     * inside that band {@link TableExp#expm1Small}, whose table value minus one is exact.
     *
     * @param x the argument
     * @return eˣ − 1
     */
    public static double expm1(double x) {
        return expm1From(x, TableExp.exp(x));
    }

    /**
     * {@link #expm1}(x) given u = eˣ (or saveExp(x), the same below the clip where the result is
     * used): lets generated code share one exponential between saveExp, efun and their derivatives.
     *
     * @param x the argument
     * @param u eˣ or saveExp(x)
     * @return eˣ − 1
     */
    public static double expm1From(double x, double u) {
        if (Math.abs(x) >= LN2) {
            return u - 1.0;
        }
        if (u == 1.0) {
            return x; // |x| below about 2^-53: e^x − 1 rounds to x
        }
        return TableExp.expm1Small(x);
    }

    static final double LN2 = Math.log(2.0);

    /** Terms of the numerator series: the next term is below 1e-18 of the sum for |x| < 0.5. */
    private static final int SERIES_TERMS = 16;
    /** SERIES[shift][j] = (j + 1) / (j + shift + 1)!: the series below is x^(shift+1)·Σ_j SERIES[shift][j]·x^j. */
    static final double[][] SERIES = new double[3][SERIES_TERMS];

    static {
        for (int shift = 1; shift <= 2; shift++) {
            for (int j = 0; j < SERIES_TERMS; j++) {
                double factorial = 1.0;
                for (int k = 2; k <= j + shift + 1; k++) {
                    factorial *= k;
                }
                SERIES[shift][j] = (j + 1) / factorial;
            }
        }
    }

    /**
     * {@code sum_{k > shift} (k - shift) x^k / k!} for |x| < 0.5, as x^(shift+1) times a polynomial
     * with precomputed coefficients (no divisions).
     */
    private static double series(double x, int shift) {
        double[] c = SERIES[shift];
        // Estrin's scheme (16 coefficients): four dependent levels instead of a 16-step Horner chain.
        double x2 = x * x;
        double x4 = x2 * x2;
        double x8 = x4 * x4;
        double q0 = c[0] + c[1] * x;
        double q1 = c[2] + c[3] * x;
        double q2 = c[4] + c[5] * x;
        double q3 = c[6] + c[7] * x;
        double q4 = c[8] + c[9] * x;
        double q5 = c[10] + c[11] * x;
        double q6 = c[12] + c[13] * x;
        double q7 = c[14] + c[15] * x;
        double r0 = q0 + q1 * x2;
        double r1 = q2 + q3 * x2;
        double r2 = q4 + q5 * x2;
        double r3 = q6 + q7 * x2;
        double p = (r0 + r1 * x4) + (r2 + r3 * x4) * x8;
        return shift == 2 ? x2 * x * p : x2 * p;
    }

    /**
     * {@code x^n}; for 0 &lt;= n &lt;= 4 as left-to-right products ({@code x*x*x}) exactly like the
     * emitted C code, otherwise {@link Math#pow}.
     *
     * @param x the base
     * @param n the exponent
     * @return xⁿ
     */
    public static double ipow(double x, int n) {
        return switch (n) {
            case 0 -> 1.0;
            case 1 -> x;
            case 2 -> x * x;
            case 3 -> x * x * x;
            case 4 -> x * x * x * x;
            default -> Math.pow(x, n);
        };
    }

    /**
     * {@return {@code lhs <= rhs ? then : otherwise}, for generated code (all arguments already evaluated)}
     *
     * @param lhs left side of the comparison
     * @param rhs right side of the comparison
     * @param then the value if lhs ≤ rhs
     * @param otherwise the value if not
     */
    public static double selectLe(double lhs, double rhs, double then, double otherwise) {
        return lhs <= rhs ? then : otherwise;
    }

    /**
     * {@return {@link #saveExpSlope}(x) given e = {@link #saveExp}(x): the same bits, one exponential fewer}
     *
     * @param x the exponent
     * @param e saveExp(x)
     */
    public static double saveExpSlopeFrom(double x, double e) {
        return x < EXP_CLIP ? e : 0.0;
    }
}
