package org.huxley.morph;

import java.util.Set;
import java.util.TreeSet;
import org.huxley.ModelException;

/**
 * How {@link SwcReader} turns an SWC file into a cell; the defaults are those of Jaxley's
 * {@code read_swc} (graph backend). Build with {@link #builder()}.
 *
 * @param compartmentCount compartments per branch: {@link FixedCount} (Jaxley's {@code ncomp}) or
 *     {@link DLambdaRule}
 * @param maxBranchLengthUm branches longer than this are cut into pieces, µm; +∞ for no cutting
 *     (Jaxley's {@code max_branch_len=None})
 * @param minRadiusUm lower bound on each compartment's reported radius, µm; NaN for none. As in
 *     Jaxley it does not change areas, volumes or resistive loads; without it a compartment of
 *     mean radius 0 is an error
 * @param relevantTypeIds type ids that separate branches; changes between two ids outside this set
 *     do not end a branch (Jaxley's default {1, 2, 3, 4})
 * @param ignoreTracingInterruptions {@code true} (Jaxley's default): a point whose parent is not the
 *     previous row does not cut its branch; {@code false} cuts it there, as NEURON and Jaxley's old
 *     reader do
 * @param allowMultipleTrees {@code false} (default): a file with several roots is rejected;
 *     {@code true}: as Jaxley, keep only the tree that contains the lowest-index tip, with a warning
 */
public record SwcOptions(CompartmentCount compartmentCount, double maxBranchLengthUm, double minRadiusUm,
        Set<Integer> relevantTypeIds, boolean ignoreTracingInterruptions, boolean allowMultipleTrees) {

    /** Checks the options. */
    public SwcOptions {
        if (compartmentCount == null) {
            throw new ModelException("compartmentCount must not be null");
        }
        if (!(maxBranchLengthUm > 0)) {
            throw new ModelException("maxBranchLengthUm must be positive (or +infinity for none), got "
                    + maxBranchLengthUm);
        }
        if (!Double.isNaN(minRadiusUm) && !(minRadiusUm > 0 && Double.isFinite(minRadiusUm))) {
            throw new ModelException("minRadiusUm must be positive and finite (or NaN for none), got " + minRadiusUm);
        }
        if (relevantTypeIds == null) {
            throw new ModelException("relevantTypeIds must not be null (use Set.of() for none)");
        }
        relevantTypeIds = Set.copyOf(relevantTypeIds);
    }

    /**
     * {@return options with Jaxley's defaults and {@code ncomp} compartments per branch}
     *
     * @param ncomp compartments per branch
     */
    public static SwcOptions ncomp(int ncomp) {
        return builder().ncomp(ncomp).build();
    }

    /** {@return options, starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether a minimum radius is set} */
    public boolean hasMinRadius() {
        return !Double.isNaN(minRadiusUm);
    }

    /** Builder; every setter returns {@code this}. */
    public static final class Builder {
        private CompartmentCount count = new FixedCount(1);
        private double maxBranchLengthUm = Double.POSITIVE_INFINITY;
        private double minRadiusUm = Double.NaN;
        private Set<Integer> relevantTypeIds = Set.of(1, 2, 3, 4);
        private boolean ignoreTracingInterruptions = true;
        private boolean allowMultipleTrees;

        private Builder() {
        }

        /**
         * The same number of compartments in every branch (default 1).
         *
         * @param ncomp compartments per branch
         * @return this builder
         */
        public Builder ncomp(int ncomp) {
            this.count = new FixedCount(ncomp);
            return this;
        }

        /**
         * Compartments per branch by NEURON's d_lambda rule.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder dLambda(DLambdaRule rule) {
            this.count = rule;
            return this;
        }

        /**
         * How many compartments each branch gets.
         *
         * @param count the rule
         * @return this builder
         */
        public Builder compartmentCount(CompartmentCount count) {
            this.count = count;
            return this;
        }

        /**
         * Cut branches longer than this, µm (default: no cutting).
         *
         * @param um the length, µm
         * @return this builder
         */
        public Builder maxBranchLengthUm(double um) {
            this.maxBranchLengthUm = um;
            return this;
        }

        /**
         * Lower bound on compartment radii, µm (default: none).
         *
         * @param um the radius, µm
         * @return this builder
         */
        public Builder minRadiusUm(double um) {
            this.minRadiusUm = um;
            return this;
        }

        /**
         * Type ids whose changes end a branch (default 1, 2, 3, 4).
         *
         * @param ids the type ids
         * @return this builder
         */
        public Builder relevantTypeIds(Set<Integer> ids) {
            this.relevantTypeIds = new TreeSet<>(ids);
            return this;
        }

        /**
         * Whether a point whose parent is not the previous row keeps its branch whole (default true).
         *
         * @param ignore true to keep such branches whole
         * @return this builder
         */
        public Builder ignoreTracingInterruptions(boolean ignore) {
            this.ignoreTracingInterruptions = ignore;
            return this;
        }

        /**
         * Whether a file with several roots is read (keeping one tree, with a warning) instead of rejected.
         *
         * @param allow true to read such files
         * @return this builder
         */
        public Builder allowMultipleTrees(boolean allow) {
            this.allowMultipleTrees = allow;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public SwcOptions build() {
            return new SwcOptions(count, maxBranchLengthUm, minRadiusUm, relevantTypeIds, ignoreTracingInterruptions,
                    allowMultipleTrees);
        }
    }
}
