package org.huxley.plan;

import org.huxley.mech.Mechanism;

/**
 * One synapse type's edges in connection order: pre- and post-synaptic nodes, the network's edge
 * index of each, parameters {@code params[p][i]} and initial states {@code states[s][i]}, and the
 * transmission inputs:
 *
 * <ul>
 *   <li>{@code delays[i]}: delay in steps (null if every delay is 0);</li>
 *   <li>{@code historyRows[i]}: for a voltage-driven edge with a delay &gt; 0, its pre node's row in
 *       the plan's delay history ({@link Plan#historyNodes()}), else −1 (null without delays);</li>
 *   <li>{@code spikeTimesMs[i]}: sorted spike times of a spike-driven type (null otherwise; its
 *       pre nodes are −1).</li>
 * </ul>
 *
 * @param mechanism the synapse type
 * @param preNodes pre-synaptic node of each edge (−1 if spike-driven)
 * @param postNodes post-synaptic node of each edge
 * @param edgeIds network edge index of each edge
 * @param params {@code params[p][i]}: parameter p of edge i
 * @param states {@code states[s][i]}: initial state s of edge i
 * @param delays delay of each edge in steps, or null
 * @param historyRows each edge's row in the delay history, or null
 * @param spikeTimesMs spike times of each edge, or null
 */
public record SynapseTable(Mechanism mechanism, int[] preNodes, int[] postNodes, int[] edgeIds,
        double[][] params, double[][] states, int[] delays, int[] historyRows, double[][] spikeTimesMs) {
    /**
     * A table of voltage-driven synapses without delays.
     *
     * @param mechanism the synapse type
     * @param preNodes pre-synaptic node of each edge
     * @param postNodes post-synaptic node of each edge
     * @param edgeIds network edge index of each edge
     * @param params {@code params[p][i]}: parameter p of edge i
     * @param states {@code states[s][i]}: initial state s of edge i
     */
    public SynapseTable(Mechanism mechanism, int[] preNodes, int[] postNodes, int[] edgeIds, double[][] params,
            double[][] states) {
        this(mechanism, preNodes, postNodes, edgeIds, params, states, null, null, null);
    }

    /** {@return number of synapses of this type} */
    public int size() {
        return preNodes.length;
    }

    /**
     * {@return delay of edge i in steps}
     *
     * @param i the edge's position in this table
     */
    public int delay(int i) {
        return delays == null ? 0 : delays[i];
    }

    /** {@return whether the type is driven by spike trains} */
    public boolean spikeDriven() {
        return spikeTimesMs != null;
    }
}
