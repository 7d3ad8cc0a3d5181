package org.huxley.model;

import java.util.ArrayList;
import java.util.List;
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
    private final List<Integer> edges;
    private final Sharing sharing;

    EdgeView(Network network, List<Integer> edges, Sharing sharing) {
        this.network = network;
        this.edges = List.copyOf(edges);
        this.sharing = sharing;
    }

    public Network network() {
        return network;
    }

    /** Indices into {@link Network#synapses()}. */
    public List<Integer> edges() {
        return edges;
    }

    public Sharing sharing() {
        return sharing;
    }

    /** Selects edges by position within this selection; one value per edge in a layout. */
    public EdgeView edge(int... index) {
        List<Integer> out = new ArrayList<>();
        for (int i : index) {
            if (i < 0 || i >= edges.size()) {
                throw new ModelException("edge index " + i + " out of range 0.." + (edges.size() - 1));
            }
            out.add(edges.get(i));
        }
        return new EdgeView(network, out, Sharing.PER_EDGE);
    }

    /** Sets a synapse parameter or initial state on every selected synapse. */
    public EdgeView set(org.huxley.model.Field f, double value) {
        if (!f.info().accepts(value)) {
            throw new ModelException(f.key() + " = " + value + " on synapses " + edges
                    + " is outside its valid range [" + f.info().lo()
                    + ", " + f.info().hi() + "] " + f.info().unit());
        }
        for (int e : edges) {
            network.synapses().get(e).setValue(f, value);
        }
        return this;
    }

    /** Values of a synapse field, one per selected synapse. */
    public double[] get(org.huxley.model.Field f) {
        double[] out = new double[edges.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = network.synapses().get(edges.get(i)).value(f);
        }
        return out;
    }

    /** Records a synapse state of every selected synapse. */
    public EdgeView record(org.huxley.model.Field state) {
        if (state instanceof Param) {
            throw new ModelException("cannot record parameter " + state.key() + "; record a state or the current");
        }
        for (int e : edges) {
            network.synapses().get(e).value(state);
            network.addRecording(new Recording.OfSynapse(e, state, null));
        }
        return this;
    }

    /** Records the current (nA) of every selected synapse. */
    public EdgeView record(Current current) {
        for (int e : edges) {
            if (!network.synapses().get(e).type().current().equals(current)) {
                throw new ModelException("synapse " + e + " does not carry " + current.name());
            }
            network.addRecording(new Recording.OfSynapse(e, null, current));
        }
        return this;
    }
}
