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

/** Pospischil et al. 2008 fast sodium channel (reference-numerics §5.3), current {@code i_Na}. */
public final class Na {
    private static final MechanismBuilder B = Mechanism.channel("Na");
    /** Sodium conductance, S/cm². */
    public static final Param G_NA = B.param("gNa", "S/cm^2", 0.05, 0.0, 100.0);
    /** Shared sodium reversal, mV. */
    public static final Param E_NA = B.use(Shared.E_NA);
    /** Shared threshold adjustment, mV. */
    public static final Param V_T = B.use(Shared.V_T);
    /** Activation gate. */
    public static final StateVar M = B.state("m", "1", 0.2, 0.0, 1.0);
    /** Inactivation gate. */
    public static final StateVar H = B.state("h", "1", 0.2, 0.0, 1.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr u = sub(B.v(), V_T.expr());
        Expr alphaM = mul(c(0.32 / 0.25), efun(mul(c(-0.25), sub(u, c(13.0)))));
        Expr betaM = mul(c(0.28 / 0.2), efun(mul(c(0.2), sub(u, c(40.0)))));
        Expr alphaH = mul(c(0.128), saveExp(div(neg(sub(u, c(17.0))), c(18.0))));
        Expr betaH = div(c(4.0), add(saveExp(div(neg(sub(u, c(40.0))), c(5.0))), c(1.0)));
        B.gateAlphaBeta(M, alphaM, betaM);
        B.gateAlphaBeta(H, alphaH, betaH);
        MECHANISM = B.current("i_Na",
                mul(G_NA.expr(), pow(M.expr(), 3), H.expr(), sub(B.v(), E_NA.expr()))).build();
    }

    private Na() {
    }
}
