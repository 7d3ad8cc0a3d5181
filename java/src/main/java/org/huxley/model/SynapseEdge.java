package org.huxley.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/** One synapse of a network: its type, pre- and post-synaptic compartments and its own values. */
public final class SynapseEdge {
    private final Mechanism type;
    private final Site pre;
    private final Site post;
    private final Map<String, Double> values = new LinkedHashMap<>();

    SynapseEdge(Mechanism type, Site pre, Site post) {
        this.type = type;
        this.pre = pre;
        this.post = post;
        for (Param p : type.params()) {
            values.put(p.key(), p.info().defaultValue());
        }
        for (StateVar s : type.states()) {
            values.put(s.key(), s.info().defaultValue());
        }
    }

    public Mechanism type() {
        return type;
    }

    public Site pre() {
        return pre;
    }

    public Site post() {
        return post;
    }

    /** The value of one of the synapse type's parameters or states. */
    public double value(Field f) {
        Double v = values.get(f.key());
        if (v == null) {
            throw new org.huxley.ModelException("synapse type " + type.name() + " has no field " + f.key());
        }
        return v;
    }

    void setValue(Field f, double v) {
        value(f);
        values.put(f.key(), v);
    }

    Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return type.name() + " " + pre + " -> " + post;
    }
}
