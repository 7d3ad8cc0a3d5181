package org.huxley.io.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huxley.expr.Expr;
import org.huxley.expr.Symbol;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * Builds the user-defined mechanisms of a model file ({@code "mechanisms": [...]}) with
 * {@link MechanismBuilder}: parameters, shared parameters, states, the dynamics of each state as
 * expressions (α/β, x∞/τ, dx/dt or the explicit update) and the current.
 */
final class MechanismReader {
    private static final Set<String> KEYS = Set.of("name", "kind", "params", "shared", "states", "dynamics",
            "current");
    private static final Set<String> FIELD_KEYS = Set.of("default", "initial", "unit", "range");
    private static final Set<String> DYNAMICS_KEYS = Set.of("alpha", "beta", "inf", "tau", "derivative", "update",
            "steady");

    private MechanismReader() {
    }

    /** The built-in shared parameters (e.g. the Pospischil reversal potentials {@code eK}), by name. */
    static Map<String, Param> builtinShared() {
        Map<String, Param> out = new LinkedHashMap<>();
        for (Mechanism m : BuiltinMechanisms.all().values()) {
            for (Param p : m.params()) {
                if (p.isShared()) {
                    out.putIfAbsent(p.key(), p);
                }
            }
        }
        return out;
    }

    static Mechanism read(JsonIn in) {
        in.keys(KEYS);
        JsonIn nameIn = in.req("name");
        String name = nameIn.string();
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw nameIn.fail("mechanism name '" + name + "' must be an identifier (a letter, then letters, digits, _)");
        }
        if (BuiltinMechanisms.all().containsKey(name)) {
            throw nameIn.fail("'" + name + "' is a built-in mechanism; give the user mechanism another name");
        }
        String kind = in.has("kind") ? in.req("kind").oneOf(Set.of("channel", "synapse")) : "channel";
        MechanismBuilder b = kind.equals("channel") ? Mechanism.channel(name) : Mechanism.synapse(name);
        Map<String, Symbol> symbols = new LinkedHashMap<>();
        symbols.put("v", Mechanism.V);
        symbols.put("dt", Mechanism.DT);
        if (kind.equals("synapse")) {
            symbols.put("v_pre", Mechanism.V_PRE);
            symbols.put("spikes", Mechanism.SPIKES);
        }
        if (in.has("params")) {
            JsonIn ps = in.req("params");
            for (String p : ps.names()) {
                JsonIn spec = ps.req(p);
                double[] f = field(spec, p, "default", symbols);
                symbols.put(p, b.param(p, unit(spec), f[0], f[1], f[2]).symbol());
            }
        }
        if (in.has("shared")) {
            Map<String, Param> known = builtinShared();
            for (JsonIn s : in.req("shared").array(1)) {
                String p = s.string();
                Param shared = known.get(p);
                if (shared == null) {
                    throw s.fail("unknown shared parameter '" + p + "' (known: " + String.join(", ", known.keySet()) + ")");
                }
                checkNew(s, p, symbols);
                symbols.put(p, b.use(shared).symbol());
            }
        }
        Map<String, StateVar> states = new LinkedHashMap<>();
        if (in.has("states")) {
            JsonIn ss = in.req("states");
            for (String s : ss.names()) {
                JsonIn spec = ss.req(s);
                double[] f = field(spec, s, "initial", symbols);
                StateVar x = b.state(s, unit(spec), f[0], f[1], f[2]);
                states.put(s, x);
                symbols.put(s, x.symbol());
            }
        }
        JsonIn dyn = in.has("dynamics") ? in.req("dynamics") : null;
        for (Map.Entry<String, StateVar> e : states.entrySet()) {
            if (dyn == null || !dyn.has(e.getKey())) {
                throw (dyn == null ? in : dyn).fail("state '" + e.getKey() + "' has no dynamics");
            }
        }
        if (dyn != null) {
            for (String s : dyn.names()) {
                JsonIn d = dyn.req(s);
                StateVar x = states.get(s);
                if (x == null) {
                    throw d.fail("dynamics for '" + s + "', which is not a state of " + name + " (states: "
                            + states.keySet() + ")");
                }
                dynamics(b, x, d, symbols);
            }
        }
        JsonIn cur = in.req("current");
        cur.keys(Set.of("name", "expr"));
        b.current(cur.req("name").string(), expr(cur.req("expr"), symbols));
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw in.fail(e.getMessage());
        }
    }

    private static void checkNew(JsonIn at, String name, Map<String, Symbol> symbols) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw at.fail("name '" + name + "' must be an identifier");
        }
        if (symbols.containsKey(name)) {
            throw at.fail("name '" + name + "' is already used in this mechanism (names so far: " + symbols.keySet() + ")");
        }
        if (ExprParser.FUNCTIONS.containsKey(name)) {
            throw at.fail("name '" + name + "' is a function of the expression grammar");
        }
    }

    /** {value, lo, hi} of a parameter or state: a bare number or {default|initial, unit, range}. */
    private static double[] field(JsonIn spec, String name, String valueKey, Map<String, Symbol> symbols) {
        checkNew(spec, name, symbols);
        double lo = -1e12;
        double hi = 1e12;
        double value;
        if (spec.isNumber()) {
            value = spec.number();
        } else {
            spec.keys(Set.of(valueKey, "unit", "range"));
            value = spec.req(valueKey).number();
            if (spec.has("range")) {
                JsonIn r = spec.req("range");
                double[] range = r.numbers(2);
                if (range.length != 2 || !(range[0] <= range[1])) {
                    throw r.fail("range must be [lo, hi] with lo <= hi");
                }
                lo = range[0];
                hi = range[1];
            }
        }
        if (!(value >= lo && value <= hi)) {
            throw spec.fail(valueKey + " " + value + " of '" + name + "' is outside its range [" + lo + ", " + hi + "]");
        }
        return new double[] {value, lo, hi};
    }

    private static String unit(JsonIn spec) {
        return spec.isObject() && spec.has("unit") ? spec.req("unit").string() : "1";
    }

    private static void dynamics(MechanismBuilder b, StateVar x, JsonIn d, Map<String, Symbol> symbols) {
        d.keys(DYNAMICS_KEYS);
        List<String> given = d.names();
        try {
            if (given.equals(List.of("alpha", "beta")) || given.equals(List.of("beta", "alpha"))) {
                b.gateAlphaBeta(x, expr(d.req("alpha"), symbols), expr(d.req("beta"), symbols));
            } else if (given.size() == 2 && given.containsAll(List.of("inf", "tau"))) {
                b.gateInfTau(x, expr(d.req("inf"), symbols), expr(d.req("tau"), symbols));
            } else if (given.equals(List.of("derivative"))) {
                b.derivative(x, expr(d.req("derivative"), symbols));
            } else if (given.contains("update") && (given.size() == 1 || given.size() == 2 && given.contains("steady"))) {
                b.update(x, expr(d.req("update"), symbols), d.has("steady") ? expr(d.req("steady"), symbols) : null);
            } else {
                throw d.fail("give one form of dynamics: {alpha, beta}, {inf, tau}, {derivative} or {update[, steady]}; got "
                        + given);
            }
        } catch (IllegalArgumentException e) {
            throw d.fail(e.getMessage());
        }
    }

    /** Parses an expression string; syntax errors name the column. */
    static Expr expr(JsonIn in, Map<String, Symbol> symbols) {
        String text = in.string();
        try {
            return ExprParser.parse(text, symbols::get);
        } catch (ExprParser.SyntaxError e) {
            String known = e.getMessage().startsWith("unknown name") ? " (names here: " + String.join(", ",
                    symbols.keySet()) + ")" : "";
            throw in.fail("column " + e.column + ": " + e.getMessage() + known + " in \"" + text + "\"");
        }
    }
}
