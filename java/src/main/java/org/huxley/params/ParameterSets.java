package org.huxley.params;

import org.huxley.ModelException;

/** B value vectors θ[b][p] for a {@link ParameterLayout}. */
public final class ParameterSets {
    private final ParameterLayout layout;
    private final double[][] values;

    ParameterSets(ParameterLayout layout, int batchSize) {
        if (batchSize < 1) {
            throw new ModelException("batch size must be >= 1, got " + batchSize);
        }
        this.layout = layout;
        double[] init = layout.initialValues();
        this.values = new double[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            values[b] = init.clone();
        }
    }

    /**
     * {@return a single set with no parameters: the model's own values}
     *
     * @param model the model
     */
    public static ParameterSets none(org.huxley.model.Module model) {
        return new ParameterLayout(model).batch(1);
    }

    /** {@return the layout of every set} */
    public ParameterLayout layout() {
        return layout;
    }

    /** {@return number of sets B} */
    public int size() {
        return values.length;
    }

    /**
     * {@return one value}
     *
     * @param set the set
     * @param parameter the parameter's index
     */
    public double get(int set, int parameter) {
        return values[set][parameter];
    }

    /**
     * Sets one value.
     *
     * @param set the set
     * @param parameter the parameter's index
     * @param value the value
     * @return these sets
     * @throws ModelException if the value lies outside the field's valid range
     */
    public ParameterSets set(int set, int parameter, double value) {
        ParameterLayout.Parameter p = layout.parameters().get(parameter);
        if (!p.field().info().accepts(value)) {
            throw new ModelException("parameter set " + set + ": " + p.name() + " = " + value
                    + " is outside its valid range [" + p.field().info().lo() + ", " + p.field().info().hi() + "] "
                    + p.field().info().unit());
        }
        values[set][parameter] = value;
        return this;
    }

    /**
     * Sets one parameter in every set.
     *
     * @param parameter the parameter's index in the layout
     * @param value its value
     * @return these sets
     */
    public ParameterSets setAll(int parameter, double value) {
        for (int b = 0; b < values.length; b++) {
            set(b, parameter, value);
        }
        return this;
    }

    /**
     * {@return a copy of set b's values}
     *
     * @param set the set
     */
    public double[] row(int set) {
        return values[set].clone();
    }
}
