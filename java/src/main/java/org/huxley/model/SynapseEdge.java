package org.huxley.model;

import org.huxley.mech.Mechanism;

/**
 * One synapse of a network: a light view of the network's column storage (its type, pre- and
 * post-synaptic compartments, values, delay and spike train). Two views of the same synapse are
 * equal.
 */
public final class SynapseEdge {
    private final Network network;
    private final int index;

    SynapseEdge(Network network, int index) {
        this.network = network;
        this.index = index;
    }

    /** {@return the synapse's index in {@link Network#synapses()} (connection order)} */
    public int index() {
        return index;
    }

    /** {@return the synapse mechanism} */
    public Mechanism type() {
        return network.synapseType(index);
    }

    /** {@return the pre-synaptic compartment, or null for a synapse driven by a spike train} */
    public Site pre() {
        return network.synapsePre(index);
    }

    /** {@return the post-synaptic compartment} */
    public Site post() {
        return network.synapsePost(index);
    }

    /**
     * {@return the value of one of the synapse type's parameters or states}
     *
     * @param f a parameter or state of the synapse type
     */
    public double value(Field f) {
        return network.synapseValue(index, f);
    }

    void setValue(Field f, double v) {
        network.setSynapseValue(index, f, v);
    }

    /** {@return transmission delay in steps (0: the synapse sees the pre-synaptic voltage of the current step)} */
    public int delaySteps() {
        return network.synapseDelay(index);
    }

    /** {@return the spike times (ms, sorted) driving a spike-driven synapse, or null} */
    public double[] spikeTimesMs() {
        return network.synapseSpikeTimes(index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SynapseEdge e && e.network == network && e.index == index;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(network) * 31 + index;
    }

    @Override
    public String toString() {
        Site pre = pre();
        return type().name() + " " + (pre == null ? "spike train" : pre.toString()) + " -> " + post();
    }
}
