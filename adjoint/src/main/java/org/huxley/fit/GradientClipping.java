package org.huxley.fit;

import org.huxley.ModelException;

/**
 * Clips a gradient before a first-order update: to a maximal Euclidean norm (the whole vector
 * scaled down, direction kept) and/or to a maximal absolute value per entry. Infinity disables each.
 *
 * @param maxNorm largest allowed ‖g‖₂
 * @param maxAbs largest allowed |g_p|
 */
public record GradientClipping(double maxNorm, double maxAbs) {
    /** Checks that both thresholds are positive (infinite: off). */
    public GradientClipping {
        if (!(maxNorm > 0) || !(maxAbs > 0)) {
            throw new ModelException("gradient clipping thresholds must be positive, got norm " + maxNorm
                    + ", value " + maxAbs);
        }
    }

    /** {@return no clipping} */
    public static GradientClipping none() {
        return new GradientClipping(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Scales the gradient down to Euclidean norm {@code maxNorm} when it is longer.
     *
     * @param maxNorm the largest norm
     * @return the clipping
     */
    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(maxNorm, Double.POSITIVE_INFINITY);
    }

    /**
     * Clips each component to [−maxAbs, maxAbs].
     *
     * @param maxAbs the largest magnitude
     * @return the clipping
     */
    public static GradientClipping byValue(double maxAbs) {
        return new GradientClipping(Double.POSITIVE_INFINITY, maxAbs);
    }

    /**
     * {@return a clipped copy of g}
     *
     * @param g the gradient
     */
    public double[] apply(double[] g) {
        double[] out = g.clone();
        if (maxAbs < Double.POSITIVE_INFINITY) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(-maxAbs, Math.min(maxAbs, out[i]));
            }
        }
        if (maxNorm < Double.POSITIVE_INFINITY) {
            double n = Vectors.norm(out);
            if (n > maxNorm) {
                double s = maxNorm / n;
                for (int i = 0; i < out.length; i++) {
                    out[i] *= s;
                }
            }
        }
        return out;
    }
}
