package org.huxley.morph;

/**
 * How many compartments a branch read from SWC gets: the same number everywhere
 * ({@link FixedCount}, Jaxley's {@code ncomp}) or one chosen per branch from its length and
 * diameter ({@link DLambdaRule}, NEURON's d_lambda rule).
 */
public sealed interface CompartmentCount permits FixedCount, DLambdaRule {
    /**
     * The number of compartments of one branch.
     *
     * @param lengthUm path length of the branch, µm (as the reader measures it, after the somatic
     *     adjustments; a zero-length branch counts as 0.1 µm)
     * @param meanDiameterUm path-averaged diameter of the branch, µm: twice the mean of the
     *     piecewise-linear radius along the branch's points, Σ r_k·(L_{k−1} + L_k) / Σ (L_{k−1} + L_k)
     *     with L_k the length of segment k (the point radius for a single-point branch)
     * @return the number of compartments, ≥ 1
     */
    int count(double lengthUm, double meanDiameterUm);
}
