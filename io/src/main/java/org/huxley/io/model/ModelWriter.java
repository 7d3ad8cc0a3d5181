package org.huxley.io.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.Site;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link HuxleyModel} as a model-file tree that reads back into the same simulation:
 * every compartment's geometry (area, volume and loads only where they differ from the cylinder
 * rule), mechanisms inserted in the model's mechanism order, every parameter and state value
 * (grouped by value), synapses in connection order, stimuli, clamps, recordings, trainables and
 * the protocol. SWC-derived cells are written as explicit branches.
 */
final class ModelWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<CompartmentField> ALWAYS = List.of(CompartmentField.LENGTH, CompartmentField.RADIUS,
            CompartmentField.AXIAL_RESISTIVITY, CompartmentField.CAPACITANCE, CompartmentField.V);
    private static final List<CompartmentField> DERIVED = List.of(CompartmentField.AREA, CompartmentField.VOLUME,
            CompartmentField.RESISTIVE_LOAD_IN, CompartmentField.RESISTIVE_LOAD_OUT);

    private ModelWriter() {
    }

    static ObjectNode write(HuxleyModel model, String source) {
        Module m = model.module();
        ObjectNode root = NODES.objectNode();
        root.put("huxley", ModelFile.FORMAT_VERSION);
        root.put("name", model.name());
        if (!model.description().isEmpty()) {
            root.put("description", model.description());
        }
        root.put("module", switch (m) {
            case Compartment c -> "compartment";
            case Branch b -> "branch";
            case Cell c -> "cell";
            case Network n -> "network";
        });
        ArrayNode mechs = NODES.arrayNode();
        List<Mechanism> all = new ArrayList<>(m.mechanisms());
        if (m instanceof Network net) {
            all.addAll(net.synapseTypes());
        }
        for (Mechanism mech : all) {
            if (!MechanismWriter.isBuiltin(mech, source)) {
                mechs.add(MechanismWriter.write(mech, source));
            }
        }
        if (!mechs.isEmpty()) {
            root.set("mechanisms", mechs);
        }
        root.set("cells", cells(m));
        ObjectNode groups = NODES.objectNode();
        for (String g : m.groupNames()) {
            JsonNode where = WhereWriter.of(m, m.group(g).sites());
            groups.set(g, where == null ? NODES.objectNode() : where);
        }
        if (!groups.isEmpty()) {
            root.set("groups", groups);
        }
        ArrayNode membrane = membrane(m);
        if (!membrane.isEmpty()) {
            root.set("membrane", membrane);
        }
        EventWriter.write(m, root);
        ArrayNode trainables = trainables(model);
        if (!trainables.isEmpty()) {
            root.set("trainables", trainables);
        }
        root.set("protocol", protocol(model));
        return root;
    }

    /** Cells as explicit branches; consecutive identical cells become one entry with copies. */
    private static ArrayNode cells(Module m) {
        ArrayNode out = NODES.arrayNode();
        ObjectNode last = null;
        int copies = 0;
        for (int c = 0; c < m.numCells(); c++) {
            ObjectNode cell = cell(m, c);
            if (cell.equals(last)) {
                copies++;
                continue;
            }
            flush(out, last, copies);
            last = cell;
            copies = 1;
        }
        flush(out, last, copies);
        return out;
    }

    private static void flush(ArrayNode out, ObjectNode cell, int copies) {
        if (cell != null) {
            if (copies > 1) {
                cell.put("copies", copies);
            }
            out.add(cell);
        }
    }

    private static ObjectNode cell(Module m, int c) {
        ObjectNode cell = NODES.objectNode();
        int nb = m.numBranches(c);
        if (nb > 1) {
            ArrayNode parents = cell.putArray("parents");
            for (int p : m.parents(c)) {
                parents.add(p);
            }
        }
        ArrayNode branches = cell.putArray("branches");
        for (int b = 0; b < nb; b++) {
            List<ObjectNode> comps = new ArrayList<>();
            for (int k = 0; k < m.numComps(c, b); k++) {
                comps.add(geometry(m.compartment(new Site(c, b, k))));
            }
            boolean uniform = comps.stream().allMatch(x -> x.equals(comps.get(0)));
            if (uniform) {
                ObjectNode o = NODES.objectNode().put("ncomp", comps.size());
                o.setAll(comps.get(0));
                branches.add(o);
            } else {
                ArrayNode a = branches.addObject().putArray("compartments");
                comps.forEach(a::add);
            }
        }
        return cell;
    }

    private static ObjectNode geometry(Compartment comp) {
        ObjectNode o = NODES.objectNode();
        for (CompartmentField f : ALWAYS) {
            o.put(f.key(), comp.get(f));
        }
        Compartment cylinder = new Compartment();
        cylinder.set(CompartmentField.LENGTH, comp.get(CompartmentField.LENGTH));
        cylinder.set(CompartmentField.RADIUS, comp.get(CompartmentField.RADIUS));
        for (CompartmentField f : DERIVED) {
            if (Double.doubleToLongBits(cylinder.get(f)) != Double.doubleToLongBits(comp.get(f))) {
                o.put(f.key(), comp.get(f));
            }
        }
        return o;
    }

    /**
     * Insert rules in the model's mechanism order (so the order currents are summed in is kept),
     * then one set rule per set of compartments that share values.
     */
    private static ArrayNode membrane(Module m) {
        List<Site> sites = m.all().sites();
        ArrayNode out = NODES.arrayNode();
        List<Field> fields = new ArrayList<>();
        for (Mechanism mech : m.mechanisms()) {
            List<Site> with = sites.stream().filter(s -> m.compartment(s).has(mech)).toList();
            if (with.isEmpty()) {
                continue;
            }
            ObjectNode rule = out.addObject();
            JsonNode where = WhereWriter.of(m, with);
            if (where != null) {
                rule.set("where", where);
            }
            rule.putArray("insert").add(mech.name());
            for (Param p : mech.params()) {
                if (!fields.contains(p)) {
                    fields.add(p);
                }
            }
            for (StateVar s : mech.states()) {
                fields.add(s);
            }
        }
        Map<List<Site>, ObjectNode> sets = new LinkedHashMap<>();
        for (Field f : fields) {
            Map<Long, List<Site>> byValue = new LinkedHashMap<>();
            for (Site s : sites) {
                Compartment c = m.compartment(s);
                if (c.hasValue(f)) {
                    byValue.computeIfAbsent(Double.doubleToRawLongBits(c.value(f)), k -> new ArrayList<>()).add(s);
                }
            }
            byValue.forEach((bits, where) -> sets.computeIfAbsent(where, k -> NODES.objectNode()).put(f.key(),
                    Double.longBitsToDouble(bits)));
        }
        sets.forEach((where, values) -> {
            ObjectNode rule = out.addObject();
            JsonNode w = WhereWriter.of(m, where);
            if (w != null) {
                rule.set("where", w);
            }
            rule.set("set", values);
        });
        return out;
    }

    private static ArrayNode trainables(HuxleyModel model) {
        ArrayNode out = NODES.arrayNode();
        for (Trainable t : model.trainables()) {
            ObjectNode o = out.addObject();
            if (t.synapses() != null) {
                ObjectNode s = o.putObject("synapses");
                if (t.synapses().type() != null) {
                    s.put("type", t.synapses().type());
                }
                if (t.synapses().edges() != null) {
                    s.set("edges", WhereWriter.ints(t.synapses().edges()));
                }
            } else {
                ObjectNode w = WhereWriter.of(t.where());
                if (!w.isEmpty()) {
                    o.set("where", w);
                }
            }
            o.put("field", t.field());
            if (!Double.isNaN(t.initialValue())) {
                o.put("initial", t.initialValue());
            }
            if (t.hasBounds() || t.logScale()) {
                var info = ModelNames.field(model.module(), t.field()).info();
                o.putArray("bounds").add(Double.isNaN(t.lower()) ? info.lo() : t.lower())
                        .add(Double.isNaN(t.upper()) ? info.hi() : t.upper());
            }
            if (t.logScale()) {
                o.put("scale", "log");
            }
            if (t.perElement()) {
                o.put("per_compartment", true);
            }
        }
        return out;
    }

    private static ObjectNode protocol(HuxleyModel model) {
        ObjectNode p = NODES.objectNode();
        p.put("dt", model.protocol().dtMs());
        if (model.protocol().steps() >= 0) {
            p.put("steps", model.protocol().steps());
        }
        p.put("record_every", model.protocol().recordEvery());
        p.put("slope", model.protocol().slope().name().toLowerCase(Locale.ROOT));
        p.put("precision", model.precision().name().toLowerCase(Locale.ROOT));
        p.put("engine", model.engine());
        p.put("seed", model.seed());
        return p;
    }
}
