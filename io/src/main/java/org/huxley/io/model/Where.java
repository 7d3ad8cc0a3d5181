package org.huxley.io.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.huxley.ModelException;
import org.huxley.model.Module;
import org.huxley.model.View;

/**
 * The {@code "where"} of a model file: one {@link Selector} object, or an array of them applied
 * one after another (so the writer can name any set of compartments in model order). Absent means
 * the whole model.
 */
final class Where {
    static final Set<String> KEYS = Set.of("cells", "group", "branches", "comps", "loc");

    private Where() {
    }

    /** A single selector object. */
    static Selector selector(JsonIn in) {
        in.keys(KEYS);
        Double loc = null;
        if (in.has("loc")) {
            JsonIn l = in.req("loc");
            loc = l.number();
            if (!(loc >= 0 && loc <= 1)) {
                throw l.fail("loc must lie in [0, 1], got " + loc);
            }
        }
        return new Selector(in.has("cells") ? in.req("cells").indices() : null,
                in.has("group") ? in.req("group").string() : null,
                in.has("branches") ? in.req("branches").indices() : null,
                in.has("comps") ? in.req("comps").indices() : null, loc);
    }

    /** The {@code where} key of an object: absent → the whole model; an object; or an array of objects. */
    static List<Selector> of(JsonIn owner) {
        JsonIn w = owner.opt("where");
        if (w == null) {
            return List.of(Selector.all());
        }
        if (!w.isArray()) {
            return List.of(selector(w));
        }
        List<Selector> out = new ArrayList<>();
        for (JsonIn x : w.array(1)) {
            out.add(selector(x));
        }
        return out;
    }

    /** Applies {@code action} to each selector's view, naming the {@code where} path on failure. */
    static void apply(JsonIn owner, List<Selector> where, Module module, Consumer<View> action) {
        apply(owner, where, module, owner, action);
    }

    /** As {@link #apply(JsonIn, List, Module, Consumer)}; a failing action is reported at {@code actionAt}. */
    static void apply(JsonIn owner, List<Selector> where, Module module, JsonIn actionAt, Consumer<View> action) {
        for (int i = 0; i < where.size(); i++) {
            View v;
            try {
                v = where.get(i).view(module);
            } catch (ModelException e) {
                JsonIn w = owner.isObject() && owner.has("where") ? owner.req("where") : owner;
                String path = w.isArray() ? w.path() + "[" + i + "]" : w.path();
                throw ModelFileException.at(owner.source(), path, e.getMessage());
            }
            try {
                action.accept(v);
            } catch (ModelException e) {
                throw actionAt.fail(e.getMessage());
            }
        }
    }
}
