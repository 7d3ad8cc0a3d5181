package org.huxley.io.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.huxley.HuxleyException;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.Site;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a model file into a {@link HuxleyModel}, section by section in a fixed order: version,
 * protocol, user mechanisms, cells, the root module, groups, membrane rules, synapses, stimuli,
 * clamps, recordings, trainables (docs/model-files.md).
 */
final class ModelReader {
    static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> KEYS = Set.of("huxley", "name", "description", "module", "mechanisms", "cells",
            "groups", "membrane", "synapses", "stimuli", "clamps", "recordings", "trainables", "protocol");
    private static final Set<String> PROTOCOL_KEYS = Set.of("dt", "t_max", "steps", "record_every", "slope",
            "precision", "engine", "seed");

    private ModelReader() {
    }

    static HuxleyModel read(String json, String source, Path baseDir) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            int line = loc == null ? -1 : loc.getLineNr();
            int col = loc == null ? -1 : loc.getColumnNr();
            // Jackson appends where an open array or object started, naming a redacted source: drop it.
            String what = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\(for \\w+ starting at \\[Source.*", "")
                    .replaceAll("\\s*at \\[Source.*", "").strip();
            throw ModelFileException.at(source, line, col, "malformed JSON: " + what, e);
        }
        if (node == null || !node.isObject()) {
            throw ModelFileException.at(source, "$", "a model file is one JSON object, got "
                    + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        JsonIn root = new JsonIn(node, "$", source);
        checkVersion(root);
        root.keys(KEYS);
        try {
            return build(root, baseDir);
        } catch (ModelFileException e) {
            throw e;
        } catch (HuxleyException e) {
            throw ModelFileException.at(source, "$", e.getMessage(), e);
        }
    }

    private static void checkVersion(JsonIn root) {
        JsonIn v = root.req("huxley");
        long version = v.integer();
        if (version > ModelFile.FORMAT_VERSION) {
            throw v.fail("format version " + version + " is newer than this Huxley reads (" + ModelFile.FORMAT_VERSION
                    + "); update Huxley to read this file");
        }
        if (version < 1) {
            throw v.fail("format version must be >= 1, got " + version);
        }
    }

    private static HuxleyModel build(JsonIn root, Path baseDir) {
        String name = root.has("name") ? root.req("name").string() : "";
        String description = root.has("description") ? root.req("description").string() : "";
        JsonIn p = root.has("protocol") ? root.req("protocol").keys(PROTOCOL_KEYS) : null;
        Protocol protocol = protocol(p);
        double tMax = p != null && p.has("t_max") ? p.req("t_max").number() : Double.NaN;
        Precision precision = p != null && p.has("precision")
                ? Precision.valueOf(p.req("precision").oneOf(Set.of("float32", "float64")).toUpperCase(Locale.ROOT))
                : Precision.FLOAT64;
        String engine = p != null && p.has("engine") ? p.req("engine").oneOf(HuxleyModel.ENGINES) : "auto";
        long seed = p != null && p.has("seed") ? p.req("seed").integer() : 0L;

        MechanismCatalog mechanisms = new MechanismCatalog();
        if (root.has("mechanisms")) {
            for (JsonIn m : root.req("mechanisms").array(0)) {
                mechanisms.add(m, MechanismReader.read(m));
            }
        }
        Module module = rootModule(root, baseDir, mechanisms);
        if (root.has("groups")) {
            GroupReader.apply(root.req("groups"), module);
        }
        if (root.has("membrane")) {
            MembraneReader.applyAll(root.req("membrane"), module, mechanisms);
        }
        if (root.has("synapses")) {
            JsonIn s = root.req("synapses");
            if (!(module instanceof Network net)) {
                throw s.fail("synapses need \"module\": \"network\"");
            }
            SynapseReader.applyAll(s, net, mechanisms);
        }
        if (root.has("stimuli")) {
            StimulusReader.applyAll(root.req("stimuli"), module, protocol, tMax, baseDir, false);
        }
        if (root.has("clamps")) {
            StimulusReader.applyAll(root.req("clamps"), module, protocol, tMax, baseDir, true);
        }
        if (root.has("recordings")) {
            RecordingReader.applyAll(root.req("recordings"), module);
        }
        List<Trainable> trainables = root.has("trainables") ? TrainableReader.readAll(root.req("trainables"), module)
                : List.of();
        return new HuxleyModel(name, module, protocol, precision, engine, seed, trainables, description);
    }

    private static Protocol protocol(JsonIn p) {
        Protocol protocol = Protocol.defaults();
        if (p == null) {
            return protocol;
        }
        try {
            if (p.has("dt")) {
                protocol = protocol.withDt(p.req("dt").positive());
            }
            if (p.has("t_max") && p.has("steps")) {
                throw p.fail("give either 't_max' or 'steps', not both");
            }
            if (p.has("t_max")) {
                double t = p.req("t_max").number();
                if (!(t >= 0)) {
                    throw p.req("t_max").fail("t_max must be >= 0 ms, got " + t);
                }
                protocol = protocol.withTMax(t);
            }
            if (p.has("steps")) {
                protocol = protocol.withSteps(p.req("steps").integer(0, Integer.MAX_VALUE - 1));
            }
            if (p.has("record_every")) {
                protocol = protocol.withRecordEvery(p.req("record_every").integer(1, Integer.MAX_VALUE));
            }
            if (p.has("slope")) {
                protocol = protocol.withSlope(SlopeMode.valueOf(p.req("slope").oneOf(Set.of("analytic",
                        "forward_difference")).toUpperCase(Locale.ROOT)));
            }
            return protocol;
        } catch (ModelFileException e) {
            throw e;
        } catch (HuxleyException e) {
            throw p.fail(e.getMessage());
        }
    }

    /** The cells (with copies) assembled into the module the file names, or the natural one. */
    private static Module rootModule(JsonIn root, Path baseDir, MechanismCatalog mechanisms) {
        JsonIn cellsIn = root.req("cells");
        List<Cell> cells = new ArrayList<>();
        List<JsonIn> entries = cellsIn.array(1);
        for (JsonIn c : entries) {
            Cell cell = CellReader.read(c, baseDir, mechanisms);
            for (int k = CellReader.copies(c); k > 0; k--) {
                cells.add(cell);
            }
        }
        String kind = root.has("module") ? root.req("module").oneOf(Set.of("compartment", "branch", "cell", "network"))
                : cells.size() > 1 || root.has("synapses") ? "network" : "cell";
        if (kind.equals("network")) {
            return new Network(cells);
        }
        if (cells.size() != 1) {
            throw cellsIn.fail("\"module\": \"" + kind + "\" needs exactly one cell, got " + cells.size());
        }
        Cell cell = cells.get(0);
        if (kind.equals("cell")) {
            return cell;
        }
        JsonIn c0 = entries.get(0);
        if (c0.has("membrane") || c0.has("groups")) {
            throw c0.fail("for \"module\": \"" + kind + "\" give 'membrane' and 'groups' at the top level");
        }
        if (cell.nbranches() != 1) {
            throw c0.fail("\"module\": \"" + kind + "\" needs a cell of one branch, got " + cell.nbranches());
        }
        int ncomp = cell.numComps(0, 0);
        if (kind.equals("compartment")) {
            if (ncomp != 1) {
                throw c0.fail("\"module\": \"compartment\" needs one compartment, got " + ncomp);
            }
            return cell.compartment(new Site(0, 0, 0)).copy();
        }
        List<Compartment> comps = new ArrayList<>();
        for (int k = 0; k < ncomp; k++) {
            comps.add(cell.compartment(new Site(0, 0, k)));
        }
        return new Branch(comps);
    }
}
