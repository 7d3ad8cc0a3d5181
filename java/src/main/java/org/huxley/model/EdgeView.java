package org.huxley.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.huxley.ModelException;
import org.huxley.mech.Current;
import org.huxley.mech.Param;

/** A selection of synapses of a network (by connection index). */
public final class EdgeView {
    /** How a parameter declared on this selection is shared. */
    public enum Sharing {
        /** One value for every selected synapse. */
        SHARED,
        /** One value per synapse. */
        PER_EDGE
    }

    private final Network network;
    private final int[] edges;
    private final Sharing sharing;

    EdgeView(Network network, int[] edges, Sharing sharing) {
        this.network = network;
        this.edges = edges;
        this.sharing = sharing;
    }

    /** {@return the network the edges belong to} */
    public Network network() {
        return network;
    }

    /** {@return indices into {@link Network#synapses()} (an unmodifiable list)} */
    public List<Integer> edges() {
        return new IntList(edges);
    }

    /** {@return number of selected synapses} */
    public int size() {
        return edges.length;
    }

    /** {@return whether parameters declared on this selection are shared or per synapse} */
    public Sharing sharing() {
        return sharing;
    }

    /**
     * Selects edges by position within this selection; one value per edge in a layout.
     *
     * @param index positions within this selection
     * @return those edges
     */
    public EdgeView edge(int... index) {
        if (index == null || index.length == 0) {
            throw new ModelException("edge(): give at least one index");
        }
        int[] out = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            int i = index[k];
            if (i < 0 || i >= edges.length) {
                throw new ModelException("edge index " + i + " out of range 0.." + (edges.length - 1)
                        + " of this selection of " + edges.length + " synapses");
            }
            out[k] = edges[i];
        }
        return new EdgeView(network, out, Sharing.PER_EDGE);
    }

    /**
     * Sets a synapse parameter or initial state on every selected synapse.
     *
     * @param f the parameter or state
     * @param value its value
     * @return this view
     */
    public EdgeView set(Field f, double value) {
        if (!f.info().accepts(value)) {
            throw new ModelException(f.key() + " = " + value + " on " + describe() + " is outside its valid range ["
                    + f.info().lo() + ", " + f.info().hi() + "] " + f.info().unit());
        }
        for (int e : edges) {
            network.synapseValue(e, f); // throws, naming the type, before anything is changed
        }
        for (int e : edges) {
            network.setSynapseValue(e, f, value);
        }
        return this;
    }

    /**
     * {@return values of a synapse field, one per selected synapse}
     *
     * @param f a synapse parameter or state
     */
    public double[] get(Field f) {
        double[] out = new double[edges.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = network.synapseValue(edges[i], f);
        }
        return out;
    }

    /**
     * Sets the transmission delay of every selected synapse: in step n it sees the pre-synaptic
     * voltage of step n − steps (the initial voltage while n − steps &lt; 0); a spike-driven synapse
     * receives each spike {@code steps} steps later (docs/networks.md).
     *
     * @param steps the delay, steps (≥ 0)
     * @return this view
     * @throws ModelException if steps is negative
     */
    public EdgeView setDelay(int steps) {
        if (steps < 0) {
            throw new ModelException("delay of " + steps + " steps on " + describe() + ": delays must be >= 0 steps");
        }
        for (int e : edges) {
            network.setSynapseDelay(e, steps);
        }
        return this;
    }

    /**
     * Delays in steps, one per selected synapse.
     *
     * @return one delay per selected synapse, steps
     */
    public int[] delays() {
        int[] out = new int[edges.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = network.synapseDelay(edges[i]);
        }
        return out;
    }

    /**
     * Records a synapse state of every selected synapse.
     *
     * @param state a synapse state
     * @return this view
     */
    public EdgeView record(Field state) {
        if (state instanceof Param) {
            throw new ModelException("cannot record parameter " + state.key() + "; record a state or the current");
        }
        for (int e : edges) {
            network.synapseValue(e, state);
        }
        for (int e : edges) {
            network.addRecording(new Recording.OfSynapse(e, state, null));
        }
        return this;
    }

    /**
     * Records the current (nA) of every selected synapse.
     *
     * @param current the synapse's current
     * @return this view
     */
    public EdgeView record(Current current) {
        for (int e : edges) {
            if (!network.synapseType(e).current().equals(current)) {
                throw new ModelException("synapse " + e + " does not carry " + current.name());
            }
        }
        for (int e : edges) {
            network.addRecording(new Recording.OfSynapse(e, null, current));
        }
        return this;
    }

    private String describe() {
        return edges.length <= 8 ? "synapses " + Arrays.toString(edges) : edges.length + " synapses (first "
                + edges[0] + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** An unmodifiable list view of an int array. */
    private static final class IntList extends AbstractList<Integer> implements RandomAccess {
        private final int[] a;

        IntList(int[] a) {
            this.a = a;
        }

        @Override
        public Integer get(int index) {
            return a[index];
        }

        @Override
        public int size() {
            return a.length;
        }
    }
}
