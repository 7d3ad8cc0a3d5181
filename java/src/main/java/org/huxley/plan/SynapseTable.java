package org.huxley.plan;

import org.huxley.mech.Mechanism;

/**
 * One synapse type's edges in connection order: pre- and post-synaptic nodes, the network's edge
 * index of each, parameters {@code params[p][i]} and initial states {@code states[s][i]}.
 */
public record SynapseTable(Mechanism mechanism, int[] preNodes, int[] postNodes, int[] edgeIds,
        double[][] params, double[][] states) {
    public int size() {
        return preNodes.length;
    }
}
