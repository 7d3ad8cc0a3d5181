package org.huxley.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * The edges of one synapse type, stored column by column (no object per edge): pre- and
 * post-synaptic compartment (network compartment index; −1 as pre of a spike-driven synapse), the
 * network's edge index, one column per parameter and state, the delay in steps (allocated when a
 * delay is first set) and, for spike-driven types, each edge's spike times. About 12 + 8·(fields)
 * bytes per edge (+ 4 with delays, + 4 with spike trains), plus the spare capacity of growth.
 */
final class SynapseColumns {
    final Mechanism type;
    /** Parameters, then states, in the mechanism's order. */
    final List<org.huxley.model.Field> fields;
    private final double[] defaults;
    int size;
    int[] pre = new int[0];
    int[] post = new int[0];
    int[] ids = new int[0];
    double[][] values;
    /** Null while every delay is 0. */
    int[] delays;
    /** Spike-driven types only: sorted spike times (ms) per edge; arrays may be shared between edges. */
    double[][] spikes;

    SynapseColumns(Mechanism type) {
        this.type = type;
        List<org.huxley.model.Field> f = new ArrayList<>();
        f.addAll(type.params());
        f.addAll(type.states());
        this.fields = List.copyOf(f);
        this.defaults = new double[fields.size()];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = fields.get(i).info().defaultValue();
        }
        this.values = new double[fields.size()][0];
        if (type.spikeDriven()) {
            spikes = new double[0][];
        }
    }

    int capacity() {
        return pre.length;
    }

    /** Makes room for {@code extra} more edges (exactly, if that is more than 1.5× growth). */
    void reserve(int extra) {
        long needed = (long) size + extra;
        if (needed <= capacity()) {
            return;
        }
        if (needed > Integer.MAX_VALUE - 8) {
            throw new org.huxley.ModelException("too many synapses of type " + type.name() + ": " + needed);
        }
        int cap = (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, Math.max(16L, capacity() + (long) capacity() / 2)));
        pre = Arrays.copyOf(pre, cap);
        post = Arrays.copyOf(post, cap);
        ids = Arrays.copyOf(ids, cap);
        for (int f = 0; f < values.length; f++) {
            values[f] = Arrays.copyOf(values[f], cap);
        }
        if (delays != null) {
            delays = Arrays.copyOf(delays, cap);
        }
        if (spikes != null) {
            spikes = Arrays.copyOf(spikes, cap);
        }
    }

    /** Appends one edge with the type's default values; returns its index within the type. */
    int add(int preComp, int postComp, int id, double[] spikeTimes) {
        reserve(1);
        int i = size++;
        pre[i] = preComp;
        post[i] = postComp;
        ids[i] = id;
        for (int f = 0; f < values.length; f++) {
            values[f][i] = defaults[f];
        }
        if (spikes != null) {
            spikes[i] = spikeTimes;
        }
        return i;
    }

    /** Column of a parameter or state, or −1 if the type has no such field. */
    int field(org.huxley.model.Field f) {
        if (f instanceof Param || f instanceof StateVar) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).equals(f)) {
                    return i;
                }
            }
        }
        return -1;
    }

    int delay(int i) {
        return delays == null ? 0 : delays[i];
    }

    void setDelay(int i, int steps) {
        if (delays == null) {
            if (steps == 0) {
                return;
            }
            delays = new int[capacity()];
        }
        delays[i] = steps;
    }
}
