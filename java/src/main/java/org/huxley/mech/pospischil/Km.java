package org.huxley.mech.pospischil;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sub;

import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * Pospischil et al. 2008 slow (M-type) potassium channel, current {@code i_K}. The steady state
 * used by {@code initStates()} is p∞ (Jaxley's init_state returns p∞/(p∞+τ): a documented fix).
 */
public final class Km {
    private static final MechanismBuilder B = Mechanism.channel("Km");
    /** M-current conductance, S/cm². */
    public static final Param G_KM = B.param("gKm", "S/cm^2", 4e-6, 0.0, 100.0);
    /** Maximal time constant, ms. */
    public static final Param TAU_MAX = B.param("taumax", "ms", 4000.0, 1e-6, 1e9);
    /** Shared potassium reversal, mV. */
    public static final Param E_K = B.use(Shared.E_K);
    /** Activation gate. */
    public static final StateVar P = B.state("p", "1", 0.2, 0.0, 1.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr x = add(B.v(), c(35.0));
        Expr inf = div(c(1.0), add(c(1.0), saveExp(mul(c(-0.1), x))));
        Expr tau = div(TAU_MAX.expr(),
                add(mul(c(3.3), saveExp(mul(c(0.05), x))), saveExp(mul(c(-0.05), x))));
        B.gateInfTau(P, inf, tau);
        MECHANISM = B.current("i_K", mul(G_KM.expr(), P.expr(), sub(B.v(), E_K.expr()))).build();
    }

    private Km() {
    }
}
