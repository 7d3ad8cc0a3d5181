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
#else
#include <cmath>
#define HX_HD
#define HX_FI inline
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
#define HX_NUMERATOR_SERIES_LIMIT 2.0

/* exp(min(x, 20)): an exponential that cannot overflow (NaN stays NaN, as in Java). */
template <typename T> HX_HD HX_FI T hx_save_exp(T x) { return hx_exp(x > T(HX_EXP_CLIP) ? T(HX_EXP_CLIP) : x); }

/* Derivative of hx_save_exp: exp(x) below the clip, 0 on the flat part. */
template <typename T> HX_HD HX_FI T hx_save_exp_slope(T x) { return x < T(HX_EXP_CLIP) ? hx_exp(x) : T(0.0); }

/* x / (save_exp(x) - 1), 1 at 0 (series for |x| < 1e-4). */
template <typename T> HX_HD HX_FI T hx_efun(T x) {
    if (hx_fabs(x) < T(HX_EFUN_SERIES_LIMIT)) {
        T x2 = x * x;
        return T(1.0) - x / T(2.0) + x2 / T(12.0) - x2 * x2 / T(720.0);
    }
    if (x >= T(HX_EXP_CLIP)) {
        return x / T(HX_EXP_CLIP_M1);
    }
    return x / hx_expm1(x);
}

/* sum_{k > shift} (k - shift) x^k / k! for |x| < 2 (ExprMath.series). */
template <typename T> HX_HD T hx_efun_series(T x, int shift) {
    T term = T(1.0);
    for (int k = 1; k <= shift; k++) {
        term *= x / T(k);
    }
    T sum = T(0.0);
    for (int k = shift + 1; k < 60; k++) {
        term *= x / T(k);
        T add = T(k - shift) * term;
        sum += add;
        if (hx_fabs(add) <= T(1e-18) * hx_fabs(sum)) {
            break;
        }
    }
    return sum;
}

/* First derivative of hx_efun (ExprMath.efunSlope). */
template <typename T> HX_HD T hx_efun_slope(T x) {
    if (hx_fabs(x) < T(HX_EFUN_SERIES_LIMIT)) {
        return T(-0.5) + x / T(6.0) - x * x * x / T(180.0);
    }
    if (x >= T(HX_EXP_CLIP)) {
        return T(1.0) / T(HX_EXP_CLIP_M1);
    }
    T em1 = hx_expm1(x);
    T num;
    if (hx_fabs(x) < T(HX_NUMERATOR_SERIES_LIMIT)) {
        num = -hx_efun_series(x, 1);
    } else {
        num = em1 - x * hx_exp(x);
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
    T em1 = hx_expm1(x);
    T num;
    if (hx_fabs(x) < T(HX_NUMERATOR_SERIES_LIMIT)) {
        num = hx_efun_series(x, 2);
    } else {
        num = T(2.0) * x - T(2.0) * em1 + x * em1;
    }
    return hx_exp(x) * num / (em1 * em1 * em1);
}

#endif /* HUXLEY_MATH_CUH */
