package org.huxley.engine.internal;

import java.util.List;
import org.huxley.model.CompartmentField;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.SynapseTable;

/**
 * One parameter set's model values: the plan's arrays with the set's parameters written in
 * (layout order, later wins). Length or radius targets recompute the cylinder area, volume and
 * loads of their compartments, as Jaxley does.
 */
public final class SetValues {
    public final double[][] geometry;
    public final double[][][] channelParams;
    public final double[][][] channelStates0;
    public final double[][][] synapseParams;
    public final double[][][] synapseStates0;

    public SetValues(Plan plan) {
        CompartmentField[] fields = CompartmentField.values();
        geometry = new double[fields.length][];
        for (CompartmentField f : fields) {
            geometry[f.ordinal()] = plan.geometry(f);
        }
        List<MechanismTable> ch = plan.channels();
        channelParams = new double[ch.size()][][];
        channelStates0 = new double[ch.size()][][];
        for (int t = 0; t < ch.size(); t++) {
            channelParams[t] = deepCopy(ch.get(t).params());
            channelStates0[t] = deepCopy(ch.get(t).states());
        }
        List<SynapseTable> sy = plan.synapses();
        synapseParams = new double[sy.size()][][];
        synapseStates0 = new double[sy.size()][][];
        for (int t = 0; t < sy.size(); t++) {
            synapseParams[t] = deepCopy(sy.get(t).params());
            synapseStates0[t] = deepCopy(sy.get(t).states());
        }
    }

    public void apply(ParameterBinding binding, double[] theta) {
        for (int p = 0; p < binding.size(); p++) {
            double value = theta[p];
            for (ParameterBinding.Target t : binding.targets(p)) {
                switch (t.kind()) {
                    case GEOMETRY -> {
                        geometry[t.a()][t.c()] = value;
                        CompartmentField f = CompartmentField.values()[t.a()];
                        if (f.recomputesCylinder()) {
                            recomputeCylinder(t.c());
                        }
                    }
                    case CHANNEL_PARAM -> channelParams[t.a()][t.b()][t.c()] = value;
                    case CHANNEL_STATE -> channelStates0[t.a()][t.b()][t.c()] = value;
                    case SYNAPSE_PARAM -> synapseParams[t.a()][t.b()][t.c()] = value;
                    case SYNAPSE_STATE -> synapseStates0[t.a()][t.b()][t.c()] = value;
                }
            }
        }
    }

    private void recomputeCylinder(int node) {
        double l = geometry[CompartmentField.LENGTH.ordinal()][node];
        double r = geometry[CompartmentField.RADIUS.ordinal()][node];
        geometry[CompartmentField.AREA.ordinal()][node] = 2.0 * Math.PI * r * l;
        geometry[CompartmentField.VOLUME.ordinal()][node] = Math.PI * r * r * l;
        double load = (l / 2.0) / (Math.PI * r * r);
        geometry[CompartmentField.RESISTIVE_LOAD_IN.ordinal()][node] = load;
        geometry[CompartmentField.RESISTIVE_LOAD_OUT.ordinal()][node] = load;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
