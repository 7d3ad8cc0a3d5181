package org.huxley.model;

/**
 * The fields every compartment has: geometry, passive membrane properties and the initial voltage.
 * Units are in the constant names' Javadoc and in {@link #info()}.
 */
public enum CompartmentField implements Field {
    /** Compartment length, µm. Setting it recomputes area, volume and loads as a cylinder. */
    LENGTH(new FieldInfo("length", "um", 10.0, 1e-9, 1e9)),
    /** Compartment radius, µm. Setting it recomputes area, volume and loads as a cylinder. */
    RADIUS(new FieldInfo("radius", "um", 1.0, 1e-9, 1e9)),
    /** Axial resistivity, Ω·cm (Jaxley's default 5000, not NEURON's 35.4). */
    AXIAL_RESISTIVITY(new FieldInfo("axial_resistivity", "ohm*cm", 5000.0, 1e-9, 1e12)),
    /** Specific membrane capacitance, µF/cm². */
    CAPACITANCE(new FieldInfo("capacitance", "uF/cm^2", 1.0, 1e-9, 1e9)),
    /** Membrane area, µm² (2πrl for a cylinder; frusta for SWC cells). */
    AREA(new FieldInfo("area", "um^2", 2 * Math.PI * 10.0, 1e-12, 1e15)),
    /** Volume, µm³ (πr²l for a cylinder). */
    VOLUME(new FieldInfo("volume", "um^3", Math.PI * 10.0, 0.0, 1e18)),
    /** Resistive load of the proximal half, (1/π)∫dl/r², 1/µm. */
    RESISTIVE_LOAD_IN(new FieldInfo("resistive_load_in", "1/um", 5.0 / Math.PI, 1e-15, 1e15)),
    /** Resistive load of the distal half, (1/π)∫dl/r², 1/µm. */
    RESISTIVE_LOAD_OUT(new FieldInfo("resistive_load_out", "1/um", 5.0 / Math.PI, 1e-15, 1e15)),
    /** Initial membrane voltage, mV. */
    V(new FieldInfo("v", "mV", -70.0, -1e4, 1e4));

    private final FieldInfo info;

    CompartmentField(FieldInfo info) {
        this.info = info;
    }

    @Override
    public String key() {
        return info.name();
    }

    @Override
    public FieldInfo info() {
        return info;
    }

    @Override
    public boolean isState() {
        return this == V;
    }

    /** {@return whether setting this field recomputes the cylinder-derived values (area, volume, loads)} */
    public boolean recomputesCylinder() {
        return this == LENGTH || this == RADIUS;
    }
}
