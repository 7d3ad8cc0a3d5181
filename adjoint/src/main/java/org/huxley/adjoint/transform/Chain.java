package org.huxley.adjoint.transform;

import java.util.List;

/**
 * Transforms applied left to right: y = t_n(…t_1(x)); inverted right to left.
 *
 * @param parts the transforms, applied first to last
 */
public record Chain(List<Transform> parts) implements Transform {
    /** Copies the list of transforms (applied first to last). */
    public Chain {
        parts = List.copyOf(parts);
    }

    @Override
    public double forward(double x) {
        for (Transform t : parts) {
            x = t.forward(x);
        }
        return x;
    }

    @Override
    public double inverse(double y) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            y = parts.get(i).inverse(y);
        }
        return y;
    }

    @Override
    public double derivative(double x) {
        double d = 1.0;
        for (Transform t : parts) {
            d *= t.derivative(x);
            x = t.forward(x);
        }
        return d;
    }
}
