package org.huxley.adjoint.transform;

/**
 * A smooth bijection from an unconstrained value x (what an optimizer updates) to a parameter
 * value y (what the model uses), for bounded training.
 */
public interface Transform {
    /**
     * {@return y(x)}
     *
     * @param x unconstrained value
     */
    double forward(double x);

    /**
     * {@return x(y), for y inside the transform's range}
     *
     * @param y parameter value
     */
    double inverse(double y);

    /**
     * {@return dy/dx at x (to chain ∂L/∂y into ∂L/∂x)}
     *
     * @param x unconstrained value
     */
    double derivative(double x);

    /**
     * This transform followed by {@code next}: y = next(this(x)).
     *
     * @param next applied after this one
     * @return the composition
     */
    default Transform then(Transform next) {
        return new Chain(java.util.List.of(this, next));
    }
}
