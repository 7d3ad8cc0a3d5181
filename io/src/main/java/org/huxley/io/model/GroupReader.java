package org.huxley.io.model;

import java.util.List;
import org.huxley.model.Module;

/** Defines named groups ({@code "groups": {"name": where, ...}}) on a module, in file order. */
final class GroupReader {
    private GroupReader() {
    }

    static void apply(JsonIn groups, Module module) {
        for (String name : groups.names()) {
            JsonIn g = groups.req(name);
            if (name.isBlank()) {
                throw g.fail("group names must not be blank");
            }
            List<Selector> where;
            if (g.isArray()) {
                where = g.array(1).stream().map(Where::selector).toList();
            } else {
                where = List.of(Where.selector(g));
            }
            Where.apply(g, where, module, v -> v.addToGroup(name));
        }
    }
}
