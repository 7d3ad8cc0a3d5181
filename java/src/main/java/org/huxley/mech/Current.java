package org.huxley.mech;

/**
 * A named membrane current that can be recorded, e.g. {@code i_HH} or {@code i_K}. Several
 * mechanisms may share a name (Pospischil K and Km both carry {@code i_K}); recording the name
 * gives their sum. Channel currents are in mA/cm² (outward positive); synaptic currents in nA.
 *
 * @param name the current's name
 * @param unit {@code mA/cm^2} for channels, {@code nA} for synapses
 */
public record Current(String name, String unit) {
    /** Checks that the name is not blank. */
    public Current {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("current name must not be blank");
        }
    }
}
