package org.huxley.mech;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sub;
import static org.huxley.expr.Exprs.sym;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huxley.expr.Expr;
import org.huxley.expr.Symbol;
import org.huxley.model.FieldInfo;

/**
 * Fluent description of a {@link Mechanism}. Declare parameters and states (each returns its typed
 * handle, usable in expressions), give each state its dynamics, then the current:
 *
 * <pre>{@code
 * MechanismBuilder b = Mechanism.channel("Leak2");
 * Param g = b.param("g", "S/cm^2", 1e-4, 0, 1);
 * Param e = b.param("e", "mV", -65, -200, 200);
 * Mechanism leak = b.current("i_Leak2", mul(g.expr(), sub(b.v(), e.expr()))).build();
 * }</pre>
 *
 * <p>Gate updates follow Jaxley's exponential Euler with {@code saveExp(x) = exp(min(x, 20))}.
 */
public final class MechanismBuilder {
    private final String name;
    private final MechanismKind kind;
    private final List<Param> params = new ArrayList<>();
    private final List<StateVar> states = new ArrayList<>();
    private final Map<StateVar, Expr> updates = new LinkedHashMap<>();
    private final Map<StateVar, Expr> steady = new LinkedHashMap<>();
    private Current current;
    private Expr currentExpr;

    MechanismBuilder(String name, MechanismKind kind) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("mechanism name must be an identifier: " + name);
        }
        this.name = name;
        this.kind = kind;
    }

    /**
     * Declares a parameter owned by this mechanism (key {@code name.shortName}).
     *
     * @param shortName name within the mechanism
     * @param unit unit, for messages and docs
     * @param defaultValue default value
     * @param lo lowest valid value
     * @param hi highest valid value
     * @return the parameter's handle
     */
    public Param param(String shortName, String unit, double defaultValue, double lo, double hi) {
        Param p = new Param(name, new FieldInfo(shortName, unit, defaultValue, lo, hi));
        addParam(p);
        return p;
    }

    /**
     * Uses a parameter shared with other mechanisms (one value per compartment for all).
     *
     * @param shared the shared parameter
     * @return the same handle
     */
    public Param use(Param shared) {
        if (!shared.isShared()) {
            throw new IllegalArgumentException(shared.key() + " is not a shared parameter");
        }
        addParam(shared);
        return shared;
    }

    private void addParam(Param p) {
        for (Param q : params) {
            if (q.info().name().equals(p.info().name())) {
                throw new IllegalArgumentException(name + ": duplicate parameter " + p.info().name());
            }
        }
        params.add(p);
    }

    /**
     * Declares a state with its default initial value (dimensionless unless given).
     *
     * @param shortName name within the mechanism
     * @param initial default initial value
     * @return the state's handle
     */
    public StateVar state(String shortName, double initial) {
        return state(shortName, "1", initial, -1e12, 1e12);
    }

    /**
     * Declares a state with unit and valid range.
     *
     * @param shortName name within the mechanism
     * @param unit unit
     * @param initial default initial value
     * @param lo lowest valid value
     * @param hi highest valid value
     * @return the state's handle
     */
    public StateVar state(String shortName, String unit, double initial, double lo, double hi) {
        for (StateVar s : states) {
            if (s.info().name().equals(shortName)) {
                throw new IllegalArgumentException(name + ": duplicate state " + shortName);
            }
        }
        StateVar s = new StateVar(name, new FieldInfo(shortName, unit, initial, lo, hi));
        states.add(s);
        return s;
    }

    /** {@return the membrane (post-synaptic) voltage, mV} */
    public Expr v() {
        return sym(Mechanism.V);
    }

    /** {@return the pre-synaptic voltage, mV (synapses only)} */
    public Expr vPre() {
        if (kind != MechanismKind.SYNAPSE) {
            throw new IllegalStateException(name + ": v_pre exists only for synapses");
        }
        return sym(Mechanism.V_PRE);
    }

    /**
     * The presynaptic spike indicator (1 in a step that receives a spike, else 0; synapses only).
     * A synapse using it is spike-driven: it is connected to spike trains
     * ({@code Network.connectSpikeTrains}) and must not use {@link #vPre()}.
     *
     * @return the indicator as an expression
     */
    public Expr spikes() {
        if (kind != MechanismKind.SYNAPSE) {
            throw new IllegalStateException(name + ": spikes exist only for synapses");
        }
        return sym(Mechanism.SPIKES);
    }

    /** {@return the time step, ms} */
    public Expr dt() {
        return sym(Mechanism.DT);
    }

    /**
     * Gate in α/β form (rates in 1/ms): τ = 1/(α+β), x∞ = α·τ, E = saveExp(−dt/τ),
     * x ← x·E + x∞·(1 − E). Steady state α/(α+β).
     *
     * @param x the gate
     * @param alpha opening rate α(v), 1/ms
     * @param beta closing rate β(v), 1/ms
     * @return this builder
     */
    public MechanismBuilder gateAlphaBeta(StateVar x, Expr alpha, Expr beta) {
        Expr tau = div(c(1.0), add(alpha, beta));
        Expr inf = mul(alpha, tau);
        return gate(x, inf, tau, div(alpha, add(alpha, beta)));
    }

    /**
     * Gate in x∞/τ form (τ in ms): E = saveExp(−dt/τ), x ← x·E + x∞·(1 − E). Steady state x∞.
     *
     * @param x the gate
     * @param inf steady state x∞(v)
     * @param tau time constant τ(v), ms
     * @return this builder
     */
    public MechanismBuilder gateInfTau(StateVar x, Expr inf, Expr tau) {
        return gate(x, inf, tau, inf);
    }

    private MechanismBuilder gate(StateVar x, Expr inf, Expr tau, Expr steadyState) {
        Expr e = saveExp(neg(div(dt(), tau)));
        Expr next = add(mul(x.expr(), e), mul(inf, sub(c(1.0), e)));
        return update(x, next, steadyState);
    }

    /**
     * Explicit update: the state's value after one step, optionally with its steady state.
     *
     * @param x the state
     * @param next its value after one step, an expression of v, states, parameters and dt
     * @param steadyStateOrNull its steady state at fixed v (for {@code initStates}), or null
     * @return this builder
     */
    public MechanismBuilder update(StateVar x, Expr next, Expr steadyStateOrNull) {
        requireOwn(x);
        if (updates.containsKey(x)) {
            throw new IllegalArgumentException(name + ": state " + x.key() + " already has dynamics");
        }
        updates.put(x, next);
        if (steadyStateOrNull != null) {
            steady.put(x, steadyStateOrNull);
        }
        return this;
    }

    /**
     * Forward-Euler update from a derivative dx/dt (per ms): x ← x + dt·f. No steady state.
     *
     * @param x the state
     * @param dxdt its derivative, per ms
     * @return this builder
     */
    public MechanismBuilder derivative(StateVar x, Expr dxdt) {
        return update(x, add(x.expr(), mul(dt(), dxdt)), null);
    }

    /**
     * Sets the current this mechanism carries, with its recordable name.
     *
     * @param currentName the name under which the current can be recorded
     * @param expr the current: mA/cm² for a channel, nA for a synapse; outward positive
     * @return this builder
     */
    public MechanismBuilder current(String currentName, Expr expr) {
        this.current = new Current(currentName, kind == MechanismKind.CHANNEL ? "mA/cm^2" : "nA");
        this.currentExpr = expr;
        return this;
    }

    private void requireOwn(StateVar x) {
        if (!states.contains(x)) {
            throw new IllegalArgumentException(name + ": " + x.key() + " is not a state of this mechanism");
        }
    }

    /**
     * Checks completeness (every state has dynamics, the current uses known symbols) and builds.
     *
     * @return the mechanism
     */
    public Mechanism build() {
        if (currentExpr == null) {
            throw new IllegalStateException(name + ": no current defined");
        }
        for (StateVar s : states) {
            if (!updates.containsKey(s)) {
                throw new IllegalStateException(name + ": state " + s.key() + " has no dynamics");
            }
        }
        Set<Symbol> known = new HashSet<>();
        known.add(Mechanism.V);
        known.add(Mechanism.DT);
        if (kind == MechanismKind.SYNAPSE) {
            known.add(Mechanism.V_PRE);
            known.add(Mechanism.SPIKES);
        }
        params.forEach(p -> known.add(p.symbol()));
        states.forEach(s -> known.add(s.symbol()));
        checkSymbols("current", currentExpr, known);
        updates.forEach((s, e) -> checkSymbols("update of " + s.key(), e, known));
        steady.forEach((s, e) -> checkSymbols("steady state of " + s.key(), e, known));
        if (kind == MechanismKind.SYNAPSE) {
            boolean usesPre = currentExpr.symbols().contains(Mechanism.V_PRE);
            boolean usesSpikes = currentExpr.symbols().contains(Mechanism.SPIKES);
            for (Expr e : updates.values()) {
                usesPre |= e.symbols().contains(Mechanism.V_PRE);
                usesSpikes |= e.symbols().contains(Mechanism.SPIKES);
            }
            if (usesPre && usesSpikes) {
                throw new IllegalStateException(name + ": a synapse is driven either by v_pre or by spikes, not both");
            }
        }
        return new Mechanism(name, kind, params, states, updates, steady, current, currentExpr);
    }

    private void checkSymbols(String what, Expr e, Set<Symbol> known) {
        for (Symbol s : e.symbols()) {
            if (!known.contains(s)) {
                throw new IllegalStateException(name + ": " + what + " uses unknown symbol '" + s.name()
                        + "' (declare it as a parameter or state of this mechanism)");
            }
        }
    }
}
