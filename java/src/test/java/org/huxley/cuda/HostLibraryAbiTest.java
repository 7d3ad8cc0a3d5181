package org.huxley.cuda;

import org.huxley.testing.HostTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.huxley.expr.ExprMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binding layer against the C compiler: the Java mirror of hx_run has the C layout, the ABI
 * versions agree, and the special functions of huxley_math.cuh equal ExprMath (exactly on the
 * series branches, to a few ulp where exp/expm1 of two libraries meet).
 */
class HostLibraryAbiTest {
    static HostLibrary lib;

    @BeforeAll
    static void load() {
        HostTestSupport.assumeHostCompiler();
        lib = HostLibrary.forSource(KernelSources.builtins(), false);
    }

    @Test
    void javaMirrorHasTheCLayout() {
        assertEquals(RunLayout.ABI_VERSION, lib.abiVersion(), "HX_ABI_VERSION");
        assertEquals(RunLayout.LAYOUT.byteSize(), lib.structSize(), "sizeof(hx_run)");
        for (Map.Entry<String, RunLayout.Kind> f : RunLayout.FIELDS.entrySet()) {
            assertEquals(RunLayout.offset(f.getKey()), lib.fieldOffset(f.getKey()), "offset of " + f.getKey());
        }
        assertEquals(-1, lib.fieldOffset("no_such_field"));
    }

    static double[] grid() {
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 5e-5, -5e-5, 9.99999e-5, -9.99999e-5, 1e-4, -1e-4, 1.0001e-4,
            0.5, -0.5, 1.999999, -1.999999, 2.0, -2.0, 2.000001, 3.7, -3.7, 19.999, 20.0, 20.0001, 25.0, -25.0, 700.0,
            -700.0, 1e6, -1e6, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] out = new double[special.length + 401];
        System.arraycopy(special, 0, out, 0, special.length);
        for (int i = 0; i <= 400; i++) {
            out[special.length + i] = -30.0 + 0.15 * i + 1e-3 * Math.sin(i);
        }
        return out;
    }

    interface F {
        double apply(double x);
    }

    static void assertClose(String what, F ref, double[] got, double[] x, double relTol) {
        for (int i = 0; i < x.length; i++) {
            double e = ref.apply(x[i]);
            double g = got[i];
            if (Double.isNaN(e) || Double.isNaN(g)) {
                assertEquals(Double.isNaN(e), Double.isNaN(g), what + "(" + x[i] + "): " + g + " vs " + e);
                continue;
            }
            if (Double.isInfinite(e) || e == 0.0) {
                assertEquals(e, g, 1e-300, what + "(" + x[i] + ")");
                continue;
            }
            assertTrue(Math.abs(g - e) <= relTol * Math.abs(e),
                    what + "(" + x[i] + ") = " + g + ", ExprMath gives " + e);
        }
    }

    @Test
    void doubleFunctionsEqualExprMath() {
        double[] x = grid();
        assertClose("hx_save_exp", ExprMath::saveExp, lib.math(0, x), x, 4e-16);
        assertClose("hx_save_exp_slope", ExprMath::saveExpSlope, lib.math(1, x), x, 4e-16);
        assertClose("hx_efun", ExprMath::efun, lib.math(2, x), x, 4e-16);
        assertClose("hx_efun_slope", ExprMath::efunSlope, lib.math(3, x), x, 2e-15);
        // Just outside the series band (|x| = 0.5) the curvature's numerator cancels ~50-fold, so a
        // one-ulp difference between Java's exp/log intrinsics and glibc's shows up as a few 1e-15.
        assertClose("hx_efun_curvature", ExprMath::efunCurvature, lib.math(4, x), x, 1e-14);
    }

    @Test
    void seriesBranchesAreBitIdentical() {
        double[] x = {0.0, 3e-5, -7e-5, 9.9e-5, -9.9e-5};
        double[] efun = lib.math(2, x);
        double[] slope = lib.math(3, x);
        double[] curv = lib.math(4, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(ExprMath.efun(x[i]), efun[i], 0.0, "efun series at " + x[i]);
            assertEquals(ExprMath.efunSlope(x[i]), slope[i], 0.0, "efun slope series at " + x[i]);
            assertEquals(ExprMath.efunCurvature(x[i]), curv[i], 0.0, "efun curvature series at " + x[i]);
        }
        assertEquals(ExprMath.efun(25.0), lib.math(2, new double[] {25.0})[0], 0.0, "clipped efun (exp(20) - 1 constant)");
    }

    @Test
    void floatFunctionsAreFloatAccurate() {
        double[] x = grid();
        java.util.List<Double> moderate = new java.util.ArrayList<>();
        for (double v : x) {
            if (Math.abs(v) <= 40 || Double.isNaN(v)) {
                moderate.add((double) (float) v);
            }
        }
        double[] xs = moderate.stream().mapToDouble(Double::doubleValue).toArray();
        assertClose("hx_save_exp<float>", ExprMath::saveExp, lib.math(10, xs), xs, 5e-7);
        assertClose("hx_efun<float>", ExprMath::efun, lib.math(12, xs), xs, 5e-7);
        assertClose("hx_efun_slope<float>", ExprMath::efunSlope, lib.math(13, xs), xs, 5e-6);
        assertClose("hx_efun_curvature<float>", ExprMath::efunCurvature, lib.math(14, xs), xs, 5e-5);
    }

    @Test
    void prebuiltLibraryIsUsedWhenTheBuildMadeIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelSources.prebuiltHash() != null && KernelSources.resource(
                KernelSources.NATIVE_RESOURCES + "linux-x86_64/libhuxley_host.so") != null,
                "the build made no host library (no g++ at build time)");
        assertEquals(KernelSources.builtins().sha256(), KernelSources.prebuiltHash(),
                "prebuilt products were generated from the current built-in source");
        HostLibrary pre = HostLibrary.forSource(KernelSources.builtins(), true);
        assertEquals("prebuilt", pre.origin());
        assertEquals(RunLayout.LAYOUT.byteSize(), pre.structSize());
    }
}
