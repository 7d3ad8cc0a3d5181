package org.huxley.adjoint.internal;

import org.huxley.engine.internal.ParameterBinding;
import org.huxley.engine.internal.SetValues;
import org.huxley.model.CompartmentField;

/**
 * Maps per-element gradients (accumulators, initial-state cotangents) onto the parameters of a
 * layout: a shared parameter gets the sum over its members; radius and length go through the
 * cylinder formulas A = 2πrl, ρ_in = ρ_out = (l/2)/(πr²).
 */
public final class GradientMapper {
    private GradientMapper() {
    }

    public static double[] map(ParameterBinding binding, SetValues values, SetAdjoint.Outcome o) {
        Accumulators acc = o.accumulators();
        double[] g = new double[binding.size()];
        double[] len = values.geometry[CompartmentField.LENGTH.ordinal()];
        double[] rad = values.geometry[CompartmentField.RADIUS.ordinal()];
        for (int p = 0; p < g.length; p++) {
            double sum = 0;
            for (ParameterBinding.Target t : binding.targets(p)) {
                sum += switch (t.kind()) {
                    case GEOMETRY -> {
                        int node = t.c();
                        CompartmentField f = CompartmentField.values()[t.a()];
                        double loads = acc.loadIn[node] + acc.loadOut[node];
                        yield switch (f) {
                            case RADIUS -> acc.area[node] * 2 * Math.PI * len[node]
                                    - loads * len[node] / (Math.PI * Math.pow(rad[node], 3));
                            case LENGTH -> acc.area[node] * 2 * Math.PI * rad[node]
                                    + loads / (2 * Math.PI * rad[node] * rad[node]);
                            case AREA -> acc.area[node];
                            case CAPACITANCE -> acc.capacitance[node];
                            case AXIAL_RESISTIVITY -> acc.axialResistivity[node];
                            case RESISTIVE_LOAD_IN -> acc.loadIn[node];
                            case RESISTIVE_LOAD_OUT -> acc.loadOut[node];
                            case V -> o.vbar0()[node];
                            case VOLUME -> 0.0;
                        };
                    }
                    case CHANNEL_PARAM -> acc.channelParams[t.a()][t.b()][t.c()];
                    case CHANNEL_STATE -> o.channelBar0()[t.a()][t.b()][t.c()];
                    case SYNAPSE_PARAM -> acc.synapseParams[t.a()][t.b()][t.c()];
                    case SYNAPSE_STATE -> o.synapseBar0()[t.a()][t.b()][t.c()];
                };
            }
            g[p] = sum;
        }
        return g;
    }
}
