package org.huxley.fit;

import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.adjoint.transform.Exp;
import org.huxley.adjoint.transform.ParameterTransform;
import org.huxley.adjoint.transform.Sigmoid;
import org.huxley.adjoint.transform.Transform;
import org.huxley.model.FieldInfo;
import org.huxley.params.ParameterLayout;

/**
 * Box bounds for a fit, turned into a {@link ParameterTransform} (the optimizer works on
 * unconstrained x). Starts from each field's valid range ({@link ParameterTransform#fromBounds});
 * {@link #set} and {@link #logScale} narrow one parameter. Bounds with lo ≥ hi, or outside the
 * field's valid range, are rejected naming the parameter.
 */
public final class Bounds {
    private final ParameterLayout layout;
    private final List<Transform> transforms = new ArrayList<>();

    private Bounds(ParameterLayout layout) {
        this.layout = layout;
        for (ParameterLayout.Parameter p : layout.parameters()) {
            transforms.add(ParameterTransform.forField(p.field().info()));
        }
    }

    /**
     * {@return each field's valid range (sigmoid, softplus or identity as {@link ParameterTransform#forField})}
     *
     * @param layout the fitted parameters
     */
    public static Bounds of(ParameterLayout layout) {
        return new Bounds(layout);
    }

    /**
     * Bounds parameter p to (lo, hi), linear scale: y = lo + (hi − lo)·σ(x).
     *
     * @param p the parameter's index
     * @param lo lower bound (exclusive)
     * @param hi upper bound (exclusive)
     * @return these bounds
     */
    public Bounds set(int p, double lo, double hi) {
        check(p, lo, hi);
        transforms.set(p, new Sigmoid(lo, hi));
        return this;
    }

    /**
     * Parameter p in (lo, hi), log scale: y = exp(ln lo + (ln hi − ln lo)·σ(x)), for positive
     * quantities spanning orders of magnitude (conductances); needs 0 &lt; lo &lt; hi.
     *
     * @param p the parameter's index
     * @param lo lower bound (&gt; 0)
     * @param hi upper bound
     * @return these bounds
     */
    public Bounds logScale(int p, double lo, double hi) {
        check(p, lo, hi);
        if (!(lo > 0)) {
            throw new ModelException("log-scale bounds of " + name(p) + " need lo > 0, got [" + lo + ", " + hi + "]");
        }
        transforms.set(p, new Sigmoid(Math.log(lo), Math.log(hi)).then(new Exp()));
        return this;
    }

    /**
     * Bounds every parameter p on a log scale within [values[p]/factor, values[p]·factor].
     *
     * @param values a positive value per parameter (the centre on a log scale)
     * @param factor the ratio between the centre and each bound (&gt; 1)
     * @return these bounds
     */
    public Bounds logScaleAround(double[] values, double factor) {
        if (values.length != layout.size() || !(factor > 1)) {
            throw new ModelException("logScaleAround needs one value per parameter (" + layout.size()
                    + ") and a factor > 1, got " + values.length + " values and factor " + factor);
        }
        for (int p = 0; p < values.length; p++) {
            logScale(p, values[p] / factor, values[p] * factor);
        }
        return this;
    }

    /** {@return the transform that maps unconstrained x into these bounds, one per parameter} */
    public ParameterTransform transform() {
        return new ParameterTransform(transforms);
    }

    private String name(int p) {
        return layout.names().get(p);
    }

    private void check(int p, double lo, double hi) {
        if (p < 0 || p >= layout.size()) {
            throw new ModelException("bounds: no parameter " + p + " (the layout has " + layout.size() + ")");
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new ModelException("bounds of " + name(p) + " must be finite, got [" + lo + ", " + hi + "]");
        }
        if (!(lo < hi)) {
            throw new ModelException("bounds of " + name(p) + ": lower bound " + lo + " must be below the upper bound "
                    + hi);
        }
        FieldInfo info = layout.parameters().get(p).field().info();
        if (lo < info.lo() || hi > info.hi()) {
            throw new ModelException("bounds of " + name(p) + " [" + lo + ", " + hi + "] exceed its valid range ["
                    + info.lo() + ", " + info.hi() + "] " + info.unit());
        }
    }
}
