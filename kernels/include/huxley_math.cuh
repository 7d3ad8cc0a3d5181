/*
 * huxley_math.cuh: the special functions of mechanism expressions, as __host__ __device__
 * templates over the real type (float or double).
 *
 * These are literal ports of org.huxley.expr.ExprMath (same branches, thresholds and series), so
 * that float64 kernels reproduce the Java engine up to the last-bit differences of exp/expm1/log
 * between libraries. Generated mechanism code (CudaSourceGenerator) calls them: Expr.toC emits
 * hx_save_exp, hx_save_exp_slope, hx_efun, hx_efun_slope, hx_efun_curvature, and the generator maps
 * log, sqrt, tanh, pow, fmin, fmax to the hx_ versions below (typed, Java's min/max semantics).
 *
 * Compiles under nvcc, NVRTC (no system headers) and g++ (-x c++, __host__ __device__ defined away).
 */
#ifndef HUXLEY_MATH_CUH
#define HUXLEY_MATH_CUH

#if defined(__CUDACC__)
#define HX_HD __host__ __device__
#define HX_FI __forceinline__
/* Large per-mechanism device functions kept out of line: compile time grows fast with function size. */
#define HX_NOINLINE __noinline__
#else
#include <cmath>
#define HX_HD
#define HX_FI inline
#define HX_NOINLINE
#endif

/* ---- typed wrappers: the float versions call the f-suffixed functions explicitly ---- */
HX_HD HX_FI double hx_exp(double x) { return exp(x); }
HX_HD HX_FI float hx_exp(float x) { return expf(x); }
HX_HD HX_FI double hx_expm1(double x) { return expm1(x); }
HX_HD HX_FI float hx_expm1(float x) { return expm1f(x); }
HX_HD HX_FI double hx_log(double x) { return log(x); }
HX_HD HX_FI float hx_log(float x) { return logf(x); }
HX_HD HX_FI double hx_sqrt(double x) { return sqrt(x); }
HX_HD HX_FI float hx_sqrt(float x) { return sqrtf(x); }
HX_HD HX_FI double hx_tanh(double x) { return tanh(x); }
HX_HD HX_FI float hx_tanh(float x) { return tanhf(x); }
HX_HD HX_FI double hx_pow(double x, double y) { return pow(x, y); }
HX_HD HX_FI float hx_pow(float x, float y) { return powf(x, y); }
HX_HD HX_FI double hx_fabs(double x) { return fabs(x); }
HX_HD HX_FI float hx_fabs(float x) { return fabsf(x); }

/* Largest finite value of each type (finite test without library macros). */
HX_HD HX_FI double hx_max_finite(double) { return 1.7976931348623157e308; }
HX_HD HX_FI float hx_max_finite(float) { return 3.4028234663852886e38f; }

/* x is neither infinite nor NaN. */
template <typename T> HX_HD HX_FI bool hx_isfinite(T x) { return hx_fabs(x) <= hx_max_finite(x); }

template <typename T> HX_HD HX_FI T hx_nan() { return hx_sqrt(T(-1.0)); }

/* Java's Math.min / Math.max: NaN if either is NaN, -0.0 < 0.0. */
template <typename T> HX_HD HX_FI T hx_fmin(T a, T b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == T(0) && b == T(0)) return (T(1) / a < T(0)) ? a : b;
    return a <= b ? a : b;
}
template <typename T> HX_HD HX_FI T hx_fmax(T a, T b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == T(0) && b == T(0)) return (T(1) / a > T(0)) ? a : b;
    return a >= b ? a : b;
}

/* ExprMath constants. HX_EXP_CLIP_M1 is Java's Math.exp(20.0) - 1.0, written out exactly. */
#define HX_EXP_CLIP 20.0
#define HX_EXP_CLIP_M1 4.851651944097903E8
#define HX_EFUN_SERIES_LIMIT 1e-4
#define HX_NUMERATOR_SERIES_LIMIT 0.5
/* Java's Math.log(2.0). */
#define HX_LN2 0.6931471805599453

/* exp(min(x, 20)): an exponential that cannot overflow (NaN stays NaN, as in Java). */
template <typename T> HX_HD HX_FI T hx_save_exp(T x) { return hx_exp(x > T(HX_EXP_CLIP) ? T(HX_EXP_CLIP) : x); }

/* Derivative of hx_save_exp: exp(x) below the clip, 0 on the flat part. */
template <typename T> HX_HD HX_FI T hx_save_exp_slope(T x) { return x < T(HX_EXP_CLIP) ? hx_exp(x) : T(0.0); }

