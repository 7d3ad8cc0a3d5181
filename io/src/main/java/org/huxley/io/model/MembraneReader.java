package org.huxley.io.model;

import java.util.List;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.model.Field;
import org.huxley.model.Module;

/**
 * Applies the {@code "membrane"} rules of a model file, in order: each inserts mechanisms into
 * and sets values on its {@code where} selection, then optionally sets gates to their steady
 * state ({@code "init_states": true}).
 */
final class MembraneReader {
    private static final Set<String> KEYS = Set.of("where", "insert", "set", "init_states");

    private MembraneReader() {
    }

    static void applyAll(JsonIn rules, Module module, MechanismCatalog mechanisms) {
        for (JsonIn rule : rules.array(0)) {
            apply(rule, module, mechanisms);
        }
    }

    static void apply(JsonIn rule, Module module, MechanismCatalog mechanisms) {
        rule.keys(KEYS);
        List<Selector> where = Where.of(rule);
        if (rule.has("insert")) {
            for (JsonIn name : rule.req("insert").array(1)) {
                Mechanism m = mechanisms.get(name, name.string(), MechanismKind.CHANNEL);
                Where.apply(rule, where, module, name, v -> v.insert(m));
            }
        }
        if (rule.has("set")) {
            JsonIn set = rule.req("set");
            for (String key : set.names()) {
                JsonIn value = set.req(key);
                double x = value.number();
                Field f;
                try {
                    f = ModelNames.field(module, key);
                } catch (ModelException e) {
                    throw value.fail(e.getMessage());
                }
                Where.apply(rule, where, module, value, v -> v.set(f, x));
            }
        }
        if (rule.has("init_states") && rule.req("init_states").bool()) {
            Where.apply(rule, where, module, v -> v.initStates());
        }
    }
}
