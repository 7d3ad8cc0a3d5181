package org.huxley.io.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.Recording;
import org.huxley.model.Site;
import org.huxley.model.SynapseEdge;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes what a model holds besides its cells and membrane: synapses (in connection order, runs of
 * one type as explicit edges; spike-driven ones one by one), stimuli, clamps and recordings (runs
 * that the reader can replay with one selection each, in the same order).
 */
final class EventWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventWriter() {
    }

    static void write(Module m, ObjectNode root) {
        if (m instanceof Network net && net.numSynapses() > 0) {
            root.set("synapses", synapses(net));
        }
        ArrayNode stimuli = samples(m, m.stimuli().stream().map(s -> new Sampled(s.site(), s.currentNa())).toList());
        if (!stimuli.isEmpty()) {
            root.set("stimuli", stimuli);
        }
        ArrayNode clamps = samples(m, m.clamps().stream().map(c -> new Sampled(c.site(), c.voltageMv())).toList());
        if (!clamps.isEmpty()) {
            root.set("clamps", clamps);
        }
        ArrayNode recordings = recordings(m);
        if (!recordings.isEmpty()) {
            root.set("recordings", recordings);
        }
    }

    private record Sampled(Site site, double[] samples) {
    }

    /** Consecutive entries with equal samples on ascending sites share one entry. */
    private static ArrayNode samples(Module m, List<Sampled> xs) {
        ArrayNode out = NODES.arrayNode();
        int i = 0;
        while (i < xs.size()) {
            int j = i + 1;
            while (j < xs.size() && Arrays.equals(xs.get(j).samples(), xs.get(i).samples())
                    && xs.get(j).site().compareTo(xs.get(j - 1).site()) > 0) {
                j++;
            }
            ObjectNode o = out.addObject();
            where(o, m, xs.subList(i, j).stream().map(Sampled::site).toList());
            ArrayNode a = o.putArray("samples");
            for (double v : xs.get(i).samples()) {
                a.add(v);
            }
            i = j;
        }
        return out;
    }

    private static void where(ObjectNode o, Module m, List<Site> sites) {
        JsonNode w = WhereWriter.of(m, sites);
        if (w != null) {
            o.set("where", w);
        }
    }

    private static ArrayNode recordings(Module m) {
        ArrayNode out = NODES.arrayNode();
        List<Recording> rs = m.recordings();
        Map<Integer, int[]> local = m instanceof Network net ? localEdgeIndex(net) : Map.of();
        int i = 0;
        while (i < rs.size()) {
            Recording r = rs.get(i);
            int j = i + 1;
            while (j < rs.size() && sameRun(rs.get(j - 1), rs.get(j), local)) {
                j++;
            }
            ObjectNode o = out.addObject();
            List<Recording> run = rs.subList(i, j);
            switch (r) {
                case Recording.OfField f -> {
                    where(o, m, run.stream().map(x -> ((Recording.OfField) x).site()).toList());
                    o.put("field", f.field().key());
                }
                case Recording.OfCurrent c -> {
                    where(o, m, run.stream().map(x -> ((Recording.OfCurrent) x).site()).toList());
                    o.put("current", c.current().name());
                }
                case Recording.OfSynapse s -> {
                    Network net = (Network) m;
                    ObjectNode sel = o.putObject("synapses");
                    sel.put("type", net.synapseType(s.edge()).name());
                    sel.set("edges", WhereWriter.ints(run.stream()
                            .map(x -> local.get(((Recording.OfSynapse) x).edge())[1]).toList()));
                    if (s.field() != null) {
                        o.put("field", s.field().key());
                    } else {
                        o.put("current", s.current().name());
                    }
                }
            }
            i = j;
        }
        return out;
    }

    /** Whether b continues a's recording entry: same kind and quantity, next site in model order (or same synapse type). */
    private static boolean sameRun(Recording a, Recording b, Map<Integer, int[]> local) {
        return switch (a) {
            case Recording.OfField f -> b instanceof Recording.OfField g && f.field().equals(g.field())
                    && g.site().compareTo(f.site()) > 0;
            case Recording.OfCurrent c -> b instanceof Recording.OfCurrent d && c.current().equals(d.current())
                    && d.site().compareTo(c.site()) > 0;
            case Recording.OfSynapse s -> b instanceof Recording.OfSynapse t && Objects.equals(s.field(), t.field())
                    && Objects.equals(s.current(), t.current()) && local.get(s.edge())[0] == local.get(t.edge())[0];
        };
    }

    /** Network edge → {type index, index among the edges of its type}. */
    private static Map<Integer, int[]> localEdgeIndex(Network net) {
        Map<Integer, int[]> out = new HashMap<>();
        List<Network.SynapseBlock> blocks = net.synapseBlocks();
        for (int t = 0; t < blocks.size(); t++) {
            int[] ids = blocks.get(t).edgeIds();
            for (int k = 0; k < ids.length; k++) {
                out.put(ids[k], new int[] {t, k});
            }
        }
        return out;
    }

    private static ArrayNode synapses(Network net) {
        ArrayNode out = NODES.arrayNode();
        List<SynapseEdge> edges = net.synapses();
        int i = 0;
        while (i < edges.size()) {
            Mechanism type = edges.get(i).type();
            int j = i + 1;
            if (!type.spikeDriven()) {
                while (j < edges.size() && edges.get(j).type().equals(type)) {
                    j++;
                }
            }
            List<SynapseEdge> run = edges.subList(i, j);
            ObjectNode o = out.addObject();
            o.put("type", type.name());
            if (type.spikeDriven()) {
                SynapseEdge e = run.get(0);
                o.put("connect", "spike_trains");
                o.set("post", site(e.post()));
                ArrayNode train = o.putArray("spike_times").addArray();
                for (double t : e.spikeTimesMs()) {
                    train.add(t);
                }
            } else {
                o.put("connect", "edges");
                ArrayNode a = o.putArray("edges");
                for (SynapseEdge e : run) {
                    a.addArray().add(e.pre().cell()).add(e.pre().branch()).add(e.pre().comp()).add(e.post().cell())
                            .add(e.post().branch()).add(e.post().comp());
                }
            }
            ObjectNode set = o.putObject("set");
            List<Field> fields = new ArrayList<>();
            for (Param p : type.params()) {
                fields.add(p);
            }
            for (StateVar s : type.states()) {
                fields.add(s);
            }
            for (Field f : fields) {
                double[] v = run.stream().mapToDouble(e -> e.value(f)).toArray();
                set.set(f.info().name(), uniformOrArray(v));
            }
            int[] delays = run.stream().mapToInt(SynapseEdge::delaySteps).toArray();
            if (Arrays.stream(delays).anyMatch(d -> d != 0)) {
                if (Arrays.stream(delays).allMatch(d -> d == delays[0])) {
                    o.put("delay_steps", delays[0]);
                } else {
                    ArrayNode d = o.putArray("delay_steps");
                    Arrays.stream(delays).forEach(d::add);
                }
            }
            i = j;
        }
        return out;
    }

    private static JsonNode uniformOrArray(double[] v) {
        boolean uniform = Arrays.stream(v).allMatch(x -> Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(v[0]));
        if (uniform) {
            return NODES.numberNode(v[0]);
        }
        ArrayNode a = NODES.arrayNode();
        Arrays.stream(v).forEach(a::add);
        return a;
    }

    private static ObjectNode site(Site s) {
        return NODES.objectNode().put("cells", s.cell()).put("branches", s.branch()).put("comps", s.comp());
    }
}
