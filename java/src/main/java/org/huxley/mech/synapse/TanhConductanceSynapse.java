package org.huxley.mech.synapse;

import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.sub;
import static org.huxley.expr.Exprs.tanh;

import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;

/**
 * Jaxley's TanhConductanceSynapse (reference-numerics §7): no state, current
 * I = tanh((v_pre − x_offset)·slope)·gS·(v_post − e_syn) in nA.
 */
public final class TanhConductanceSynapse {
    private static final MechanismBuilder B = Mechanism.synapse("TanhConductanceSynapse");
    /** Maximal conductance, µS. */
    public static final Param G_S = B.param("gS", "uS", 1e-4, 0.0, 1e3);
    /** Synaptic reversal potential, mV. */
    public static final Param E_SYN = B.param("e_syn", "mV", 0.0, -200.0, 200.0);
    /** Pre-synaptic voltage at which the conductance is zero, mV. */
    public static final Param X_OFFSET = B.param("x_offset", "mV", -70.0, -200.0, 200.0);
    /** Steepness of the tanh, 1/mV. */
    public static final Param SLOPE = B.param("slope", "1/mV", 1.0, -1e3, 1e3);
    /** The mechanism to connect with. */
    public static final Mechanism MECHANISM = B.current("i_TanhConductanceSynapse",
            mul(tanh(mul(sub(B.vPre(), X_OFFSET.expr()), SLOPE.expr())), G_S.expr(),
                    sub(B.v(), E_SYN.expr()))).build();

    private TanhConductanceSynapse() {
    }
}
