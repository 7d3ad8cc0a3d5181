package org.huxley.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.CompartmentField;
import org.huxley.model.Field;
import org.huxley.model.Site;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;

/** A parameter layout resolved onto a plan: for each parameter, the array slots it writes. */
public final class ParameterBinding {
    /** What a target slot is. */
    public enum Kind {
        /** {@code a} = {@link CompartmentField} ordinal, {@code c} = node. */
        GEOMETRY,
        /** {@code a} = channel table, {@code b} = parameter index, {@code c} = instance. */
        CHANNEL_PARAM,
        /** {@code a} = channel table, {@code b} = state index, {@code c} = instance. */
        CHANNEL_STATE,
        /** {@code a} = synapse table, {@code b} = parameter index, {@code c} = instance. */
        SYNAPSE_PARAM,
        /** {@code a} = synapse table, {@code b} = state index, {@code c} = instance. */
        SYNAPSE_STATE
    }

    /** One slot written by a parameter. */
    public record Target(Kind kind, int a, int b, int c) {
    }

    private final List<List<Target>> targets;

    private ParameterBinding(List<List<Target>> targets) {
        this.targets = targets;
    }

    public int size() {
        return targets.size();
    }

    public List<Target> targets(int parameter) {
        return targets.get(parameter);
    }

    /**
     * @throws ModelException if the layout was declared on another model than the plan's
     */
    public static ParameterBinding bind(Plan plan, ParameterLayout layout) {
        if (layout.model() != plan.source()) {
            throw new ModelException("parameter layout was declared on another model than the plan was compiled from");
        }
        List<List<Target>> out = new ArrayList<>();
        for (ParameterLayout.Parameter p : layout.parameters()) {
            List<Target> ts = new ArrayList<>();
            Field f = p.field();
            for (Site s : p.sites()) {
                int node = plan.nodeOf(s);
                if (f instanceof CompartmentField cf) {
                    ts.add(new Target(Kind.GEOMETRY, cf.ordinal(), 0, node));
                    continue;
                }
                for (int t = 0; t < plan.channels().size(); t++) {
                    MechanismTable tab = plan.channels().get(t);
                    int inst = tab.instanceAt(node);
                    if (inst < 0) {
                        continue;
                    }
                    Mechanism m = tab.mechanism();
                    if (f instanceof Param par && m.params().contains(par)) {
                        ts.add(new Target(Kind.CHANNEL_PARAM, t, m.params().indexOf(par), inst));
                    } else if (f instanceof StateVar st && m.states().contains(st)) {
                        ts.add(new Target(Kind.CHANNEL_STATE, t, m.states().indexOf(st), inst));
                    }
                }
            }
            for (int e : p.edges()) {
                if (e < 0 || e >= plan.numSynapses()) {
                    throw new ModelException("parameter " + p.name() + " names synapse " + e
                            + ", which the compiled model does not have (recompile after connecting)");
                }
                int t = plan.synapseTableOf(e);
                int i = plan.synapseInstanceOf(e);
                Mechanism m = plan.synapses().get(t).mechanism();
                if (f instanceof Param par && m.params().contains(par)) {
                    ts.add(new Target(Kind.SYNAPSE_PARAM, t, m.params().indexOf(par), i));
                } else if (f instanceof StateVar st && m.states().contains(st)) {
                    ts.add(new Target(Kind.SYNAPSE_STATE, t, m.states().indexOf(st), i));
                }
            }
            if (ts.isEmpty()) {
                throw new ModelException("parameter " + p.name() + " has no target in the compiled model");
            }
            out.add(List.copyOf(ts));
        }
        return new ParameterBinding(List.copyOf(out));
    }
}
