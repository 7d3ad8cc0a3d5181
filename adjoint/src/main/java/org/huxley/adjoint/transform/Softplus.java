package org.huxley.adjoint.transform;

import org.huxley.ModelException;

/**
 * y = lo + log(1 + eˣ): maps ℝ onto (lo, ∞); above x = 20 it is x + lo to double precision.
 *
 * @param lo lower bound
 */
public record Softplus(double lo) implements Transform {
    /** Checks that the lower bound is finite. */
    public Softplus {
        if (!Double.isFinite(lo)) {
            throw new ModelException("softplus transform needs a finite lower bound, got " + lo);
        }
    }

    @Override
    public double forward(double x) {
        return lo + (x > 20 ? x : Math.log1p(Math.exp(x)));
    }

    @Override
    public double inverse(double y) {
        double z = y - lo;
        if (!(z > 0)) {
            throw new ModelException("value " + y + " is not above the lower bound " + lo + " of its softplus transform");
        }
        return z > 20 ? z : Math.log(Math.expm1(z));
    }

    @Override
    public double derivative(double x) {
        return Sigmoid.logistic(x);
    }
}
