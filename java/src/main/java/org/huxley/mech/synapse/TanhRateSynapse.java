package org.huxley.mech.synapse;

import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.sub;
import static org.huxley.expr.Exprs.tanh;

import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;

/**
 * Jaxley's TanhRateSynapse (reference-numerics §7): no state, current
 * I = −gS·tanh((v_pre − x_offset)·slope) in nA, independent of the post-synaptic voltage. Its
 * slope in the linearised step is ∂I/∂v_pre (the direction Jaxley perturbs: pre and post
 * together), used as the coefficient of the post-synaptic voltage (docs/networks.md).
 */
public final class TanhRateSynapse {
    private static final MechanismBuilder B = Mechanism.synapse("TanhRateSynapse");
    /** Amplitude of the current (Jaxley's name; the current is gS·tanh(…) in nA). */
    public static final Param G_S = B.param("gS", "nA", 1e-4, -1e3, 1e3);
    /** Pre-synaptic voltage at which the current is zero, mV. */
    public static final Param X_OFFSET = B.param("x_offset", "mV", -70.0, -200.0, 200.0);
    /** Steepness of the tanh, 1/mV. */
    public static final Param SLOPE = B.param("slope", "1/mV", 1.0, -1e3, 1e3);
    /** The mechanism to connect with. */
    public static final Mechanism MECHANISM = B.current("i_TanhRateSynapse",
            neg(mul(G_S.expr(), tanh(mul(sub(B.vPre(), X_OFFSET.expr()), SLOPE.expr()))))).build();

    private TanhRateSynapse() {
    }
}
