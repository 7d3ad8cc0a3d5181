package org.huxley.mech.synapse;

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
 * Jaxley's IonotropicSynapse (reference-numerics §7): s∞ = 1/(1 + exp((v_th − v_pre)/δ)),
 * τ = (1 − s∞)/k₋, exponential-Euler update of s, current gS·s·(v_post − e_syn) in nA.
 */
public final class IonotropicSynapse {
    private static final MechanismBuilder B = Mechanism.synapse("IonotropicSynapse");
    /** Maximal conductance, µS. */
    public static final Param G_S = B.param("gS", "uS", 1e-4, 0.0, 1e3);
    /** Synaptic reversal potential, mV. */
    public static final Param E_SYN = B.param("e_syn", "mV", 0.0, -200.0, 200.0);
    /** Unbinding rate, 1/ms. */
    public static final Param K_MINUS = B.param("k_minus", "1/ms", 0.025, 1e-9, 1e6);
    /** Half-activation pre-synaptic voltage, mV. */
    public static final Param V_TH = B.param("v_th", "mV", -35.0, -200.0, 200.0);
    /** Slope of the activation, mV. */
    public static final Param DELTA = B.param("delta", "mV", 10.0, 1e-9, 1e3);
    /** Synaptic activation. */
    public static final StateVar S = B.state("s", "1", 0.2, 0.0, 1.0);
    /** The mechanism to connect with. */
    public static final Mechanism MECHANISM;

    static {
        Expr sInf = div(c(1.0), add(c(1.0), saveExp(div(sub(V_TH.expr(), B.vPre()), DELTA.expr()))));
        Expr tau = div(sub(c(1.0), sInf), K_MINUS.expr());
        B.gateInfTau(S, sInf, tau);
        MECHANISM = B.current("i_IonotropicSynapse",
                mul(G_S.expr(), S.expr(), sub(B.v(), E_SYN.expr()))).build();
    }

    private IonotropicSynapse() {
    }
}
