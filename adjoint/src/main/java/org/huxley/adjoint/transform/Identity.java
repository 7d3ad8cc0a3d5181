package org.huxley.adjoint.transform;

/** y = x. */
public record Identity() implements Transform {
    @Override
    public double forward(double x) {
        return x;
    }

    @Override
    public double inverse(double y) {
        return y;
    }

    @Override
    public double derivative(double x) {
        return 1.0;
    }
}
