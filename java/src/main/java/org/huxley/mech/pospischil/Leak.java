package org.huxley.mech.pospischil;

import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.sub;

import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;

/** Passive leak (Pospischil et al. 2008): I = g·(v − e), current {@code i_Leak}, mA/cm². */
public final class Leak {
    private static final MechanismBuilder B = Mechanism.channel("Leak");
    /** Leak conductance, S/cm². */
    public static final Param G_LEAK = B.param("gLeak", "S/cm^2", 1e-4, 0.0, 100.0);
    /** Leak reversal potential, mV. */
    public static final Param E_LEAK = B.param("eLeak", "mV", -70.0, -200.0, 200.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM =
            B.current("i_Leak", mul(G_LEAK.expr(), sub(B.v(), E_LEAK.expr()))).build();

    private Leak() {
    }
}
