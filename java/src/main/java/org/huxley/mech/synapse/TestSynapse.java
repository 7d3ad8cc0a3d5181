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
 * Jaxley's TestSynapse, kept for parity tests: the {@link IonotropicSynapse} dynamics with fixed
 * v_th = −35 mV, δ = 10 mV, k₋ = 1/40 ms⁻¹ and e_syn = 0 mV; only gC is a parameter.
 */
public final class TestSynapse {
    private static final MechanismBuilder B = Mechanism.synapse("TestSynapse");
    /** Maximal conductance, µS. */
    public static final Param G_C = B.param("gC", "uS", 1e-4, 0.0, 1e3);
    /** Synaptic activation. */
    public static final StateVar C = B.state("c", "1", 0.2, 0.0, 1.0);
    /** The mechanism to connect with. */
    public static final Mechanism MECHANISM;

    static {
        Expr sInf = div(c(1.0), add(c(1.0), saveExp(div(sub(c(-35.0), B.vPre()), c(10.0)))));
        Expr tau = div(sub(c(1.0), sInf), c(1.0 / 40.0));
        B.gateInfTau(C, sInf, tau);
        MECHANISM = B.current("i_TestSynapse", mul(G_C.expr(), C.expr(), B.v())).build();
    }

    private TestSynapse() {
    }
}
