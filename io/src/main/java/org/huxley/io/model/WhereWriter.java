package org.huxley.io.model;

import java.util.ArrayList;
import java.util.List;
import org.huxley.model.Module;
import org.huxley.model.Site;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a set of compartments as a {@code "where"}: null for the whole model, else whole cells,
 * runs of whole branches and single branches' compartments, in model order (so applying the pieces
 * one after another visits the sites in the same order).
 */
final class WhereWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WhereWriter() {
    }

    /** @param sites distinct sites in model order */
    static JsonNode of(Module m, List<Site> sites) {
        int total = 0;
        for (int c = 0; c < m.numCells(); c++) {
            total += cellSize(m, c);
        }
        if (sites.size() == total) {
            return null;
        }
        List<ObjectNode> pieces = new ArrayList<>();
        int i = 0;
        while (i < sites.size()) {
            int c = sites.get(i).cell();
            int j = i;
            while (j < sites.size() && sites.get(j).cell() == c) {
                j++;
            }
            cellPieces(m, c, sites.subList(i, j), pieces);
            i = j;
        }
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        ArrayNode a = NODES.arrayNode();
        pieces.forEach(a::add);
        return a;
    }

    private static int cellSize(Module m, int c) {
        int n = 0;
        for (int b = 0; b < m.numBranches(c); b++) {
            n += m.numComps(c, b);
        }
        return n;
    }

    private static void cellPieces(Module m, int c, List<Site> sites, List<ObjectNode> out) {
        if (sites.size() == cellSize(m, c)) {
            out.add(NODES.objectNode().put("cells", c));
            return;
        }
        List<Integer> wholeRun = new ArrayList<>();
        int i = 0;
        while (i < sites.size()) {
            int b = sites.get(i).branch();
            int j = i;
            while (j < sites.size() && sites.get(j).branch() == b) {
                j++;
            }
            if (j - i == m.numComps(c, b)) {
                wholeRun.add(b);
            } else {
                flush(c, wholeRun, out);
                ObjectNode o = NODES.objectNode().put("cells", c).put("branches", b);
                o.set("comps", ints(sites.subList(i, j).stream().map(Site::comp).toList()));
                out.add(o);
            }
            i = j;
        }
        flush(c, wholeRun, out);
    }

    private static void flush(int c, List<Integer> branches, List<ObjectNode> out) {
        if (!branches.isEmpty()) {
            out.add(NODES.objectNode().put("cells", c).set("branches", ints(branches)));
            branches.clear();
        }
    }

    /** One integer as a number, several as an array. */
    static JsonNode ints(List<Integer> xs) {
        if (xs.size() == 1) {
            return NODES.numberNode(xs.get(0));
        }
        ArrayNode a = NODES.arrayNode();
        xs.forEach(a::add);
        return a;
    }

    /** A selector as a where object. */
    static ObjectNode of(Selector s) {
        ObjectNode o = NODES.objectNode();
        if (s.cells() != null) {
            o.set("cells", ints(s.cells()));
        }
        if (s.group() != null) {
            o.put("group", s.group());
        }
        if (s.branches() != null) {
            o.set("branches", ints(s.branches()));
        }
        if (s.comps() != null) {
            o.set("comps", ints(s.comps()));
        }
        if (s.loc() != null) {
            o.put("loc", s.loc());
        }
        return o;
    }
}
