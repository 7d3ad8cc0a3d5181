package org.huxley.model;

/**
 * A current injected into one compartment: sample n (nA, positive depolarises) is used during the
 * step from t = n·dt to (n+1)·dt.
 *
 * @param site the stimulated compartment
 * @param currentNa the current, nA per step
 */
public record Stimulus(Site site, double[] currentNa) {
}
