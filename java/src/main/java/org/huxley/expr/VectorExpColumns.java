package org.huxley.expr;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exponential-sized operations of {@link VectorColumnCompiler}'s kernels ({@link ExprMath#saveExp},
 * {@link ExprMath#expm1From}, {@link ExprMath#efunFrom}, {@link ExprMath#efunSlopeFrom}) over whole
 * scratch columns: {@code dst[j] = f(x[j], ...)} for j &lt; n, n a multiple of the lane count.
 *
 * <p>Why columns and one method each: a vector passed to or returned from a method the JIT did not
 * inline is allocated on the heap, and these bodies are too large to be inlined reliably (a method
 * compiled on its own first is not inlined later). Here every vector lives in the locals of one
 * loop that calls nothing but the Vector API (whose methods are force-inlined), so the loop
 * allocates nothing; arrays in, arrays out. Lanes the vector code does not cover (an exponent
 * beyond {@link TableExp#FAST_LIMIT}, NaN) are computed by the scalar method itself.
 *
 * <p>Each lane performs the scalar method's IEEE operations in the same order (branches as blends,
 * no fused multiply-add), so {@code dst} has the scalar bits ({@code VectorExpColumnsTest}). The
 * table reduction of {@link TableExp} is written out twice below (exp and expm1Small) on purpose:
 * a shared helper taking vectors would be one more call that must be inlined.
 */
final class VectorExpColumns {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.length() * 32));
    private static final int LANES = D.length();
    private static final double EFUN_SLOPE_CLIPPED = 1.0 / ExprMath.EXP_CLIP_M1;
    /** Gather indices k mod N, one per lane; per thread, used within one call. */
    private static final ThreadLocal<int[]> TABLE_INDEX = ThreadLocal.withInitial(() -> new int[LANES]);

    private VectorExpColumns() {
    }

    /** {@code dst[j] = ExprMath.saveExp(x[j])}: {@link TableExp#exp} of min(x, 20). */
    static void saveExp(double[] x, double[] dst, int n) {
        int[] index = TABLE_INDEX.get();
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xv = DoubleVector.fromArray(D, x, j);
            DoubleVector a = xv.blend(ExprMath.EXP_CLIP, xv.compare(VectorOperators.GT, ExprMath.EXP_CLIP));
            if (!a.abs().compare(VectorOperators.LE, TableExp.FAST_LIMIT).allTrue()) {
                for (int l = j; l < j + LANES; l++) {
                    dst[l] = ExprMath.saveExp(x[l]);
                }
                continue;
            }
            DoubleVector shifted = a.mul(TableExp.N_OVER_LN2).add(TableExp.ROUND_SHIFT);
            LongVector k = (LongVector) shifted.viewAsIntegralLanes();
            DoubleVector kd = shifted.sub(TableExp.ROUND_SHIFT);
            DoubleVector rem = a.sub(kd.mul(TableExp.LN2_OVER_N_HI)).sub(kd.mul(TableExp.LN2_OVER_N_LO));
            ((IntVector) k.and(TableExp.N - 1).convertShape(VectorOperators.L2I, I, 0)).intoArray(index, 0);
            DoubleVector scale = (DoubleVector) LongVector.fromArray(L, TableExp.SCALE_BITS, 0, index, 0)
                    .add(k.lanewise(VectorOperators.ASHR, TableExp.TABLE_BITS).lanewise(VectorOperators.LSHL, 52))
                    .viewAsFloatingLanes();
            DoubleVector r2 = rem.mul(rem);
            DoubleVector expm1Rem = rem.add(r2.mul(rem.mul(1.0 / 6.0).add(0.5)))
                    .add(r2.mul(r2).mul(rem.mul(1.0 / 120.0).add(1.0 / 24.0)));
            DoubleVector tail = DoubleVector.fromArray(D, TableExp.TAIL, 0, index, 0);
            scale.add(scale.mul(tail.add(expm1Rem))).intoArray(dst, j);
        }
    }

    /** {@code dst[j] = ExprMath.expm1From(x[j], u[j])}, u = saveExp(x). */
    static void expm1(double[] x, double[] u, double[] dst, int n) {
        int[] index = TABLE_INDEX.get();
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xv = DoubleVector.fromArray(D, x, j);
            DoubleVector uv = DoubleVector.fromArray(D, u, j);
            DoubleVector um1 = uv.sub(1.0);
            VectorMask<Double> large = xv.abs().compare(VectorOperators.GE, ExprMath.LN2);
            if (large.allTrue()) {
                um1.intoArray(dst, j);
                continue;
            }
            // TableExp.expm1Small on every lane (lanes outside its range are replaced below; their
            // table indices are k mod N, in range whatever k is).
            DoubleVector shifted = xv.mul(TableExp.N_OVER_LN2).add(TableExp.ROUND_SHIFT);
            LongVector k = (LongVector) shifted.viewAsIntegralLanes();
            DoubleVector kd = shifted.sub(TableExp.ROUND_SHIFT);
            DoubleVector remHi = xv.sub(kd.mul(TableExp.LN2_OVER_N_HI));
            DoubleVector remLo = kd.mul(TableExp.LN2_OVER_N_LO).neg();
            DoubleVector rem = remHi.add(remLo);
            ((IntVector) k.and(TableExp.N - 1).convertShape(VectorOperators.L2I, I, 0)).intoArray(index, 0);
            DoubleVector scale = (DoubleVector) LongVector.fromArray(L, TableExp.SCALE_BITS, 0, index, 0)
                    .add(k.lanewise(VectorOperators.ASHR, TableExp.TABLE_BITS).lanewise(VectorOperators.LSHL, 52))
                    .viewAsFloatingLanes();
            DoubleVector r2 = rem.mul(rem);
            DoubleVector q = r2.mul(rem.mul(1.0 / 6.0).add(0.5)).add(r2.mul(r2)
                    .mul(rem.mul(1.0 / 120.0).add(1.0 / 24.0).add(r2.mul(1.0 / 720.0))));
            DoubleVector sm1 = scale.sub(1.0);
            DoubleVector sum = sm1.add(remHi);
            DoubleVector back = sum.sub(sm1);
            DoubleVector sumError = sm1.sub(sum.sub(back)).add(remHi.sub(back));
            DoubleVector p = rem.add(q);
            DoubleVector tail = scale.mul(DoubleVector.fromArray(D, TableExp.TAIL, 0, index, 0));
            DoubleVector small = sum.add(sumError.add(remLo.add(q).add(sm1.mul(p)).add(tail.add(tail.mul(p)))));
            small.blend(xv, uv.compare(VectorOperators.EQ, 1.0)).blend(um1, large).intoArray(dst, j);
        }
    }

    /** {@code dst[j] = ExprMath.efunFrom(x[j], u[j], em1[j])} (which does not read u). */
    static void efun(double[] x, double[] em1, double[] dst, int n) {
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xv = DoubleVector.fromArray(D, x, j);
            DoubleVector em1v = DoubleVector.fromArray(D, em1, j);
            DoubleVector r = xv.div(em1v)
                    .blend(xv.div(ExprMath.EXP_CLIP_M1), xv.compare(VectorOperators.GE, ExprMath.EXP_CLIP));
            VectorMask<Double> series = xv.abs().compare(VectorOperators.LT, ExprMath.EFUN_SERIES_LIMIT);
            if (series.anyTrue()) {
                DoubleVector x2 = xv.mul(xv);
                DoubleVector s = DoubleVector.broadcast(D, 1.0).sub(xv.div(2.0)).add(x2.div(12.0))
                        .sub(x2.mul(x2).div(720.0));
                r = r.blend(s, series);
            }
            r.intoArray(dst, j);
        }
    }

    /** {@code dst[j] = ExprMath.efunSlopeFrom(x[j], u[j], em1[j])}. */
    static void efunSlope(double[] x, double[] u, double[] em1, double[] dst, int n) {
        double[] c = ExprMath.SERIES[1];
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xv = DoubleVector.fromArray(D, x, j);
            DoubleVector uv = DoubleVector.fromArray(D, u, j);
            DoubleVector em1v = DoubleVector.fromArray(D, em1, j);
            DoubleVector ax = xv.abs();
            VectorMask<Double> small = ax.compare(VectorOperators.LT, ExprMath.NUMERATOR_SERIES_LIMIT);
            DoubleVector num = em1v.sub(xv.mul(uv));
            if (small.anyTrue()) {
                // -ExprMath.series(x, 1), Estrin's scheme as there.
                DoubleVector x2 = xv.mul(xv);
                DoubleVector x4 = x2.mul(x2);
                DoubleVector x8 = x4.mul(x4);
                DoubleVector r0 = xv.mul(c[3]).add(c[2]).mul(x2).add(xv.mul(c[1]).add(c[0]));
                DoubleVector r1 = xv.mul(c[7]).add(c[6]).mul(x2).add(xv.mul(c[5]).add(c[4]));
                DoubleVector r2 = xv.mul(c[11]).add(c[10]).mul(x2).add(xv.mul(c[9]).add(c[8]));
                DoubleVector r3 = xv.mul(c[15]).add(c[14]).mul(x2).add(xv.mul(c[13]).add(c[12]));
                DoubleVector p = r1.mul(x4).add(r0).add(r3.mul(x4).add(r2).mul(x8));
                num = num.blend(x2.mul(p).neg(), small);
            }
            DoubleVector r = num.div(em1v.mul(em1v))
                    .blend(EFUN_SLOPE_CLIPPED, xv.compare(VectorOperators.GE, ExprMath.EXP_CLIP));
            VectorMask<Double> series = ax.compare(VectorOperators.LT, ExprMath.EFUN_SERIES_LIMIT);
            if (series.anyTrue()) {
                DoubleVector s = DoubleVector.broadcast(D, -0.5).add(xv.div(6.0)).sub(xv.mul(xv).mul(xv).div(180.0));
                r = r.blend(s, series);
            }
            r.intoArray(dst, j);
        }
    }
}
