package org.huxley.morph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of an SWC file with their parent links checked: every parent exists, following
 * parents always reaches a root (no cycles), point 1 exists (Jaxley's reader needs it), and the
 * file holds one tree unless several are allowed. Points are kept in file order; "node" below means
 * a position in that order.
 */
final class SwcTree {
    final String source;
    final List<SwcPoint> points;
    /** Node of each point's parent, −1 for a root. */
    final int[] parentNode;
    /** Node of the point with index 1. */
    final int nodeOfIndex1;

    private SwcTree(String source, List<SwcPoint> points, int[] parentNode, int nodeOfIndex1) {
        this.source = source;
        this.points = points;
        this.parentNode = parentNode;
        this.nodeOfIndex1 = nodeOfIndex1;
    }

    /**
     * @param allowMultipleTrees whether several roots (parent −1) are accepted
     * @throws SwcFormatException for a missing parent, a cycle, a missing point 1, a file with a
     *     single point, or several trees when they are not allowed
     */
    static SwcTree of(String source, List<SwcPoint> points, boolean allowMultipleTrees) {
        int n = points.size();
        Map<Integer, Integer> nodeOf = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            nodeOf.put(points.get(i).index(), i);
        }
        int[] parentNode = new int[n];
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SwcPoint p = points.get(i);
            if (p.parent() == -1) {
                parentNode[i] = -1;
                roots.add(i);
                continue;
            }
            Integer q = nodeOf.get(p.parent());
            if (q == null) {
                throw new SwcFormatException(source, p.line(), "missing parent: point " + p.index() + " names parent "
                        + p.parent() + ", which is not in the file");
            }
            parentNode[i] = q;
        }
        checkAcyclic(source, points, parentNode);
        Integer one = nodeOf.get(1);
        if (one == null) {
            throw new SwcFormatException(source, points.get(0).line(),
                    "no point with index 1: SWC indices start at 1 and Jaxley's reader relies on point 1");
        }
        if (n < 2) {
            throw new SwcFormatException(source, points.get(0).line(),
                    "only one point: a cell needs at least two connected points");
        }
        if (roots.size() > 1 && !allowMultipleTrees) {
            SwcPoint second = points.get(roots.get(1));
            StringBuilder lines = new StringBuilder();
            for (int r : roots) {
                lines.append(lines.isEmpty() ? "" : ", ").append(points.get(r).line());
            }
            throw new SwcFormatException(source, second.line(), "multiple roots: point " + second.index()
                    + " is a second root (parent -1); the file holds " + roots.size()
                    + " separate trees (roots on lines " + lines + "). Jaxley's reader keeps only the tree that "
                    + "contains the lowest-index tip and silently drops the others; set "
                    + "SwcOptions.Builder.allowMultipleTrees(true) to do the same");
        }
        return new SwcTree(source, points, parentNode, one);
    }

    private static void checkAcyclic(String source, List<SwcPoint> points, int[] parentNode) {
        int n = points.size();
        byte[] state = new byte[n]; // 0 new, 1 on the current walk, 2 known to reach a root
        int[] walk = new int[n];
        for (int start = 0; start < n; start++) {
            int len = 0;
            int u = start;
            while (u != -1 && state[u] == 0) {
                state[u] = 1;
                walk[len++] = u;
                u = parentNode[u];
            }
            if (u != -1 && state[u] == 1) {
                StringBuilder cycle = new StringBuilder();
                int v = u;
                do {
                    cycle.append(points.get(v).index()).append(" -> ");
                    v = parentNode[v];
                } while (v != u);
                cycle.append(points.get(u).index());
                SwcPoint p = points.get(u);
                throw new SwcFormatException(source, p.line(), "cycle: following parents from point " + p.index()
                        + " never reaches a root (" + cycle + ")");
            }
            for (int k = 0; k < len; k++) {
                state[walk[k]] = 2;
            }
        }
    }
}
