package org.huxley.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.mech.Param;
import org.huxley.model.View;

/**
 * NEURON's mechanisms by suffix, with their parameters by NEURON name: {@code hh} ({@link NeuronHh}:
 * gnabar, gkbar, gl, el; ions ena, ek; q10 from celsius) and {@code pas} ({@link NeuronPas}: g, e).
 */
final class NeuronMechanisms {
    private static final Map<String, Param> HH_PARAMS = new LinkedHashMap<>();
    private static final Map<String, Param> PAS_PARAMS = new LinkedHashMap<>();

    static {
        HH_PARAMS.put("gnabar", NeuronHh.GNABAR);
        HH_PARAMS.put("gkbar", NeuronHh.GKBAR);
        HH_PARAMS.put("gl", NeuronHh.GL);
        HH_PARAMS.put("el", NeuronHh.EL);
        PAS_PARAMS.put("g", NeuronPas.G);
        PAS_PARAMS.put("e", NeuronPas.E);
    }

    private NeuronMechanisms() {
    }

    /** hh's temperature factor 3^((celsius − 6.3)/10); exactly 1 at 6.3 °C. */
    static double hhQ10(double celsius) {
        return celsius == 6.3 ? 1.0 : Math.pow(3.0, (celsius - 6.3) / 10.0);
    }

    /**
     * Inserts the section's mechanisms into {@code view} and sets their parameters.
     *
     * @throws ModelException for an unknown mechanism, parameter or ion
     */
    static void insert(View view, NeuronSection s, double celsius) {
        for (var e : s.mechanisms().entrySet()) {
            switch (e.getKey()) {
                case "hh" -> {
                    view.insert(NeuronHh.MECHANISM);
                    setAll(view, s, "hh", HH_PARAMS, e.getValue());
                    view.set(NeuronHh.ENA, s.ions().getOrDefault("ena", NeuronHh.ENA.info().defaultValue()));
                    view.set(NeuronHh.EK, s.ions().getOrDefault("ek", NeuronHh.EK.info().defaultValue()));
                    view.set(NeuronHh.Q10, hhQ10(celsius));
                }
                case "pas" -> {
                    view.insert(NeuronPas.MECHANISM);
                    setAll(view, s, "pas", PAS_PARAMS, e.getValue());
                }
                default -> throw new ModelException("section " + s.name() + ": NEURON mechanism '" + e.getKey()
                        + "' is not supported; supported: hh, pas");
            }
        }
        for (String ion : s.ions().keySet()) {
            if (!ion.equals("ena") && !ion.equals("ek")) {
                throw new ModelException("section " + s.name() + ": ion parameter '" + ion
                        + "' is not supported; supported: ena, ek (used by hh)");
            }
        }
    }

    private static void setAll(View view, NeuronSection s, String mech, Map<String, Param> known,
            Map<String, Double> values) {
        for (var p : values.entrySet()) {
            Param param = known.get(p.getKey());
            if (param == null) {
                throw new ModelException("section " + s.name() + ": " + mech + " has no parameter '" + p.getKey()
                        + "'; known: " + known.keySet());
            }
            view.set(param, p.getValue());
        }
    }
}
