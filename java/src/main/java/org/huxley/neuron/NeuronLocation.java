package org.huxley.neuron;

import org.huxley.ModelException;

/**
 * A position in a NEURON section, {@code section(x)}: a recording site or where an IClamp sits.
 *
 * @param section the section's name
 * @param x the position along the section, 0 (its start) to 1 (its end)
 */
public record NeuronLocation(String section, double x) {
    /** Checks that x lies in [0, 1]. */
    public NeuronLocation {
        if (section == null || section.isBlank()) {
            throw new ModelException("a NEURON location needs a section name");
        }
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new ModelException(section + "(" + x + "): x must lie in [0, 1]");
        }
    }

    @Override
    public String toString() {
        return section + "(" + x + ")";
    }
}
