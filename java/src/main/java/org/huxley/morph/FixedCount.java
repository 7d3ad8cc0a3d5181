package org.huxley.morph;

import org.huxley.ModelException;

/**
 * The same number of compartments in every branch (Jaxley's {@code read_swc(..., ncomp)}).
 *
 * @param ncomp compartments per branch, ≥ 1
 */
public record FixedCount(int ncomp) implements CompartmentCount {
    /** Checks that the count is at least 1. */
    public FixedCount {
        if (ncomp < 1) {
            throw new ModelException("ncomp must be at least 1, got " + ncomp);
        }
    }

    @Override
    public int count(double lengthUm, double meanDiameterUm) {
        return ncomp;
    }
}
