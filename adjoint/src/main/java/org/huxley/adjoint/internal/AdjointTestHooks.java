package org.huxley.adjoint.internal;

/**
 * Switches that deliberately break the adjoint, so that tests can prove they detect the break
 * (adjoint-derivation pitfall 1: a forward instead of a transposed tree solve gives plausible but
 * wrong gradients), or that let them observe what a run allocates. Never set outside tests.
 */
public final class AdjointTestHooks {
    /** When true, the backward step solves M λ = r instead of Mᵀ λ = r. */
    public static volatile boolean untransposedSolve = false;

    /**
     * When set, receives every checkpoint store a gradient run allocates, so that a test can hold
     * weak references to them and prove that a cancelled run leaves none reachable.
     */
    public static volatile java.util.function.Consumer<Object> checkpointStoreAllocated = null;

    private AdjointTestHooks() {
    }
}
