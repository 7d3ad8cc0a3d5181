package org.huxley.neuron;

import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.sub;

import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;

/** NEURON's {@code pas}: i = g·(v − e), current {@code i_pas} in mA/cm², NEURON's defaults. */
public final class NeuronPas {
    private static final MechanismBuilder B = Mechanism.channel("pas");
    /** g_pas, S/cm². */
    public static final Param G = B.param("g", "S/cm^2", 0.001, 0.0, 100.0);
    /** e_pas, mV. */
    public static final Param E = B.param("e", "mV", -70.0, -200.0, 200.0);
    /** The mechanism to insert. */
    public static final Mechanism MECHANISM = B.current("i_pas", mul(G.expr(), sub(B.v(), E.expr()))).build();

    private NeuronPas() {
    }
}
