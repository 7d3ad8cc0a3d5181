package org.huxley.adjoint.internal;

/**
 * Switches that deliberately break the adjoint, so that tests can prove they detect the break
 * (adjoint-derivation pitfall 1: a forward instead of a transposed tree solve gives plausible but
 * wrong gradients). Never set outside tests.
 */
public final class AdjointTestHooks {
    /** When true, the backward step solves M λ = r instead of Mᵀ λ = r. */
    public static volatile boolean untransposedSolve = false;

    private AdjointTestHooks() {
    }
}
