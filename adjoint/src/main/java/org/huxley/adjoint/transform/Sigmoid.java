package org.huxley.adjoint.transform;

import org.huxley.ModelException;

/**
 * y = lo + (hi − lo)·σ(x), σ the logistic function: maps ℝ onto (lo, hi).
 *
 * @param lo lower bound
 * @param hi upper bound
 */
public record Sigmoid(double lo, double hi) implements Transform {
    /** Checks that the bounds are finite and lo &lt; hi. */
    public Sigmoid {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new ModelException("sigmoid transform needs finite lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    @Override
    public double forward(double x) {
        return lo + (hi - lo) * logistic(x);
    }

    @Override
    public double inverse(double y) {
        if (!(y > lo && y < hi)) {
            throw new ModelException("value " + y + " is outside the open interval (" + lo + ", " + hi
                    + ") of its sigmoid transform");
        }
        double u = (y - lo) / (hi - lo);
        return Math.log(u) - Math.log1p(-u);
    }

    @Override
    public double derivative(double x) {
        double s = logistic(x);
        return (hi - lo) * s * (1 - s);
    }

    static double logistic(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }
}
