package org.huxley.fit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.huxley.ModelException;

/**
 * A stepper's saved state: the optimizer's name and named arrays of doubles (scalars as arrays of
 * length 1; booleans and counters as 0/1 and exact integers). Written to JSON by {@code huxley-io}.
 *
 * @param optimizer the {@link Optimizer#name()} that wrote it
 * @param values named arrays, in insertion order
 */
public record OptimizerState(String optimizer, Map<String, double[]> values) {
    /** Copies the maps. */
    public OptimizerState {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * {@return an empty builder for {@code optimizer}}
     *
     * @param optimizer the optimizer's name
     */
    public static Builder builder(String optimizer) {
        return new Builder(optimizer);
    }

    /**
     * {@return the array saved under {@code key}; throws {@link ModelException} if missing}
     *
     * @param key the entry's name
     */
    public double[] array(String key) {
        double[] v = values.get(key);
        if (v == null) {
            throw new ModelException("saved " + optimizer + " state lacks '" + key + "'");
        }
        return v.clone();
    }

    /**
     * {@return the number saved under {@code key}; throws {@link ModelException} if missing}
     *
     * @param key the entry's name
     */
    public double scalar(String key) {
        return array(key)[0];
    }

    /**
     * {@return the number saved under {@code key} as an int; throws {@link ModelException} if missing}
     *
     * @param key the entry's name
     */
    public int integer(String key) {
        return (int) scalar(key);
    }

    /**
     * {@return the flag saved under {@code key}; throws {@link ModelException} if missing}
     *
     * @param key the entry's name
     */
    public boolean flag(String key) {
        return scalar(key) != 0;
    }

    /**
     * Throws unless this state was written by {@code name}.
     *
     * @param name the expected optimizer
     * @return this state
     */
    public OptimizerState requireOptimizer(String name) {
        if (!optimizer.equals(name)) {
            throw new ModelException("cannot resume: the saved state is from optimizer '" + optimizer
                    + "', this fit uses '" + name + "'");
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState s) || !s.optimizer.equals(optimizer) || !s.values.keySet().equals(values.keySet())) {
            return false;
        }
        for (var e : values.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), s.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return optimizer.hashCode() * 31 + values.keySet().hashCode();
    }

    /** Collects named values. */
    public static final class Builder {
        private final String optimizer;
        private final Map<String, double[]> values = new LinkedHashMap<>();

        private Builder(String optimizer) {
            this.optimizer = optimizer;
        }

        /**
         * Saves an array (copied).
         *
         * @param key the entry's name
         * @param v the array
         * @return this builder
         */
        public Builder put(String key, double[] v) {
            values.put(key, v.clone());
            return this;
        }

        /**
         * Saves a number.
         *
         * @param key the entry's name
         * @param v the number
         * @return this builder
         */
        public Builder put(String key, double v) {
            values.put(key, new double[] {v});
            return this;
        }

        /**
         * Saves a flag.
         *
         * @param key the entry's name
         * @param v the flag
         * @return this builder
         */
        public Builder put(String key, boolean v) {
            values.put(key, new double[] {v ? 1 : 0});
            return this;
        }

        /**
         * Builds the state.
         *
         * @return the state
         */
        public OptimizerState build() {
            return new OptimizerState(optimizer, values);
        }
    }
}
