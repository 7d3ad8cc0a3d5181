package org.huxley.adjoint.transform;

import org.huxley.ModelException;

/** y = eˣ: maps ℝ onto (0, ∞); with a {@link Sigmoid} before it, a bounded range on a log scale. */
public record Exp() implements Transform {
    @Override
    public double forward(double x) {
        return Math.exp(x);
    }

    @Override
    public double inverse(double y) {
        if (!(y > 0) || y == Double.POSITIVE_INFINITY) {
            throw new ModelException("value " + y + " is not positive and finite, as its exp transform needs");
        }
        return Math.log(y);
    }

    @Override
    public double derivative(double x) {
        return Math.exp(x);
    }
}
