package org.huxley.adjoint;

import java.util.ArrayList;
import java.util.List;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.model.CompartmentField;
import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.SynapseEdge;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.testing.NeutralCase;
import tools.jackson.databind.JsonNode;

/** The trainables of a gradient reference case as a Huxley parameter layout, with expected values. */
record ReferenceTrainables(ParameterLayout layout, ParameterSets sets, double[] expectedGrad, int[] group,
        double lossValue) {

    static ReferenceTrainables of(NeutralCase c) {
        Module m = c.model();
        JsonNode g = c.json().get("gradient");
        ParameterLayout layout = new ParameterLayout(m);
        List<Double> values = new ArrayList<>();
        List<Double> grads = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        int tmp = 0;
        for (JsonNode t : g.get("trainables")) {
            String name = t.get("name").asString();
            JsonNode target = t.get("target");
            if (target.has("synapses")) {
                Network net = (Network) m;
                for (JsonNode e : target.get("synapses")) {
                    SynapseEdge edge = net.synapses().get(e.intValue());
                    Mechanism type = edge.type();
                    int within = 0;
                    for (int i = 0; i < e.intValue(); i++) {
                        within += net.synapses().get(i).type().equals(type) ? 1 : 0;
                    }
                    layout.add(net.edges(type).edge(within), type.param(name.substring("params.".length())));
                }
            } else {
                String group = "reference_trainable_" + tmp++;
                for (JsonNode site : target.get("compartments")) {
                    m.cell(site.get(0).intValue()).branch(site.get(1).intValue()).comp(site.get(2).intValue())
                            .addToGroup(group);
                }
                layout.add(m.group(group), field(name, t));
            }
            values.add(t.get("value").doubleValue());
            grads.add(t.get("grad").doubleValue());
            groups.add(t.get("jaxley").get("params_entry").intValue());
        }
        ParameterSets sets = layout.batch(1);
        for (int p = 0; p < values.size(); p++) {
            sets.set(0, p, values.get(p));
        }
        return new ReferenceTrainables(layout, sets, grads.stream().mapToDouble(Double::doubleValue).toArray(),
                groups.stream().mapToInt(Integer::intValue).toArray(), g.get("loss_value").doubleValue());
    }

    private static Field field(String name, JsonNode t) {
        return switch (name) {
            case "radius_um" -> CompartmentField.RADIUS;
            case "length_um" -> CompartmentField.LENGTH;
            case "capacitance_uF_cm2" -> CompartmentField.CAPACITANCE;
            case "axial_resistivity_ohm_cm" -> CompartmentField.AXIAL_RESISTIVITY;
            case "v0_mV" -> CompartmentField.V;
            default -> {
                String[] parts = name.split("\\.");
                Mechanism mech = BuiltinMechanisms.byName(parts[1]);
                boolean state = t.has("kind") && t.get("kind").asString().equals("initial state");
                yield state ? mech.state(parts[2]) : mech.param(parts[2]);
            }
        };
    }

    /** Largest |grad − expected| relative to the largest |expected| of the same group. */
    double worstGroupError(double[] grad) {
        double worst = 0;
        for (int i = 0; i < grad.length; i++) {
            double scale = 0;
            for (int j = 0; j < grad.length; j++) {
                if (group[j] == group[i]) {
                    scale = Math.max(scale, Math.abs(expectedGrad[j]));
                }
            }
            double err = Math.abs(grad[i] - expectedGrad[i]) / scale;
            if (Double.isNaN(err)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, err);
        }
        return worst;
    }
}
