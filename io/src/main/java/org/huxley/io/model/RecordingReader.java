package org.huxley.io.model;

import java.util.List;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.mech.Current;
import org.huxley.mech.Mechanism;
import org.huxley.model.EdgeView;
import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Network;

/**
 * Reads the {@code "recordings"} of a model file, in order (the order of the output traces): a
 * field ({@code v} by default, or a mechanism state such as {@code HH.m}) or a named current
 * ({@code i_HH}) of compartments, or a state or the current of synapses.
 */
final class RecordingReader {
    private static final Set<String> KEYS = Set.of("where", "synapses", "field", "current");

    private RecordingReader() {
    }

    static void applyAll(JsonIn entries, Module module) {
        for (JsonIn e : entries.array(0)) {
            e.keys(KEYS);
            if (e.has("field") && e.has("current")) {
                throw e.fail("give either 'field' or 'current', not both");
            }
            if (e.has("synapses")) {
                if (e.has("where")) {
                    throw e.fail("give either 'where' (compartments) or 'synapses', not both");
                }
                synapses(e, module);
                continue;
            }
            List<Selector> where = Where.of(e);
            if (e.has("current")) {
                JsonIn c = e.req("current");
                Current current = current(c, module.mechanisms());
                Where.apply(e, where, module, c, v -> v.record(current));
            } else {
                JsonIn at = e.has("field") ? e.req("field") : e;
                Field f = field(at, module, e.has("field") ? at.string() : "v");
                Where.apply(e, where, module, at, v -> v.record(f));
            }
        }
    }

    private static void synapses(JsonIn e, Module module) {
        JsonIn s = e.req("synapses");
        if (!(module instanceof Network net)) {
            throw s.fail("the model is not a network; it has no synapses");
        }
        EdgeView edges = TrainableReader.edges(s, net);
        if (e.has("current")) {
            JsonIn c = e.req("current");
            Current current = current(c, net.synapseTypes());
            try {
                edges.record(current);
            } catch (ModelException ex) {
                throw c.fail(ex.getMessage());
            }
        } else {
            JsonIn at = e.req("field");
            Field f = field(at, module, at.string());
            try {
                edges.record(f);
            } catch (ModelException ex) {
                throw at.fail(ex.getMessage());
            }
        }
    }

    private static Field field(JsonIn at, Module module, String key) {
        try {
            return ModelNames.field(module, key);
        } catch (ModelException ex) {
            throw at.fail(ex.getMessage());
        }
    }

    private static Current current(JsonIn at, List<Mechanism> mechanisms) {
        String name = at.string();
        for (Mechanism m : mechanisms) {
            if (m.current().name().equals(name)) {
                return m.current();
            }
        }
        throw at.fail("unknown current '" + name + "' (currents here: "
                + mechanisms.stream().map(m -> m.current().name()).distinct().toList() + ")");
    }
}
