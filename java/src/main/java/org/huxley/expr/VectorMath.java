package org.huxley.expr;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The operations of {@link ExprMath} and {@link TableExp} on vectors of the preferred width, for
 * {@link VectorColumnCompiler}'s generated code. Every lane performs the IEEE operations of the
 * scalar method in the same order (branches become blends of all taken paths; no fused
 * multiply-add), so each lane has the scalar result's bits. Loaded only when the incubator module
 * {@code jdk.incubator.vector} is present.
 */
final class VectorMath {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.length() * 32));
    private static final double EFUN_SLOPE_CLIPPED = 1.0 / ExprMath.EXP_CLIP_M1;

    private VectorMath() {
    }

    static DoubleVector load(double[] a, int i) {
        return DoubleVector.fromArray(D, a, i);
    }

    static void store(DoubleVector v, double[] a, int i) {
        v.intoArray(a, i);
    }

    static DoubleVector broadcast(double x) {
        return DoubleVector.broadcast(D, x);
    }

    static DoubleVector add(DoubleVector a, DoubleVector b) {
        return a.add(b);
    }

    static DoubleVector sub(DoubleVector a, DoubleVector b) {
        return a.sub(b);
    }

    static DoubleVector mul(DoubleVector a, DoubleVector b) {
        return a.mul(b);
    }

    static DoubleVector div(DoubleVector a, DoubleVector b) {
        return a.div(b);
    }

    static DoubleVector neg(DoubleVector a) {
        return a.neg();
    }

    static DoubleVector min(DoubleVector a, DoubleVector b) {
        return a.min(b);
    }

    static DoubleVector max(DoubleVector a, DoubleVector b) {
        return a.max(b);
    }

    static DoubleVector sqrt(DoubleVector a) {
        return a.sqrt();
    }

    /** {@link ExprMath#selectLe}. */
    static DoubleVector selectLe(DoubleVector lhs, DoubleVector rhs, DoubleVector then, DoubleVector otherwise) {
        return otherwise.blend(then, lhs.compare(VectorOperators.LE, rhs));
    }

    /** {@link ExprMath#ipow}(x, 0). */
    static DoubleVector pow0(DoubleVector x) {
        return broadcast(1.0);
    }

    /** {@link ExprMath#ipow}(x, 1). */
    static DoubleVector pow1(DoubleVector x) {
        return x;
    }

    /** {@link ExprMath#ipow}(x, 2). */
    static DoubleVector pow2(DoubleVector x) {
        return x.mul(x);
    }

    /** {@link ExprMath#ipow}(x, 3). */
    static DoubleVector pow3(DoubleVector x) {
        return x.mul(x).mul(x);
    }

    /** {@link ExprMath#ipow}(x, 4). */
    static DoubleVector pow4(DoubleVector x) {
        return x.mul(x).mul(x).mul(x);
    }

    /** {@link ExprMath#saveExp}. */
    static DoubleVector saveExp(DoubleVector x) {
        return exp(x.blend(ExprMath.EXP_CLIP, x.compare(VectorOperators.GT, ExprMath.EXP_CLIP)));
    }

    /** {@link ExprMath#saveExpSlopeFrom}. */
    static DoubleVector saveExpSlopeFrom(DoubleVector x, DoubleVector e) {
        return DoubleVector.zero(D).blend(e, x.compare(VectorOperators.LT, ExprMath.EXP_CLIP));
    }

    /** {@link TableExp#exp}; lanes beyond its fast range make the whole vector go lane by lane. */
    static DoubleVector exp(DoubleVector x) {
        if (!x.abs().compare(VectorOperators.LE, TableExp.FAST_LIMIT).allTrue()) {
            return expByLane(x);
        }
        DoubleVector shifted = x.mul(TableExp.N_OVER_LN2).add(TableExp.ROUND_SHIFT);
        LongVector k = (LongVector) shifted.viewAsIntegralLanes();
        DoubleVector kd = shifted.sub(TableExp.ROUND_SHIFT);
        DoubleVector rem = x.sub(kd.mul(TableExp.LN2_OVER_N_HI)).sub(kd.mul(TableExp.LN2_OVER_N_LO));
        int[] j = tableIndex(k);
        DoubleVector scale = scale(k, j);
        DoubleVector r2 = rem.mul(rem);
        DoubleVector expm1Rem = rem.add(r2.mul(rem.mul(1.0 / 6.0).add(0.5)))
                .add(r2.mul(r2).mul(rem.mul(1.0 / 120.0).add(1.0 / 24.0)));
        DoubleVector tail = DoubleVector.fromArray(D, TableExp.TAIL, 0, j, 0);
        return scale.add(scale.mul(tail.add(expm1Rem)));
    }

    /** {@link TableExp#exp} lane by lane (a call of its own, to keep the vector path's graph small). */
    private static DoubleVector expByLane(DoubleVector x) {
        double[] a = x.toArray();
        for (int l = 0; l < a.length; l++) {
            a[l] = TableExp.exp(a[l]);
        }
        return DoubleVector.fromArray(D, a, 0);
    }

    // The exponential-sized operations store their result themselves: the JIT inlines the vector
    // API's own store even past its node-count cutoff, where a separate call would box the vector.

    static void saveExpInto(DoubleVector x, double[] dst, int j) {
        saveExp(x).intoArray(dst, j);
    }

    static void expm1FromInto(DoubleVector x, DoubleVector u, double[] dst, int j) {
        expm1From(x, u).intoArray(dst, j);
    }

    /** {@link #efunFrom} with its common case (no lane in the series band) one call level less deep. */
    static void efunFromInto(DoubleVector x, DoubleVector u, DoubleVector em1, double[] dst, int j) {
        if (x.abs().compare(VectorOperators.LT, ExprMath.EFUN_SERIES_LIMIT).anyTrue()) {
            efunFrom(x, u, em1).intoArray(dst, j);
            return;
        }
        x.div(em1).blend(x.div(ExprMath.EXP_CLIP_M1), x.compare(VectorOperators.GE, ExprMath.EXP_CLIP))
                .intoArray(dst, j);
    }

    static void efunSlopeFromInto(DoubleVector x, DoubleVector u, DoubleVector em1, double[] dst, int j) {
        efunSlopeFrom(x, u, em1).intoArray(dst, j);
    }

    /** {@link TableExp#expm1Small}. */
    static DoubleVector expm1Small(DoubleVector x) {
        DoubleVector shifted = x.mul(TableExp.N_OVER_LN2).add(TableExp.ROUND_SHIFT);
        LongVector k = (LongVector) shifted.viewAsIntegralLanes();
        DoubleVector kd = shifted.sub(TableExp.ROUND_SHIFT);
        DoubleVector remHi = x.sub(kd.mul(TableExp.LN2_OVER_N_HI));
        DoubleVector remLo = kd.mul(TableExp.LN2_OVER_N_LO).neg();
        DoubleVector rem = remHi.add(remLo);
        int[] j = tableIndex(k);
        DoubleVector scale = scale(k, j);
        DoubleVector r2 = rem.mul(rem);
        DoubleVector q = r2.mul(rem.mul(1.0 / 6.0).add(0.5)).add(r2.mul(r2)
                .mul(rem.mul(1.0 / 120.0).add(1.0 / 24.0).add(r2.mul(1.0 / 720.0))));
        DoubleVector sm1 = scale.sub(1.0);
        DoubleVector sum = sm1.add(remHi);
        DoubleVector back = sum.sub(sm1);
        DoubleVector sumError = sm1.sub(sum.sub(back)).add(remHi.sub(back));
        DoubleVector p = rem.add(q);
        DoubleVector tail = scale.mul(DoubleVector.fromArray(D, TableExp.TAIL, 0, j, 0));
        return sum.add(sumError.add(remLo.add(q).add(sm1.mul(p)).add(tail.add(tail.mul(p)))));
    }

    /**
     * Per-thread gather indices: the gathers take an int[] index map, and a fresh array per call was
     * the vector path's main allocation (about 150 bytes per compartment-step). Each caller uses
     * the indices before its next call on the same thread.
     */
    private static final ThreadLocal<int[]> GATHER_INDEX = ThreadLocal.withInitial(() -> new int[D.length()]);

    /** k mod N per lane, as gather indices (a per-thread array, valid until the next call). */
    private static int[] tableIndex(LongVector k) {
        int[] j = GATHER_INDEX.get();
        ((IntVector) k.and(TableExp.N - 1).convertShape(VectorOperators.L2I, I, 0)).intoArray(j, 0);
        return j;
    }

    /** 2^(k/N): the table value with k div N added to its exponent. */
    private static DoubleVector scale(LongVector k, int[] j) {
        LongVector bits = LongVector.fromArray(L, TableExp.SCALE_BITS, 0, j, 0);
        return (DoubleVector) bits.add(k.lanewise(VectorOperators.ASHR, TableExp.TABLE_BITS)
                .lanewise(VectorOperators.LSHL, 52)).viewAsFloatingLanes();
    }

    /** {@link ExprMath#expm1From}. */
    static DoubleVector expm1From(DoubleVector x, DoubleVector u) {
        VectorMask<Double> large = x.abs().compare(VectorOperators.GE, ExprMath.LN2);
        DoubleVector um1 = u.sub(1.0);
        if (large.allTrue()) {
            return um1;
        }
        return expm1Small(x).blend(x, u.compare(VectorOperators.EQ, 1.0)).blend(um1, large);
    }

    /** {@link ExprMath#efunFrom}. */
    static DoubleVector efunFrom(DoubleVector x, DoubleVector u, DoubleVector em1) {
        DoubleVector r = x.div(em1).blend(x.div(ExprMath.EXP_CLIP_M1), x.compare(VectorOperators.GE, ExprMath.EXP_CLIP));
        VectorMask<Double> series = x.abs().compare(VectorOperators.LT, ExprMath.EFUN_SERIES_LIMIT);
        if (!series.anyTrue()) {
            return r;
        }
        DoubleVector x2 = x.mul(x);
        DoubleVector s = broadcast(1.0).sub(x.div(2.0)).add(x2.div(12.0)).sub(x2.mul(x2).div(720.0));
        return r.blend(s, series);
    }

    /** {@link ExprMath#efunSlopeFrom}. */
    static DoubleVector efunSlopeFrom(DoubleVector x, DoubleVector u, DoubleVector em1) {
        DoubleVector ax = x.abs();
        VectorMask<Double> small = ax.compare(VectorOperators.LT, ExprMath.NUMERATOR_SERIES_LIMIT);
        DoubleVector num = em1.sub(x.mul(u));
        if (small.anyTrue()) {
            num = num.blend(series1(x).neg(), small);
        }
        DoubleVector r = num.div(em1.mul(em1))
                .blend(EFUN_SLOPE_CLIPPED, x.compare(VectorOperators.GE, ExprMath.EXP_CLIP));
        VectorMask<Double> series = ax.compare(VectorOperators.LT, ExprMath.EFUN_SERIES_LIMIT);
        if (!series.anyTrue()) {
            return r;
        }
        DoubleVector s = broadcast(-0.5).add(x.div(6.0)).sub(x.mul(x).mul(x).div(180.0));
        return r.blend(s, series);
    }

    /** ExprMath.series(x, 1). */
    private static DoubleVector series1(DoubleVector x) {
        double[] c = ExprMath.SERIES[1];
        DoubleVector x2 = x.mul(x);
        DoubleVector x4 = x2.mul(x2);
        DoubleVector x8 = x4.mul(x4);
        DoubleVector q0 = x.mul(c[1]).add(c[0]);
        DoubleVector q1 = x.mul(c[3]).add(c[2]);
        DoubleVector q2 = x.mul(c[5]).add(c[4]);
        DoubleVector q3 = x.mul(c[7]).add(c[6]);
        DoubleVector q4 = x.mul(c[9]).add(c[8]);
        DoubleVector q5 = x.mul(c[11]).add(c[10]);
        DoubleVector q6 = x.mul(c[13]).add(c[12]);
        DoubleVector q7 = x.mul(c[15]).add(c[14]);
        DoubleVector r0 = q1.mul(x2).add(q0);
        DoubleVector r1 = q3.mul(x2).add(q2);
        DoubleVector r2 = q5.mul(x2).add(q4);
        DoubleVector r3 = q7.mul(x2).add(q6);
        DoubleVector p = r1.mul(x4).add(r0).add(r3.mul(x4).add(r2).mul(x8));
        return x2.mul(p);
    }
}
