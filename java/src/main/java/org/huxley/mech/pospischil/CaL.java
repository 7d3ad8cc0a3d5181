package org.huxley.mech.pospischil;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.efun;
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

/** Pospischil et al. 2008 high-threshold (L-type) calcium channel, current {@code i_Ca}. */
public final class CaL {
    private static final MechanismBuilder B = Mechanism.channel("CaL");
    /** L-type calcium conductance, S/cm². */
    public static final Param G_CA_L = B.param("gCaL", "S/cm^2", 1e-4, 0.0, 100.0);
    /** Shared calcium reversal, mV. */
    public static final Param E_CA = B.use(Shared.E_CA);
    /** Activation gate. */
    public static final StateVar Q = B.state("q", "1", 0.2, 0.0, 1.0);
    /** Inactivation gate. */
    public static final StateVar R = B.state("r", "1", 0.2, 0.0, 1.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr minusV = neg(B.v());
        Expr alphaQ = mul(c(0.055 * 3.8), efun(div(sub(minusV, c(27.0)), c(3.8))));
        Expr betaQ = mul(c(0.94), saveExp(div(sub(minusV, c(75.0)), c(17.0))));
        Expr alphaR = mul(c(0.000457), saveExp(div(sub(minusV, c(13.0)), c(50.0))));
        Expr betaR = div(c(0.0065), add(saveExp(div(sub(minusV, c(15.0)), c(28.0))), c(1.0)));
        B.gateAlphaBeta(Q, alphaQ, betaQ);
        B.gateAlphaBeta(R, alphaR, betaR);
        MECHANISM = B.current("i_Ca",
                mul(G_CA_L.expr(), pow(Q.expr(), 2), R.expr(), sub(B.v(), E_CA.expr()))).build();
    }

    private CaL() {
    }
}
