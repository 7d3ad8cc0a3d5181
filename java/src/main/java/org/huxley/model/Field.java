package org.huxley.model;

/**
 * A typed handle of a per-compartment (or per-synapse) quantity that can be set, recorded or
 * declared in a parameter layout: geometry ({@link CompartmentField}), mechanism parameters and
 * mechanism states ({@code org.huxley.mech.Param}, {@code org.huxley.mech.StateVar}).
 */
public interface Field {
    /**
     * Unique key inside a model, e.g. {@code radius}, {@code HH.gNa}, or a shared {@code eK}.
     *
     * @return the key
     */
    String key();

    /** {@return unit, default and valid range} */
    FieldInfo info();

    /** {@return whether the field is an initial state (v or a mechanism state) rather than a parameter} */
    boolean isState();
}
