package org.huxley.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorExpColumns} gives, element by element, the bits of the scalar {@link ExprMath}
 * methods on arguments where the two could part: the clip at 20, the table exponential's fast-range
 * edge (±708) and beyond (subnormal results, 0), NaN, infinities, signed zeros, subnormal and tiny
 * arguments, and the series and ln 2 band edges, each mixed into vectors with ordinary lanes (a
 * vector with one lane beyond the fast range goes lane by lane). Run cold and again after enough
 * calls for the JIT to compile the loops.
 */
class VectorExpColumnsTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, 1e-300, -1e-300,
        1e-17, -1e-17, 1e-4, -1e-4, Math.nextDown(1e-4), Math.nextUp(-1e-4), 0.5, -0.5, Math.nextDown(0.5),
        Math.nextUp(-0.5), ExprMath.LN2, -ExprMath.LN2, Math.nextDown(ExprMath.LN2), Math.nextUp(-ExprMath.LN2),
        20.0, Math.nextDown(20.0), Math.nextUp(20.0), 19.999, 25.0, 708.0, -708.0, Math.nextUp(-708.0),
        Math.nextDown(-708.0), 709.0, -709.0, 710.0, -720.0, -744.0, -745.1, -746.0, -1e5, 1e5, 1e300, -1e300,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0x7ff8_0000_dead_beefL), 1.0, -1.0, 2.5, -2.5, 7.0, -30.0, -100.0, 100.0};
    /** A multiple of every lane count, above the JIT's loop and call thresholds when repeated. */
    private static final int N = 256;
    private double[] x;

    @BeforeEach
    void arguments() {
        assumeTrue(VectorColumns.lanes() >= 2, "jdk.incubator.vector absent: scalar fallback only");
        Random r = new Random(7);
        List<Double> values = new ArrayList<>();
        for (double s : SPECIAL) {
            values.add(s);
        }
        while (values.size() < N) {
            double scale = switch (values.size() % 4) {
                case 0 -> 1e-4;
                case 1 -> 0.7;
                case 2 -> 25.0;
                default -> 800.0;
            };
            values.add(scale * (2.0 * r.nextDouble() - 1.0));
        }
        Collections.shuffle(values, r);
        x = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void everyOperationHasTheScalarBitsColdAndCompiled() {
        check();
        for (int rep = 0; rep < 3000; rep++) {
            run(new double[4][N]);
        }
        check();
    }

    private void check() {
        double[][] got = new double[4][N];
        run(got);
        for (int i = 0; i < N; i++) {
            double u = ExprMath.saveExp(x[i]);
            double em1 = ExprMath.expm1From(x[i], u);
            assertBits(u, got[0][i], "saveExp", i);
            assertBits(em1, got[1][i], "expm1From", i);
            assertBits(ExprMath.efunFrom(x[i], u, em1), got[2][i], "efunFrom", i);
            assertBits(ExprMath.efunSlopeFrom(x[i], u, em1), got[3][i], "efunSlopeFrom", i);
        }
    }

    /** The four operations chained as a kernel chains them: u from x, em1 from x and u, then efun's. */
    private void run(double[][] out) {
        VectorExpColumns.saveExp(x, out[0], N);
        VectorExpColumns.expm1(x, out[0], out[1], N);
        VectorExpColumns.efun(x, out[1], out[2], N);
        VectorExpColumns.efunSlope(x, out[0], out[1], out[3], N);
    }

    private void assertBits(double expected, double actual, String op, int i) {
        // doubleToLongBits: one NaN for all payloads (the JIT may swap a commutative operation's
        // operands, which picks the NaN passed on), every other value bit for bit, −0.0 included
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> op + "(" + x[i] + "): " + expected + " vs " + actual);
    }
}
