package org.huxley.neuron;

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
 * NEURON's built-in {@code hh} (hh.mod, SW Jaslove 1992) with exact rates ({@code usetable_hh = 0}):
 * α_m = 0.1·vtrap(−(v+40), 10), β_m = 4·exp(−(v+65)/18), α_h = 0.07·exp(−(v+65)/20),
 * β_h = 1/(exp(−(v+35)/10) + 1), α_n = 0.01·vtrap(−(v+55), 10), β_n = 0.125·exp(−(v+65)/80),
 * τ = 1/(q10·(α+β)), x∞ = α/(α+β), and the cnexp update x ← x + (1 − exp(−dt/τ))·(x∞ − x).
 * {@code q10 = 3^((celsius − 6.3)/10)} is a parameter here (1 at NEURON's default 6.3 °C, where this
 * equals Jaxley's HH). vtrap(x, y) = x/(exp(x/y) − 1) = y·efun(x/y); NEURON's vtrap switches to
 * its series below |x/y| &lt; 1e−6, {@code efun} below 1e−4: the two agree to roundoff.
 */
public final class NeuronHh {
    private static final MechanismBuilder B = Mechanism.channel("hh");

    /** gnabar, S/cm². */
    public static final Param GNABAR = B.param("gnabar", "S/cm^2", 0.12, 0.0, 100.0);
    /** gkbar, S/cm². */
    public static final Param GKBAR = B.param("gkbar", "S/cm^2", 0.036, 0.0, 100.0);
    /** gl, S/cm². */
    public static final Param GL = B.param("gl", "S/cm^2", 0.0003, 0.0, 100.0);
    /** el, mV. */
    public static final Param EL = B.param("el", "mV", -54.3, -200.0, 200.0);
    /** ena (NEURON's na ion), mV. */
    public static final Param ENA = B.param("ena", "mV", 50.0, -200.0, 200.0);
    /** ek (NEURON's k ion), mV. */
    public static final Param EK = B.param("ek", "mV", -77.0, -200.0, 200.0);
    /** Temperature factor 3^((celsius − 6.3)/10) of the time constants, dimensionless. */
    public static final Param Q10 = B.param("q10", "1", 1.0, 1e-6, 1e6);
    /** Sodium activation. */
    public static final StateVar M = B.state("m", "1", 0.0, 0.0, 1.0);
    /** Sodium inactivation. */
    public static final StateVar H = B.state("h", "1", 0.0, 0.0, 1.0);
    /** Potassium activation. */
    public static final StateVar N = B.state("n", "1", 0.0, 0.0, 1.0);

    /** The mechanism to insert. */
    public static final Mechanism MECHANISM;

    static {
        Expr v = B.v();
        Expr alphaM = mul(c(0.1 * 10.0), efun(div(neg(add(v, c(40.0))), c(10.0))));
        Expr betaM = mul(c(4.0), saveExp(div(neg(add(v, c(65.0))), c(18.0))));
        Expr alphaH = mul(c(0.07), saveExp(div(neg(add(v, c(65.0))), c(20.0))));
        Expr betaH = div(c(1.0), add(saveExp(div(neg(add(v, c(35.0))), c(10.0))), c(1.0)));
        Expr alphaN = mul(c(0.01 * 10.0), efun(div(neg(add(v, c(55.0))), c(10.0))));
        Expr betaN = mul(c(0.125), saveExp(div(neg(add(v, c(65.0))), c(80.0))));
        cnexp(M, alphaM, betaM);
        cnexp(H, alphaH, betaH);
        cnexp(N, alphaN, betaN);
        Expr ina = mul(GNABAR.expr(), pow(M.expr(), 3), H.expr(), sub(v, ENA.expr()));
        Expr ik = mul(GKBAR.expr(), pow(N.expr(), 4), sub(v, EK.expr()));
        Expr il = mul(GL.expr(), sub(v, EL.expr()));
        MECHANISM = B.current("i_hh", add(ina, ik, il)).build();
    }

    /** x ← x + (1 − exp(−dt/τ))·(x∞ − x), τ = 1/(q10·(α+β)), x∞ = α/(α+β); steady state x∞. */
    private static void cnexp(StateVar x, Expr alpha, Expr beta) {
        Expr sum = add(alpha, beta);
        Expr inf = div(alpha, sum);
        Expr tau = div(c(1.0), mul(Q10.expr(), sum));
        Expr decay = sub(c(1.0), saveExp(neg(div(B.dt(), tau))));
        B.update(x, add(x.expr(), mul(decay, sub(inf, x.expr()))), inf);
    }

    private NeuronHh() {
    }
}
