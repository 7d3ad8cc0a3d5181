package org.huxley.mech.pospischil;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.pow;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sub;

import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * Pospischil et al. 2008 low-threshold (T-type) calcium channel, current {@code i_Ca}. The current
 * uses an instantaneous activation s∞(v), so it is non-linear in v: the engines linearise it with
 * the exact derivative (Jaxley: a 1e-3 mV forward difference; see docs/numerics.md). τ_u keeps
 * Jaxley's bracket placement (30.8 inside the numerator).
 */
public final class CaT {
    private static final MechanismBuilder B = Mechanism.channel("CaT");
    /** T-type calcium conductance, S/cm². */
    public static final Param G_CA_T = B.param("gCaT", "S/cm^2", 4e-5, 0.0, 100.0);
    /** Voltage shift of the rate functions, mV. */
    public static final Param V_X = B.param("vx", "mV", 2.0, -100.0, 100.0);
    /** Shared calcium reversal, mV. */
    public static final Param E_CA = B.use(Shared.E_CA);
    /** Inactivation gate. */
    public static final StateVar U = B.state("u", "1", 0.2, 0.0, 1.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr w = add(B.v(), V_X.expr());
        Expr inf = div(c(1.0), add(c(1.0), saveExp(div(add(w, c(81.0)), c(4.0)))));
        Expr tau = div(add(c(30.8), add(c(211.4), saveExp(div(add(w, c(113.2)), c(5.0))))),
                mul(c(3.7), add(c(1.0), saveExp(div(add(w, c(84.0)), c(3.2))))));
        B.gateInfTau(U, inf, tau);
        Expr sInf = div(c(1.0), add(c(1.0), saveExp(div(neg(add(w, c(57.0))), c(6.2)))));
        MECHANISM = B.current("i_Ca",
                mul(G_CA_T.expr(), pow(sInf, 2), U.expr(), sub(B.v(), E_CA.expr()))).build();
    }

    private CaT() {
    }
}
