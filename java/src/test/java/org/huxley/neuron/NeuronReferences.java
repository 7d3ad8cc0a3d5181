package org.huxley.neuron;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NEURON references of src/test/resources/org/huxley/reference/neuron: {@code models.json}
 * filled into {@link NeuronModel}s, and the recorded traces.
 */
final class NeuronReferences {
    private static final String DIR = "/org/huxley/reference/neuron/";

    /** One recorded site of a reference file. */
    record Site(String section, double x, double nodeX, double[] v, double[] spikeTimesMs) {
    }

    /** A reference trace file. */
    record Traces(String model, int recordStride, double[] timesMs, List<Site> sites) {
    }

    private NeuronReferences() {
    }

    static JsonNode json(String file) {
        try (InputStream in = NeuronReferences.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + file);
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON description of one model in models.json. */
    static JsonNode modelJson(String name) {
        for (JsonNode m : json("models.json").get("models")) {
            if (m.get("name").asString().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no model " + name + " in models.json");
    }

    /** Model {@code name} of models.json as a typed description. */
    static NeuronModel model(String name) {
        JsonNode m = modelJson(name);
        JsonNode sim = m.get("sim");
        List<NeuronSection> sections = new ArrayList<>();
        for (JsonNode s : m.get("sections")) {
            Map<String, Map<String, Double>> mechs = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : s.get("mechs").properties()) {
                mechs.put(e.getKey(), doubles(e.getValue()));
            }
            JsonNode parent = s.get("parent");
            sections.add(new NeuronSection(s.get("name").asString(), parent.isNull() ? null : parent.asString(),
                    parent.isNull() ? Double.NaN : s.get("parent_x").doubleValue(), s.get("child_x").doubleValue(),
                    s.get("L").doubleValue(), s.get("diam").doubleValue(), s.get("nseg").intValue(),
                    s.get("Ra").doubleValue(), s.get("cm").doubleValue(), mechs,
                    s.has("ions") ? doubles(s.get("ions")) : Map.of()));
        }
        List<NeuronIClamp> stimuli = new ArrayList<>();
        for (JsonNode st : m.get("stimuli")) {
            if (!st.get("type").asString().equals("IClamp")) {
                throw new IllegalArgumentException("unknown stimulus type " + st.get("type"));
            }
            double[] playT = null;
            double[] playA = null;
            if (st.has("amp_play")) {
                JsonNode p = st.get("amp_play");
                playT = array(p.get("t"));
                playA = array(p.get("amp"));
            }
            stimuli.add(new NeuronIClamp(location(st), st.get("delay").doubleValue(), st.get("dur").doubleValue(),
                    st.get("amp").doubleValue(), playT, playA));
        }
        List<NeuronLocation> record = new ArrayList<>();
        for (JsonNode r : m.get("record")) {
            record.add(location(r));
        }
        NeuronSimulation simulation = new NeuronSimulation(sim.get("dt").doubleValue(), sim.get("t_max").doubleValue(),
                sim.get("celsius").doubleValue(), sim.get("v_init").doubleValue());
        return new NeuronModel(name, sections, stimuli, record, simulation, m.get("record_stride").intValue());
    }

    /** The trace file {@code name.json}. */
    static Traces traces(String name) {
        JsonNode root = json(name + ".json");
        List<Site> sites = new ArrayList<>();
        for (JsonNode s : root.get("sites")) {
            sites.add(new Site(s.get("section").asString(), s.get("x").doubleValue(), s.get("node_x").doubleValue(),
                    array(s.get("v")), array(s.get("spike_times_ms"))));
        }
        return new Traces(root.get("model").asString(), root.get("record_stride").intValue(), array(root.get("t")),
                sites);
    }

    private static NeuronLocation location(JsonNode n) {
        return new NeuronLocation(n.get("section").asString(), n.get("x").doubleValue());
    }

    private static Map<String, Double> doubles(JsonNode obj) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return out;
    }

    private static double[] array(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).doubleValue();
        }
        return out;
    }
}
