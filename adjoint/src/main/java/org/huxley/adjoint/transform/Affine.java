package org.huxley.adjoint.transform;

import org.huxley.ModelException;

/**
 * y = scale·x + offset (scale ≠ 0), e.g. to train in natural units.
 *
 * @param scale the factor (non-zero)
 * @param offset the shift
 */
public record Affine(double scale, double offset) implements Transform {
    /** Checks that the scale is non-zero and both values are finite. */
    public Affine {
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new ModelException("affine transform needs a finite non-zero scale, got " + scale + ", offset " + offset);
        }
    }

    @Override
    public double forward(double x) {
        return scale * x + offset;
    }

    @Override
    public double inverse(double y) {
        return (y - offset) / scale;
    }

    @Override
    public double derivative(double x) {
        return scale;
    }
}
