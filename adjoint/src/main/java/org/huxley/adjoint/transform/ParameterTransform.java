package org.huxley.adjoint.transform;

import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.model.FieldInfo;
import org.huxley.params.ParameterLayout;

/**
 * One transform per parameter of a layout: converts whole vectors between the optimizer's
 * unconstrained space and parameter values, and chains gradients (∂L/∂x = ∂L/∂y · dy/dx).
 */
public final class ParameterTransform {
    private final List<Transform> transforms;

    /**
     * One transform per parameter, in layout order (the list is copied).
     *
     * @param transforms one per parameter
     */
    public ParameterTransform(List<Transform> transforms) {
        this.transforms = List.copyOf(transforms);
    }

    /**
     * Bounds from each field's metadata: sigmoid(lo, hi) where both bounds are finite and the range
     * is narrower than 1e6, softplus(lo) where only the lower bound is meaningful, identity otherwise.
     *
     * @param layout the parameters
     * @return the transform
     */
    public static ParameterTransform fromBounds(ParameterLayout layout) {
        List<Transform> out = new ArrayList<>();
        for (ParameterLayout.Parameter p : layout.parameters()) {
            out.add(forField(p.field().info()));
        }
        return new ParameterTransform(out);
    }

    /**
     * {@return the default transform of one field (see {@link #fromBounds})}
     *
     * @param info the field's metadata
     */
    public static Transform forField(FieldInfo info) {
        double lo = info.lo();
        double hi = info.hi();
        if (Double.isFinite(lo) && Double.isFinite(hi) && hi - lo < 1e6) {
            return new Sigmoid(lo, hi);
        }
        if (Double.isFinite(lo) && lo > -1e6) {
            return new Softplus(lo);
        }
        return new Identity();
    }

    /** {@return number of parameters} */
    public int size() {
        return transforms.size();
    }

    /**
     * {@return the transform of one parameter}
     *
     * @param parameter the parameter's index
     */
    public Transform get(int parameter) {
        return transforms.get(parameter);
    }

    /**
     * {@return parameter values y from unconstrained x}
     *
     * @param x unconstrained values
     */
    public double[] toValues(double[] x) {
        check(x.length);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = transforms.get(i).forward(x[i]);
        }
        return y;
    }

    /**
     * {@return unconstrained x from parameter values y}
     *
     * @param y parameter values
     */
    public double[] toUnconstrained(double[] y) {
        check(y.length);
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = transforms.get(i).inverse(y[i]);
        }
        return x;
    }

    /**
     * {@return ∂L/∂x from ∂L/∂y at x}
     *
     * @param x unconstrained values
     * @param gradY ∂L/∂y
     */
    public double[] chainGradient(double[] x, double[] gradY) {
        check(x.length);
        check(gradY.length);
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = gradY[i] * transforms.get(i).derivative(x[i]);
        }
        return g;
    }

    private void check(int n) {
        if (n != transforms.size()) {
            throw new ModelException("vector of " + n + " values for " + transforms.size() + " transformed parameters");
        }
    }
}
