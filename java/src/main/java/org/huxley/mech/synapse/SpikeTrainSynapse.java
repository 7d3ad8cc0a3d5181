package org.huxley.mech.synapse;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sub;

import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * A conductance synapse driven by given presynaptic spike times (no presynaptic cell; connect it with
 * {@code Network.connectSpikeTrains}). In every step the activation decays, then each spike that
 * falls into the step moves it a fraction w towards 1:
 *
 * <pre>
 *   s ← s·E + k·w·(1 − s·E),   E = saveExp(−dt/τ),   k = 1 if a spike falls into the step, else 0
 *   I = gS·s·(v_post − e_syn)   (nA)
 * </pre>
 *
 * From rest (s = 0) a single spike gives s = w right after its step, then s decays with τ. Every
 * parameter, w included, is trainable; the spike times are inputs (docs/networks.md).
 */
public final class SpikeTrainSynapse {
    private static final MechanismBuilder B = Mechanism.synapse("SpikeTrainSynapse");
    /** Maximal conductance, µS. */
    public static final Param G_S = B.param("gS", "uS", 1e-4, 0.0, 1e3);
    /** Synaptic reversal potential, mV. */
    public static final Param E_SYN = B.param("e_syn", "mV", 0.0, -200.0, 200.0);
    /** Decay time constant of the activation, ms. */
    public static final Param TAU = B.param("tau", "ms", 5.0, 1e-6, 1e6);
    /** Weight: the fraction of the remaining distance to 1 that one spike adds to the activation. */
    public static final Param W = B.param("w", "1", 0.5, 0.0, 1.0);
    /** Synaptic activation. */
    public static final StateVar S = B.state("s", "1", 0.0, 0.0, 1.0);
    /** The mechanism to connect with. */
    public static final Mechanism MECHANISM;

    static {
        Expr decayed = mul(S.expr(), saveExp(neg(div(B.dt(), TAU.expr()))));
        B.update(S, add(decayed, mul(B.spikes(), W.expr(), sub(c(1.0), decayed))), null);
        MECHANISM = B.current("i_SpikeTrainSynapse", mul(G_S.expr(), S.expr(), sub(B.v(), E_SYN.expr()))).build();
    }

    private SpikeTrainSynapse() {
    }
}
