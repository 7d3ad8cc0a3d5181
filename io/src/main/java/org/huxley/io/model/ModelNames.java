package org.huxley.io.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.CompartmentField;
import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Network;

/**
 * Resolves the names a model file uses to the model's typed handles: fields by key
 * ({@code radius}, {@code v}, {@code HH.gNa}, a shared {@code eK}, {@code IonotropicSynapse.gS})
 * and synapse types by name. Unknown names fail listing the known ones.
 */
final class ModelNames {
    private ModelNames() {
    }

    /** Every field a model can set, record or train, by key, in model order. */
    static Map<String, Field> fields(Module module) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (CompartmentField f : CompartmentField.values()) {
            out.put(f.key(), f);
        }
        List<Mechanism> mechs = new ArrayList<>(module.mechanisms());
        if (module instanceof Network net) {
            mechs.addAll(net.synapseTypes());
        }
        for (Mechanism m : mechs) {
            for (Param p : m.params()) {
                out.putIfAbsent(p.key(), p);
            }
            for (StateVar s : m.states()) {
                out.putIfAbsent(s.key(), s);
            }
        }
        return out;
    }

    /** The field with this key. */
    static Field field(Module module, String key) {
        Field f = fields(module).get(key);
        if (f == null) {
            throw new ModelException("unknown field '" + key + "' (known here: " + String.join(", ",
                    fields(module).keySet()) + ")");
        }
        return f;
    }

    /** The synapse type of a network by name. */
    static Mechanism synapseType(Network network, String name) {
        for (Mechanism m : network.synapseTypes()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new ModelException("the network has no synapse of type '" + name + "' (its synapse types: "
                + network.synapseTypes().stream().map(Mechanism::name).toList() + ")");
    }
}
