package org.huxley.morph;

import java.util.Arrays;

/**
 * One branch as traced through the SWC graph: its nodes in traversal order (the first is the
 * branch point or root it starts from) and the lengths of the edges between them.
 *
 * @param nodes node ids (see {@link SwcGraph}) in traversal order, at least two
 * @param edgeLengthsUm length of each edge, µm ({@code nodes.length − 1} values); Jaxley's lengths,
 *     i.e. Euclidean distances floored at 1e−5 µm, with the somatic adjustments of
 *     {@link BranchTracer}
 * @param typeId SWC type id of the branch (that of the start node of its last edge)
 */
record TracedBranch(int[] nodes, double[] edgeLengthsUm, int typeId) {
    int first() {
        return nodes[0];
    }

    int last() {
        return nodes[nodes.length - 1];
    }

    /** Path length, µm: the sequential sum of the edge lengths (NumPy cumsum order). */
    double lengthUm() {
        double sum = 0.0;
        for (double l : edgeLengthsUm) {
            sum += l;
        }
        return sum;
    }

    /** The part from node position {@code from} to {@code to} inclusive. */
    TracedBranch slice(int from, int to) {
        int[] n = Arrays.copyOfRange(nodes, from, to + 1);
        double[] l = Arrays.copyOfRange(edgeLengthsUm, from, to);
        return new TracedBranch(n, l, typeId);
    }
}
