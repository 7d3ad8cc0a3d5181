package org.huxley.plan;

import org.huxley.mech.Mechanism;

/**
 * One channel's instances: the nodes it is inserted in (ascending) with per-instance parameter
 * values {@code params[p][i]} (in {@link Mechanism#params()} order) and initial states
 * {@code states[s][i]} (in {@link Mechanism#states()} order).
 *
 * @param mechanism the channel
 * @param nodes the node of each instance
 * @param params {@code params[p][i]}: parameter p of instance i
 * @param states {@code states[s][i]}: initial state s of instance i
 */
public record MechanismTable(Mechanism mechanism, int[] nodes, double[][] params, double[][] states) {
    /** {@return number of instances (compartments with the mechanism)} */
    public int size() {
        return nodes.length;
    }

    /**
     * {@return instance index of a node, or −1}
     *
     * @param node a node index
     */
    public int instanceAt(int node) {
        int i = java.util.Arrays.binarySearch(nodes, node);
        return i >= 0 ? i : -1;
    }
}
