package org.huxley.plan;

import org.huxley.mech.Mechanism;

/**
 * One channel's instances: the nodes it is inserted in (ascending) with per-instance parameter
 * values {@code params[p][i]} (in {@link Mechanism#params()} order) and initial states
 * {@code states[s][i]} (in {@link Mechanism#states()} order).
 */
public record MechanismTable(Mechanism mechanism, int[] nodes, double[][] params, double[][] states) {
    /** {@return number of instances (compartments with the mechanism)} */
    public int size() {
        return nodes.length;
    }

    /** {@return instance index of a node, or −1} */
    public int instanceAt(int node) {
        int i = java.util.Arrays.binarySearch(nodes, node);
        return i >= 0 ? i : -1;
    }
}
