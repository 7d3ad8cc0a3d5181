package org.huxley.engine;

/** How currents are linearised about v^n in the implicit voltage step. */
public enum SlopeMode {
    /**
     * The exact derivative ∂I/∂v, derived symbolically (default; the discrete adjoint and the
     * reference gradients use it).
     */
    ANALYTIC,
    /**
     * Jaxley's literal forward difference (I(v + 1e−3 mV) − I(v))/1e−3; synapses perturb pre- and
     * post-synaptic voltage together. Differs from {@link #ANALYTIC} by O(1e−3) for currents that
     * are non-linear in v (CaT, tanh synapses); use it to reproduce Jaxley bit for bit there.
     */
    FORWARD_DIFFERENCE;

    /** Jaxley's perturbation, mV. */
    public static final double FD_DELTA_MV = 1e-3;
}
