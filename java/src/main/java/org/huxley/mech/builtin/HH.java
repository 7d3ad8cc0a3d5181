package org.huxley.mech.builtin;

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

/**
 * The Hodgkin–Huxley squid-axon channel set as Jaxley defines it (reference-numerics §5.2): no
 * temperature factor, gates start at 0.2 (not steady state), current {@code i_HH} in mA/cm².
 * The removable singularities of α_m (v = −40 mV) and α_n (v = −55 mV) use {@code efun}, which is
 * finite there; Jaxley returns NaN at exactly those voltages (a documented deviation).
 */
public final class HH {
    private static final MechanismBuilder B = Mechanism.channel("HH");

    /** Sodium conductance, S/cm². */
    public static final Param G_NA = B.param("gNa", "S/cm^2", 0.12, 0.0, 100.0);
    /** Potassium conductance, S/cm². */
    public static final Param G_K = B.param("gK", "S/cm^2", 0.036, 0.0, 100.0);
    /** Leak conductance, S/cm². */
    public static final Param G_LEAK = B.param("gLeak", "S/cm^2", 0.0003, 0.0, 100.0);
    /** Sodium reversal potential, mV. */
    public static final Param E_NA = B.param("eNa", "mV", 50.0, -200.0, 200.0);
    /** Potassium reversal potential, mV. */
    public static final Param E_K = B.param("eK", "mV", -77.0, -200.0, 200.0);
    /** Leak reversal potential, mV. */
    public static final Param E_LEAK = B.param("eLeak", "mV", -54.3, -200.0, 200.0);
    /** Sodium activation gate. */
    public static final StateVar M = B.state("m", "1", 0.2, 0.0, 1.0);
    /** Sodium inactivation gate. */
    public static final StateVar H = B.state("h", "1", 0.2, 0.0, 1.0);
    /** Potassium activation gate. */
    public static final StateVar N = B.state("n", "1", 0.2, 0.0, 1.0);

    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr v = B.v();
        // 0.1·trap(−(v+40), 10) with trap(x, y) = x/(exp(x/y) − 1) = y·efun(x/y).
        Expr alphaM = mul(c(0.1 * 10.0), efun(div(neg(add(v, c(40.0))), c(10.0))));
        Expr betaM = mul(c(4.0), saveExp(div(neg(add(v, c(65.0))), c(18.0))));
        Expr alphaH = mul(c(0.07), saveExp(div(neg(add(v, c(65.0))), c(20.0))));
        Expr betaH = div(c(1.0), add(saveExp(div(neg(add(v, c(35.0))), c(10.0))), c(1.0)));
        Expr alphaN = mul(c(0.01 * 10.0), efun(div(neg(add(v, c(55.0))), c(10.0))));
        Expr betaN = mul(c(0.125), saveExp(div(neg(add(v, c(65.0))), c(80.0))));
        B.gateAlphaBeta(M, alphaM, betaM);
        B.gateAlphaBeta(H, alphaH, betaH);
        B.gateAlphaBeta(N, alphaN, betaN);
        Expr iNa = mul(G_NA.expr(), pow(M.expr(), 3), H.expr(), sub(v, E_NA.expr()));
        Expr iK = mul(G_K.expr(), pow(N.expr(), 4), sub(v, E_K.expr()));
        Expr iLeak = mul(G_LEAK.expr(), sub(v, E_LEAK.expr()));
        MECHANISM = B.current("i_HH", add(iNa, iK, iLeak)).build();
    }

    private HH() {
    }
}
