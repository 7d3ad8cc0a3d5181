package org.huxley.io.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.model.EdgeView;
import org.huxley.model.Field;
import org.huxley.model.Network;
import org.huxley.model.View;

/**
 * Wires the {@code "synapses"} of a model file, entry by entry in file order: explicit edges
 * between compartments, pairs of two selections, fully / sparse / matrix connection of cells (with
 * a seed where the API draws), or spike trains; then the entry's values and delays.
 */
final class SynapseReader {
    private static final Set<String> MODES = Set.of("edges", "pairs", "fully", "sparse", "matrix", "spike_trains");
    private static final Set<String> COMMON = Set.of("type", "connect", "set", "delay_steps");

    private SynapseReader() {
    }

    static void applyAll(JsonIn entries, Network net, MechanismCatalog mechanisms) {
        for (JsonIn e : entries.array(0)) {
            apply(e, net, mechanisms);
        }
    }

    private static Set<String> keys(String... extra) {
        Set<String> out = new java.util.TreeSet<>(COMMON);
        out.addAll(List.of(extra));
        return out;
    }

    private static void apply(JsonIn in, Network net, MechanismCatalog mechanisms) {
        JsonIn typeIn = in.req("type");
        Mechanism type = mechanisms.get(typeIn, typeIn.string(), MechanismKind.SYNAPSE);
        String mode = in.req("connect").oneOf(MODES);
        List<EdgeView> added = new ArrayList<>();
        try {
            switch (mode) {
                case "edges" -> {
                    in.keys(keys("edges"));
                    for (JsonIn edge : in.req("edges").array(1)) {
                        List<JsonIn> ix = edge.array(6);
                        if (ix.size() != 6) {
                            throw edge.fail("an edge is [pre cell, pre branch, pre comp, post cell, post branch, post comp]");
                        }
                        try {
                            added.add(net.connect(site(net, ix, 0), site(net, ix, 3), type));
                        } catch (ModelException e) {
                            throw edge.fail(e.getMessage());
                        }
                    }
                }
                case "pairs" -> {
                    in.keys(keys("pre", "post"));
                    added.add(net.connect(view(in.req("pre"), net), view(in.req("post"), net), type));
                }
                case "fully" -> {
                    in.keys(keys("pre", "post", "seed"));
                    View pre = view(in.req("pre"), net);
                    View post = view(in.req("post"), net);
                    added.add(in.has("seed") ? net.fullyConnect(pre, post, type, in.req("seed").integer())
                            : net.fullyConnect(pre, post, type));
                }
                case "sparse" -> {
                    in.keys(keys("pre", "post", "p", "seed", "random_post_comp"));
                    boolean random = in.has("random_post_comp") && in.req("random_post_comp").bool();
                    added.add(net.sparseConnect(view(in.req("pre"), net), view(in.req("post"), net), type,
                            in.req("p").number(), in.req("seed").integer(), random));
                }
                case "matrix" -> {
                    in.keys(keys("pre", "post", "matrix", "seed"));
                    View pre = view(in.req("pre"), net);
                    View post = view(in.req("post"), net);
                    boolean[][] m = matrix(in.req("matrix"));
                    added.add(in.has("seed") ? net.connectivityMatrixConnect(pre, post, type, m, in.req("seed").integer())
                            : net.connectivityMatrixConnect(pre, post, type, m));
                }
                default -> {
                    in.keys(keys("post", "spike_times"));
                    View post = view(in.req("post"), net);
                    JsonIn times = in.req("spike_times");
                    List<JsonIn> xs = times.array(0);
                    if (!xs.isEmpty() && xs.get(0).isArray()) {
                        List<double[]> trains = new ArrayList<>();
                        for (JsonIn t : xs) {
                            trains.add(t.numbers(0));
                        }
                        added.add(net.connectSpikeTrains(trains, post, type));
                    } else {
                        added.add(net.connectSpikeTrain(times.numbers(0), post, type));
                    }
                }
            }
        } catch (ModelException e) {
            throw in.fail(e.getMessage());
        }
        int n = added.stream().mapToInt(EdgeView::size).sum();
        if (in.has("set")) {
            JsonIn set = in.req("set");
            for (String name : set.names()) {
                JsonIn value = set.req(name);
                Field f = field(value, type, name);
                if (value.isArray()) {
                    double[] xs = perEdge(value, n);
                    for (int i = 0; i < n; i++) {
                        final int k = i;
                        at(value, () -> edge(added, k).set(f, xs[k]));
                    }
                } else {
                    double x = value.number();
                    at(value, () -> added.forEach(v -> v.set(f, x)));
                }
            }
        }
        if (in.has("delay_steps")) {
            JsonIn d = in.req("delay_steps");
            if (d.isArray()) {
                List<JsonIn> xs = d.array(0);
                if (xs.size() != n) {
                    throw d.fail("gives " + xs.size() + " delays for the " + n + " synapses of this entry");
                }
                for (int i = 0; i < n; i++) {
                    int steps = xs.get(i).integer(0, Integer.MAX_VALUE);
                    edge(added, i).setDelay(steps);
                }
            } else {
                int steps = d.integer(0, Integer.MAX_VALUE);
                added.forEach(v -> v.setDelay(steps));
            }
        }
    }

    private static void at(JsonIn where, Runnable r) {
        try {
            r.run();
        } catch (ModelException e) {
            throw where.fail(e.getMessage());
        }
    }

    private static Field field(JsonIn at, Mechanism type, String name) {
        try {
            for (var p : type.params()) {
                if (p.info().name().equals(name)) {
                    return p;
                }
            }
            return type.state(name);
        } catch (ModelException e) {
            throw at.fail("synapse type " + type.name() + " has no parameter or state '" + name + "' (parameters: "
                    + type.params().stream().map(p -> p.info().name()).toList() + ", states: "
                    + type.states().stream().map(s -> s.info().name()).toList() + ")");
        }
    }

    private static double[] perEdge(JsonIn value, int n) {
        double[] xs = value.numbers(0);
        if (xs.length != n) {
            throw value.fail("gives " + xs.length + " values for the " + n + " synapses of this entry");
        }
        return xs;
    }

    /** The i-th synapse added by this entry, as a one-edge selection. */
    private static EdgeView edge(List<EdgeView> added, int i) {
        for (EdgeView v : added) {
            if (i < v.size()) {
                return v.edge(i);
            }
            i -= v.size();
        }
        throw new IndexOutOfBoundsException(i);
    }

    private static View site(Network net, List<JsonIn> ix, int from) {
        int c = ix.get(from).integer(0, Integer.MAX_VALUE);
        int b = ix.get(from + 1).integer(0, Integer.MAX_VALUE);
        int k = ix.get(from + 2).integer(0, Integer.MAX_VALUE);
        return net.cell(c).branch(b).comp(k);
    }

    private static View view(JsonIn in, Network net) {
        try {
            return Where.selector(in).view(net);
        } catch (ModelException e) {
            throw in.fail(e.getMessage());
        }
    }

    private static boolean[][] matrix(JsonIn in) {
        List<JsonIn> rows = in.array(1);
        boolean[][] m = new boolean[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            List<JsonIn> row = rows.get(i).array(0);
            m[i] = new boolean[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                JsonIn x = row.get(j);
                m[i][j] = x.isNumber() ? x.integer(0, 1) == 1 : x.bool();
            }
        }
        return m;
    }
}
