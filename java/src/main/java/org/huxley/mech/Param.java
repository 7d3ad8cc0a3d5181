package org.huxley.mech;

import java.util.Objects;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.Symbol;
import org.huxley.model.Field;
import org.huxley.model.FieldInfo;

/**
 * A typed handle of a mechanism parameter. Its key is {@code Mechanism.name} (e.g. {@code HH.gNa}),
 * or the bare name for a parameter shared by several mechanisms (e.g. the potassium reversal
 * {@code eK} of the Pospischil K and Km channels, one value per compartment for both).
 */
public final class Param implements Field {
    private final String owner;
    private final FieldInfo info;
    private final String key;
    private final Symbol symbol;

    Param(String owner, FieldInfo info) {
        this.owner = owner;
        this.info = Objects.requireNonNull(info, "info");
        this.key = owner == null ? info.name() : owner + "." + info.name();
        this.symbol = Symbol.of(key);
    }

    /**
     * A parameter shared by every mechanism that {@linkplain MechanismBuilder#use(Param) uses} it;
     * a compartment holds one value of it whatever the number of such mechanisms.
     *
     * @param name the parameter's name
     * @param unit its unit
     * @param defaultValue default value
     * @param lo lowest valid value
     * @param hi highest valid value
     * @return the shared parameter
     */
    public static Param shared(String name, String unit, double defaultValue, double lo, double hi) {
        return new Param(null, new FieldInfo(name, unit, defaultValue, lo, hi));
    }

    /** {@return the owning mechanism's name, or null for a shared parameter} */
    public String owner() {
        return owner;
    }

    /** {@return whether this parameter is shared by the mechanisms that use it (one value per compartment)} */
    public boolean isShared() {
        return owner == null;
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
        return false;
    }

    /** {@return the symbol standing for this parameter in mechanism expressions} */
    public Symbol symbol() {
        return symbol;
    }

    /**
     * This parameter as an expression.
     *
     * @return the symbol as an expression
     */
    public Expr expr() {
        return Exprs.sym(symbol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Param p && p.key.equals(key);
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
