package org.huxley.mech;

import java.util.Objects;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.Symbol;
import org.huxley.model.Field;
import org.huxley.model.FieldInfo;

/**
 * A typed handle of a mechanism state (a gate, a synaptic activation). Its key is
 * {@code Mechanism.name}, e.g. {@code HH.m}; its {@link FieldInfo#defaultValue()} is the initial
 * value used unless one is set or {@code initStates()} computes the steady state.
 */
public final class StateVar implements Field {
    private final String owner;
    private final FieldInfo info;
    private final String key;
    private final Symbol symbol;

    StateVar(String owner, FieldInfo info) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.info = Objects.requireNonNull(info, "info");
        this.key = owner + "." + info.name();
        this.symbol = Symbol.of(key);
    }

    /** {@return the name of the mechanism this state belongs to} */
    public String owner() {
        return owner;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public FieldInfo info() {
        return info;
    }

    @Override
    public boolean isState() {
        return true;
    }

    /** {@return the symbol standing for the state's value at the start of the step} */
    public Symbol symbol() {
        return symbol;
    }

    /**
     * This state as an expression.
     *
     * @return the symbol as an expression
     */
    public Expr expr() {
        return Exprs.sym(symbol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateVar s && s.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key + " [" + info.unit() + "]";
    }
}
