package org.huxley.mech.pospischil;

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

/** Pospischil et al. 2008 delayed-rectifier potassium channel, current {@code i_K}. */
public final class K {
    private static final MechanismBuilder B = Mechanism.channel("K");
    /** Potassium conductance, S/cm². */
    public static final Param G_K = B.param("gK", "S/cm^2", 5e-3, 0.0, 100.0);
    /** Shared potassium reversal, mV. */
    public static final Param E_K = B.use(Shared.E_K);
    /** Shared threshold adjustment, mV. */
    public static final Param V_T = B.use(Shared.V_T);
    /** Activation gate. */
    public static final StateVar N = B.state("n", "1", 0.2, 0.0, 1.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr u = sub(B.v(), V_T.expr());
        Expr alphaN = mul(c(0.032 / 0.2), efun(mul(c(-0.2), sub(u, c(15.0)))));
        Expr betaN = mul(c(0.5), saveExp(div(neg(sub(u, c(10.0))), c(40.0))));
        B.gateAlphaBeta(N, alphaN, betaN);
        MECHANISM = B.current("i_K",
                mul(G_K.expr(), pow(N.expr(), 4), sub(B.v(), E_K.expr()))).build();
    }

    private K() {
    }
}