/* e^x - 1 as ExprMath.expm1From: exp(x) - 1 where |x| >= ln 2, Kahan's (u - 1) x / ln u inside. */
template <typename T> HX_HD HX_FI T hx_expm1_from(T x, T u) {
    if (hx_fabs(x) >= T(HX_LN2)) {
        return u - T(1.0);
    }
    if (u == T(1.0)) {
        return x;
    }
    T um1 = u - T(1.0);
    if (um1 == T(-1.0)) {
        return T(-1.0);
    }
    return um1 * x / hx_log(u);
}

/* x / (save_exp(x) - 1), 1 at 0 (series for |x| < 1e-4). */
template <typename T> HX_HD HX_FI T hx_efun(T x) {
    if (hx_fabs(x) < T(HX_EFUN_SERIES_LIMIT)) {
        T x2 = x * x;
        return T(1.0) - x / T(2.0) + x2 / T(12.0) - x2 * x2 / T(720.0);
    }
    if (x >= T(HX_EXP_CLIP)) {
        return x / T(HX_EXP_CLIP_M1);
    }
    T u = hx_save_exp(x);
    return x / hx_expm1_from(x, u);
}

/* sum_{k > shift} (k - shift) x^k / k! for |x| < 0.5 (ExprMath.series: the same 16 coefficients
 * (j + 1)/(j + shift + 1)!, as Java computes them, and the same Estrin evaluation order). */
template <typename T> HX_HD T hx_efun_series(T x, int shift) {
    const double c1[16] = {0.5, 0.3333333333333333, 0.125, 0.03333333333333333, 0.006944444444444444, 0.0011904761904761906, 0.00017361111111111112, 2.2045855379188714e-05, 2.48015873015873e-06, 2.505210838544172e-07, 2.296443268665491e-08, 1.9270852604185937e-09, 1.4911969277048643e-10, 1.0706029224547743e-11, 7.169215998581078e-13, 4.498331606952833e-14};
    const double c2[16] = {0.16666666666666666, 0.08333333333333333, 0.025, 0.005555555555555556, 0.000992063492063492, 0.00014880952380952382, 1.9290123456790123e-05, 2.204585537918871e-06, 2.2546897546897547e-07, 2.08767569878681e-08, 1.7664948220503776e-09, 1.376489471727567e-10, 9.941312851365761e-12, 6.691268265342339e-13, 4.217185881518281e-14, 2.499073114973796e-15};
    const double* c = shift == 2 ? c2 : c1;
    T x2 = x * x;
    T x4 = x2 * x2;
    T x8 = x4 * x4;
    T q0 = T(c[0]) + T(c[1]) * x;
    T q1 = T(c[2]) + T(c[3]) * x;
    T q2 = T(c[4]) + T(c[5]) * x;
    T q3 = T(c[6]) + T(c[7]) * x;
    T q4 = T(c[8]) + T(c[9]) * x;
    T q5 = T(c[10]) + T(c[11]) * x;
    T q6 = T(c[12]) + T(c[13]) * x;
    T q7 = T(c[14]) + T(c[15]) * x;
    T r0 = q0 + q1 * x2;
    T r1 = q2 + q3 * x2;
    T r2 = q4 + q5 * x2;
    T r3 = q6 + q7 * x2;
    T p = (r0 + r1 * x4) + (r2 + r3 * x4) * x8;
    return shift == 2 ? x2 * x * p : x2 * p;
}

/* First derivative of hx_efun (ExprMath.efunSlope). */
template <typename T> HX_HD T hx_efun_slope(T x) {
    if (hx_fabs(x) < T(HX_EFUN_SERIES_LIMIT)) {
        return T(-0.5) + x / T(6.0) - x * x * x / T(180.0);
    }
    if (x >= T(HX_EXP_CLIP)) {
        return T(1.0) / T(HX_EXP_CLIP_M1);
    }
    T u = hx_save_exp(x);
    T em1 = hx_expm1_from(x, u);
    T num;
    if (hx_fabs(x) < T(HX_NUMERATOR_SERIES_LIMIT)) {
        num = -hx_efun_series(x, 1);
    } else {
        num = em1 - x * u;
    }
    return num / (em1 * em1);
}

/* Second derivative of hx_efun (ExprMath.efunCurvature). */
template <typename T> HX_HD T hx_efun_curvature(T x) {
    if (hx_fabs(x) < T(HX_EFUN_SERIES_LIMIT)) {
        T x2 = x * x;
        return T(1.0) / T(6.0) - x2 / T(60.0) + x2 * x2 / T(1008.0);
    }
    if (x >= T(HX_EXP_CLIP)) {
        return T(0.0);
    }
    T u = hx_save_exp(x);
    T em1 = hx_expm1_from(x, u);
    T num;
    if (hx_fabs(x) < T(HX_NUMERATOR_SERIES_LIMIT)) {
        num = hx_efun_series(x, 2);
    } else {
        num = T(2.0) * x - T(2.0) * em1 + x * em1;
    }
    return u * num / (em1 * em1 * em1);
}

#endif /* HUXLEY_MATH_CUH */
