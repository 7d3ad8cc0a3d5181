package org.huxley.io.model;

import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;

/**
 * A parameter to fit, as a model file declares it: a field on a selection of compartments (or of
 * synapses), shared as the selection says (Jaxley's rule: the whole model or a group gives one
 * value, a cells / branches / comps selection one per cell / branch / compartment), optionally one
 * per compartment, with bounds for the fit.
 *
 * @param where compartments (null when {@code synapses} is given)
 * @param synapses synapses (null for compartments)
 * @param field field key, e.g. {@code HH.gNa}, {@code radius}, {@code IonotropicSynapse.gS}
 * @param initialValue the value fits start from, or NaN for the members' current mean
 * @param lower lower bound, or NaN for the field's valid minimum
 * @param upper upper bound, or NaN for the field's valid maximum
 * @param logScale whether the fit works on a log scale between the bounds (needs 0 &lt; lower)
 * @param perElement one parameter per selected compartment instead of the selection's sharing
 */
public record Trainable(Selector where, EdgeSelector synapses, String field, double initialValue, double lower,
        double upper, boolean logScale, boolean perElement) {
    public Trainable {
        if ((where == null) == (synapses == null)) {
            throw new IllegalArgumentException("a trainable selects either compartments or synapses");
        }
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a trainable needs a field");
        }
        if (perElement && (synapses != null || !Double.isNaN(initialValue))) {
            throw new IllegalArgumentException("a per-compartment trainable selects compartments and starts from their values"
                    + " (no synapses, no initial value)");
        }
        if (!Double.isNaN(lower) && !Double.isNaN(upper) && !(lower < upper)) {
            throw new IllegalArgumentException("trainable " + field + ": lower bound " + lower + " must be below upper "
                    + upper);
        }
    }

    /** A field on compartments with bounds, starting from the members' current values. */
    public static Trainable of(Selector where, String field, double lower, double upper) {
        return new Trainable(where, null, field, Double.NaN, lower, upper, false, false);
    }

    /** Whether explicit bounds were given (else the field's valid range applies). */
    public boolean hasBounds() {
        return !Double.isNaN(lower) || !Double.isNaN(upper);
    }

    /** Declares this trainable's parameters in {@code layout} (one add call, one entry). */
    void declare(Module module, ParameterLayout layout) {
        Field f = ModelNames.field(module, field);
        if (synapses != null) {
            if (!(module instanceof Network net)) {
                throw new org.huxley.ModelException("synapse trainable " + field + ": the model is not a network");
            }
            layout.add(synapses.view(net), f);
        } else if (perElement) {
            layout.addPerElement(where.view(module), f);
        } else if (Double.isNaN(initialValue)) {
            layout.add(where.view(module), f);
        } else {
            layout.add(where.view(module), f, initialValue);
        }
    }
}
