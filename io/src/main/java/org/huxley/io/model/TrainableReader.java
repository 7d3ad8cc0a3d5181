package org.huxley.io.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.model.EdgeView;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;

/**
 * Reads the {@code "trainables"} of a model file and checks them against the model (each one
 * declared in a parameter layout, its bounds turned into fit bounds), so that a bad field,
 * selection or bound is reported at its JSON path while reading.
 */
final class TrainableReader {
    private static final Set<String> KEYS = Set.of("where", "synapses", "field", "initial", "bounds", "scale",
            "per_compartment");
    private static final Set<String> EDGE_KEYS = Set.of("type", "edges");

    private TrainableReader() {
    }

    static List<Trainable> readAll(JsonIn entries, Module module) {
        List<Trainable> out = new ArrayList<>();
        ParameterLayout layout = new ParameterLayout(module);
        for (JsonIn e : entries.array(0)) {
            e.keys(KEYS);
            Trainable t = read(e);
            try {
                t.declare(module, layout);
                List<Trainable> sofar = new ArrayList<>(out);
                sofar.add(t);
                new HuxleyModel("", module, org.huxley.engine.Protocol.defaults(),
                        org.huxley.engine.Precision.FLOAT64, "cpu", 0, sofar).bounds(layout);
            } catch (ModelException ex) {
                throw e.fail(ex.getMessage());
            }
            out.add(t);
        }
        return out;
    }

    private static Trainable read(JsonIn e) {
        if (e.has("where") && e.has("synapses")) {
            throw e.fail("give either 'where' (compartments) or 'synapses', not both");
        }
        Selector where = null;
        EdgeSelector synapses = null;
        if (e.has("synapses")) {
            synapses = edgeSelector(e.req("synapses"));
        } else {
            where = e.has("where") ? Where.selector(e.req("where")) : Selector.all();
        }
        double initial = e.has("initial") ? e.req("initial").number() : Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (e.has("bounds")) {
            JsonIn b = e.req("bounds");
            double[] xs = b.numbers(2);
            if (xs.length != 2 || !(xs[0] < xs[1])) {
                throw b.fail("bounds must be [lower, upper] with lower < upper");
            }
            lo = xs[0];
            hi = xs[1];
            if (!Double.isNaN(initial) && !(initial > lo && initial < hi)) {
                throw e.req("initial").fail("initial value " + initial + " is not inside the bounds [" + lo + ", " + hi + "]");
            }
        }
        boolean log = e.has("scale") && e.req("scale").oneOf(Set.of("linear", "log")).equals("log");
        if (log && !(lo > 0)) {
            throw e.fail("a log scale needs bounds [lower, upper] with lower > 0");
        }
        boolean perComp = e.has("per_compartment") && e.req("per_compartment").bool();
        if (perComp && synapses != null) {
            throw e.req("per_compartment").fail("per_compartment applies to compartments, not synapses");
        }
        if (perComp && !Double.isNaN(initial)) {
            throw e.req("initial").fail("per_compartment parameters start from each compartment's value; drop 'initial'");
        }
        return new Trainable(where, synapses, e.req("field").string(), initial, lo, hi, log, perComp);
    }

    static EdgeSelector edgeSelector(JsonIn s) {
        s.keys(EDGE_KEYS);
        return new EdgeSelector(s.has("type") ? s.req("type").string() : null, s.has("edges") ? s.req("edges").indices()
                : null);
    }

    /** The synapses an edge selector picks, failing at its path. */
    static EdgeView edges(JsonIn s, Network net) {
        try {
            return edgeSelector(s).view(net);
        } catch (ModelException ex) {
            throw s.fail(ex.getMessage());
        }
    }
}
