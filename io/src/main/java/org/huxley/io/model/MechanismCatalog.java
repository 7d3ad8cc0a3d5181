package org.huxley.io.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;

/** The mechanisms a model file can name: the built-in ones and the file's own, by name. */
final class MechanismCatalog {
    private final Map<String, Mechanism> byName = new LinkedHashMap<>(BuiltinMechanisms.all());

    void add(JsonIn at, Mechanism m) {
        if (byName.containsKey(m.name())) {
            throw at.fail("mechanism '" + m.name() + "' is defined twice");
        }
        byName.put(m.name(), m);
    }

    /** A mechanism of the given kind by name; unknown names fail listing the known ones of that kind. */
    Mechanism get(JsonIn at, String name, MechanismKind kind) {
        Mechanism m = byName.get(name);
        if (m == null || m.kind() != kind) {
            String what = kind == MechanismKind.CHANNEL ? "mechanism" : "synapse type";
            String known = String.join(", ", byName.values().stream().filter(x -> x.kind() == kind)
                    .map(Mechanism::name).toList());
            String hint = m == null ? "" : " ('" + name + "' is a " + (kind == MechanismKind.CHANNEL ? "synapse" : "channel") + ")";
            throw at.fail("unknown " + what + " '" + name + "'" + hint + " (known: " + known + ")");
        }
        return m;
    }
}
