package org.huxley.fit;

import java.util.SplittableRandom;
import org.huxley.ModelException;

/** Seeded random starts for multi-start fits (reproducible: same seed, same starts). */
public final class Starts {
    private Starts() {
    }

    /**
     * n starts drawn log-uniformly within ×/÷ {@code factor} of {@code center}:
     * y_p = center_p · factor^u with u uniform in [−1, 1), independently per start and parameter.
     *
     * @param center the centre of each parameter (&gt; 0)
     * @param factor the ratio between centre and bounds (≥ 1)
     * @param n number of starts
     * @param seed the seed
     * @return [n][P] starts
     */
    public static double[][] logUniform(double[] center, double factor, int n, long seed) {
        if (!(factor >= 1) || n < 1) {
            throw new ModelException("log-uniform starts need factor >= 1 and n >= 1, got " + factor + ", " + n);
        }
        for (int p = 0; p < center.length; p++) {
            if (!(center[p] > 0) || !Double.isFinite(center[p])) {
                throw new ModelException("log-uniform starts need positive centres; parameter " + p + " is " + center[p]);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[n][center.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < center.length; p++) {
                out[i][p] = center[p] * Math.pow(factor, 2 * rng.nextDouble() - 1);
            }
        }
        return out;
    }

    /**
     * {@return n starts drawn uniformly in [lo_p, hi_p)}
     *
     * @param lo lower bound of each parameter
     * @param hi upper bound of each parameter
     * @param n number of starts
     * @param seed the seed
     */
    public static double[][] uniform(double[] lo, double[] hi, int n, long seed) {
        if (lo.length != hi.length || n < 1) {
            throw new ModelException("uniform starts need bounds of equal length and n >= 1");
        }
        for (int p = 0; p < lo.length; p++) {
            if (!(lo[p] < hi[p])) {
                throw new ModelException("uniform starts: parameter " + p + " has lo " + lo[p] + " >= hi " + hi[p]);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[n][lo.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < lo.length; p++) {
                out[i][p] = lo[p] + (hi[p] - lo[p]) * rng.nextDouble();
            }
        }
        return out;
    }
}
