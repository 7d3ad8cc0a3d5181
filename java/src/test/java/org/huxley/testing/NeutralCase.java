package org.huxley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.Site;
import org.huxley.model.View;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model case in the {@code neutral-neuro-case/1} format (the gradient references under
 * src/test/resources/org/huxley/reference/gradients), rebuilt with the Huxley API.
 */
public final class NeutralCase {
    private final String name;
    private final JsonNode root;
    private final Module model;
    private final int steps;
    private final double dtMs;

    private NeutralCase(String name, JsonNode root) {
        this.name = name;
        this.root = root;
        this.dtMs = root.get("dt_ms").doubleValue();
        this.steps = root.get("n_steps").intValue();
        this.model = build(root);
    }

    public static NeutralCase load(String name) {
        String path = "/org/huxley/reference/gradients/" + name + ".json";
        try (InputStream in = NeutralCase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new NeutralCase(name, JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public JsonNode json() {
        return root;
    }

    public Module model() {
        return model;
    }

    public int steps() {
        return steps;
    }

    public double dtMs() {
        return dtMs;
    }

    /** Expected voltages [recording][sample], mV. */
    public double[][] expectedVoltages() {
        JsonNode v = root.get("expected").get("v_mV");
        double[][] out = new double[v.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new double[v.get(r).size()];
            for (int k = 0; k < out[r].length; k++) {
                out[r][k] = v.get(r).get(k).doubleValue();
            }
        }
        return out;
    }

    public double toleranceMv() {
        return root.get("expected").get("tolerance_mV").doubleValue();
    }

    private static Module build(JsonNode root) {
        JsonNode cellsJson = root.get("cells");
        List<Mechanism> order = new ArrayList<>();
        for (JsonNode m : root.get("mechanism_order")) {
            order.add(BuiltinMechanisms.byName(m.asString()));
        }
        List<Cell> cells = new ArrayList<>();
        for (JsonNode cj : cellsJson) {
            JsonNode branches = cj.get("branches");
            List<Branch> bs = new ArrayList<>();
            int[] parents = new int[branches.size()];
            for (int b = 0; b < branches.size(); b++) {
                parents[b] = branches.get(b).get("parent").intValue();
                bs.add(Branch.of(branches.get(b).get("compartments").size()));
            }
            cells.add(new Cell(bs, parents));
        }
        Module model = cells.size() == 1 && root.get("synapses") == null ? cells.get(0) : new Network(cells);
        // Insert mechanisms in the file's order so states advance and currents sum in that order.
        for (Mechanism m : order) {
            for (int c = 0; c < cellsJson.size(); c++) {
                JsonNode branches = cellsJson.get(c).get("branches");
                for (int b = 0; b < branches.size(); b++) {
                    JsonNode comps = branches.get(b).get("compartments");
                    for (int k = 0; k < comps.size(); k++) {
                        if (comps.get(k).get("mechanisms").has(m.name())) {
                            site(model, c, b, k).insert(m);
                        }
                    }
                }
            }
        }
        for (int c = 0; c < cellsJson.size(); c++) {
            JsonNode branches = cellsJson.get(c).get("branches");
            for (int b = 0; b < branches.size(); b++) {
                JsonNode comps = branches.get(b).get("compartments");
                for (int k = 0; k < comps.size(); k++) {
                    JsonNode cj = comps.get(k);
                    View v = site(model, c, b, k);
                    model.compartment(new Site(c, b, k)).setMeasuredGeometry(cj.get("length_um").doubleValue(),
                            cj.get("radius_um").doubleValue(), cj.get("area_um2").doubleValue(),
                            Math.PI * Math.pow(cj.get("radius_um").doubleValue(), 2) * cj.get("length_um").doubleValue(),
                            cj.get("resistive_load_in_per_um").doubleValue(),
                            cj.get("resistive_load_out_per_um").doubleValue());
                    v.set(CompartmentField.AXIAL_RESISTIVITY, cj.get("axial_resistivity_ohm_cm").doubleValue());
                    v.set(CompartmentField.CAPACITANCE, cj.get("capacitance_uF_cm2").doubleValue());
                    v.set(CompartmentField.V, cj.get("v0_mV").doubleValue());
                    for (Map.Entry<String, JsonNode> me : cj.get("mechanisms").properties()) {
                        Mechanism m = BuiltinMechanisms.byName(me.getKey());
                        for (Map.Entry<String, JsonNode> f : me.getValue().properties()) {
                            boolean isState = m.states().stream().anyMatch(s -> s.info().name().equals(f.getKey()));
                            v.set(isState ? m.state(f.getKey()) : m.param(f.getKey()), f.getValue().doubleValue());
                        }
                    }
                }
            }
        }
        JsonNode syns = root.get("synapses");
        if (syns != null) {
            Network net = (Network) model;
            for (JsonNode sj : syns) {
                Mechanism type = BuiltinMechanisms.byName(sj.get("type").asString());
                var edges = net.connect(site(model, sj.get("pre")), site(model, sj.get("post")), type);
                for (Map.Entry<String, JsonNode> p : sj.get("params").properties()) {
                    edges.set(type.param(p.getKey()), p.getValue().doubleValue());
                }
                for (Map.Entry<String, JsonNode> s : sj.get("state0").properties()) {
                    edges.set(type.state(s.getKey()), s.getValue().doubleValue());
                }
            }
        }
        for (JsonNode st : root.get("stimuli")) {
            JsonNode cur = st.get("current_nA");
            double[] samples = new double[cur.size()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = cur.get(i).doubleValue();
            }
            site(model, st.get("target")).stimulate(samples);
        }
        for (JsonNode r : root.get("recordings")) {
            if (!"v".equals(r.get("state").asString())) {
                throw new IllegalStateException("only voltage recordings are supported here");
            }
            site(model, r).record();
        }
        return model;
    }

    private static View site(Module m, JsonNode where) {
        return site(m, where.get("cell").intValue(), where.get("branch").intValue(), where.get("comp").intValue());
    }

    private static View site(Module m, int cell, int branch, int comp) {
        return m.cell(cell).branch(branch).comp(comp);
    }

    /** Case names of the bundled gradient references. */
    public static List<String> all() {
        return Collections.unmodifiableList(List.of("ref_comp_hh", "ref_branch_hh", "ref_cell_hh",
                "ref_cell_pospischil", "ref_net_iono"));
    }
}
