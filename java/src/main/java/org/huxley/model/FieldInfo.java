package org.huxley.model;

/**
 * Metadata of one model field: its name, unit, default value and the range of values that make
 * physical sense. Trainable parameters take their default bounds from {@code lo} and {@code hi}.
 *
 * @param name short name without mechanism prefix, e.g. {@code gNa}
 * @param unit unit as text, e.g. {@code S/cm^2}
 * @param defaultValue value used when nothing was set
 * @param lo lowest valid value (inclusive)
 * @param hi highest valid value (inclusive)
 */
public record FieldInfo(String name, String unit, double defaultValue, double lo, double hi) {
    /** Checks that the name is not blank and that lo ≤ hi. */
    public FieldInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("field " + name + ": lo " + lo + " > hi " + hi);
        }
    }

    /**
     * {@return whether {@code value} lies in [lo, hi] (and is not NaN)}
     *
     * @param value the value
     */
    public boolean accepts(double value) {
        return value >= lo && value <= hi;
    }
}
