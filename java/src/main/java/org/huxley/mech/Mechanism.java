package org.huxley.mech;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.huxley.ModelException;
import org.huxley.expr.Expr;
import org.huxley.expr.Symbol;

/**
 * A channel or synapse described once, as parameters, states and expressions: for every state the
 * expression of its value after one step (exponential-Euler gate updates are built by
 * {@link MechanismBuilder}), an optional steady-state expression, and the current. Every derivative
 * the engines need (∂I/∂v, ∂(update)/∂v, ∂/∂parameters) is derived from these expressions.
 *
 * <p>Expression symbols: {@link #V} (the compartment voltage, mV; for a synapse the post-synaptic
 * one), {@link #V_PRE} (pre-synaptic voltage, synapses only), {@link #SPIKES} (presynaptic spike
 * indicator of a spike-driven synapse), {@link #DT} (time step, ms), and each parameter's and
 * state's {@code symbol()}. A synapse is either voltage-driven (it may use {@code v_pre}) or
 * spike-driven (it uses {@code spikes} and is connected to given spike trains instead of a
 * presynaptic compartment; docs/networks.md).
 */
public final class Mechanism {
    /** Membrane voltage at the start of the step, mV (post-synaptic for synapses). */
    public static final Symbol V = Symbol.of("v");
    /** Pre-synaptic voltage at the start of the step, mV (synapses only). */
    public static final Symbol V_PRE = Symbol.of("v_pre");
    /**
     * Spike-driven synapses only: 1 in a step into which a spike of the synapse's spike train falls,
     * else 0 (at most one spike per synapse and step).
     */
    public static final Symbol SPIKES = Symbol.of("spikes");
    /** Time step, ms. */
    public static final Symbol DT = Symbol.of("dt");

    private final String name;
    private final MechanismKind kind;
    private final List<Param> params;
    private final List<StateVar> states;
    private final Map<StateVar, Expr> updates;
    private final Map<StateVar, Expr> steadyStates;
    private final Current current;
    private final Expr currentExpr;
    private final boolean spikeDriven;

    Mechanism(String name, MechanismKind kind, List<Param> params, List<StateVar> states,
            Map<StateVar, Expr> updates, Map<StateVar, Expr> steadyStates, Current current,
            Expr currentExpr) {
        this.name = name;
        this.kind = kind;
        this.params = List.copyOf(params);
        this.states = List.copyOf(states);
        this.updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
        this.steadyStates = Collections.unmodifiableMap(new LinkedHashMap<>(steadyStates));
        this.current = current;
        this.currentExpr = currentExpr;
        boolean spikes = currentExpr.symbols().contains(SPIKES);
        for (Expr e : this.updates.values()) {
            spikes |= e.symbols().contains(SPIKES);
        }
        this.spikeDriven = spikes;
    }

    /**
     * {@return a builder describing a membrane channel (current density in mA/cm²)}
     *
     * @param name the mechanism's name
     */
    public static MechanismBuilder channel(String name) {
        return new MechanismBuilder(name, MechanismKind.CHANNEL);
    }

    /**
     * {@return a builder describing a synapse (current in nA, may use {@link #V_PRE})}
     *
     * @param name the mechanism's name
     */
    public static MechanismBuilder synapse(String name) {
        return new MechanismBuilder(name, MechanismKind.SYNAPSE);
    }

    /**
     * The mechanism's name, e.g. {@code HH}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** {@return channel or synapse} */
    public MechanismKind kind() {
        return kind;
    }

    /**
     * Whether this synapse is driven by given presynaptic spike times ({@link #SPIKES}) rather than
     * by a presynaptic compartment's voltage.
     *
     * @return whether it is
     */
    public boolean spikeDriven() {
        return spikeDriven;
    }

    /** {@return parameters in declaration order (shared ones included)} */
    public List<Param> params() {
        return params;
    }

    /** {@return states in declaration order; they are advanced in this order, each from the old values} */
    public List<StateVar> states() {
        return states;
    }

    /**
     * {@return the state's value after one step, as an expression of v, v_pre, dt, params and old states}
     *
     * @param state one of this mechanism's states
     */
    public Expr update(StateVar state) {
        Expr e = updates.get(state);
        if (e == null) {
            throw new ModelException("mechanism " + name + " has no state " + state.key());
        }
        return e;
    }

    /**
     * {@return the state's steady-state value at fixed v, if the mechanism defines one}
     *
     * @param state one of this mechanism's states
     */
    public Optional<Expr> steadyState(StateVar state) {
        return Optional.ofNullable(steadyStates.get(state));
    }

    /** {@return the current this mechanism contributes (name and unit)} */
    public Current current() {
        return current;
    }

    /** {@return the current as an expression: mA/cm² (channel) or nA (synapse), outward positive} */
    public Expr currentExpr() {
        return currentExpr;
    }

    /**
     * Looks a parameter up by its short name (as model files name it).
     *
     * @param shortName the name within the mechanism
     * @return the parameter
     */
    public Param param(String shortName) {
        for (Param p : params) {
            if (p.info().name().equals(shortName)) {
                return p;
            }
        }
        throw new ModelException("mechanism " + name + " has no parameter '" + shortName
                + "'; its parameters are " + names(params));
    }

    /**
     * Looks a state up by its short name.
     *
     * @param shortName the name within the mechanism
     * @return the state
     */
    public StateVar state(String shortName) {
        for (StateVar s : states) {
            if (s.info().name().equals(shortName)) {
                return s;
            }
        }
        throw new ModelException("mechanism " + name + " has no state '" + shortName
                + "'; its states are " + names(states));
    }

    private static String names(List<? extends org.huxley.model.Field> fields) {
        List<String> out = new ArrayList<>();
        for (var f : fields) {
            out.add(f.info().name());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
