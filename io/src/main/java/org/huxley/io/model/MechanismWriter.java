package org.huxley.io.model;

import java.util.function.Function;
import org.huxley.expr.Symbol;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.FieldInfo;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a user-defined mechanism as a model file describes it: parameters, shared parameters,
 * states, each state's update (and steady state) as an expression, and the current. Gate forms
 * (α/β, x∞/τ) were expanded when the mechanism was built, so the writer gives the explicit update,
 * which rebuilds the same expressions.
 */
final class MechanismWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MechanismWriter() {
    }

    /** Whether {@code m} is the built-in mechanism of its name (else it is written out). */
    static boolean isBuiltin(Mechanism m, String source) {
        Mechanism b = BuiltinMechanisms.all().get(m.name());
        if (b == null) {
            return false;
        }
        if (b != m) {
            throw ModelFileException.of(source, "mechanism '" + m.name() + "' is not the built-in " + m.name()
                    + " but has its name; give it another name to save it", null);
        }
        return true;
    }

    static ObjectNode write(Mechanism m, String source) {
        ObjectNode o = NODES.objectNode();
        o.put("name", m.name());
        o.put("kind", m.kind() == MechanismKind.CHANNEL ? "channel" : "synapse");
        ObjectNode params = NODES.objectNode();
        ArrayNode shared = NODES.arrayNode();
        for (Param p : m.params()) {
            if (p.isShared()) {
                Param builtin = MechanismReader.builtinShared().get(p.key());
                if (builtin == null || !builtin.info().equals(p.info())) {
                    throw ModelFileException.of(source, "mechanism " + m.name() + " uses shared parameter " + p.key()
                            + ", which is not one of the built-in shared parameters "
                            + MechanismReader.builtinShared().keySet() + "; model files cannot declare new ones", null);
                }
                shared.add(p.key());
            } else {
                params.set(p.info().name(), field(p.info(), "default"));
            }
        }
        if (!params.isEmpty()) {
            o.set("params", params);
        }
        if (!shared.isEmpty()) {
            o.set("shared", shared);
        }
        Function<Symbol, String> names = s -> name(m, s, source);
        if (!m.states().isEmpty()) {
            ObjectNode states = o.putObject("states");
            ObjectNode dynamics = NODES.objectNode();
            for (StateVar s : m.states()) {
                states.set(s.info().name(), field(s.info(), "initial"));
                ObjectNode d = dynamics.putObject(s.info().name());
                d.put("update", ExprText.write(m.update(s), names));
                m.steadyState(s).ifPresent(e -> d.put("steady", ExprText.write(e, names)));
            }
            o.set("dynamics", dynamics);
        }
        ObjectNode cur = o.putObject("current");
        cur.put("name", m.current().name());
        cur.put("expr", ExprText.write(m.currentExpr(), names));
        return o;
    }

    private static ObjectNode field(FieldInfo info, String valueKey) {
        ObjectNode f = NODES.objectNode();
        f.put(valueKey, info.defaultValue());
        f.put("unit", info.unit());
        if (Double.isFinite(info.lo()) && Double.isFinite(info.hi())) {
            f.putArray("range").add(info.lo()).add(info.hi());
        }
        return f;
    }

    /** The name an expression of {@code m} uses for a symbol. */
    private static String name(Mechanism m, Symbol s, String source) {
        if (s.equals(Mechanism.V)) {
            return "v";
        }
        if (s.equals(Mechanism.DT)) {
            return "dt";
        }
        if (s.equals(Mechanism.V_PRE)) {
            return "v_pre";
        }
        if (s.equals(Mechanism.SPIKES)) {
            return "spikes";
        }
        for (Param p : m.params()) {
            if (p.symbol().equals(s)) {
                return p.isShared() ? p.key() : p.info().name();
            }
        }
        for (StateVar x : m.states()) {
            if (x.symbol().equals(s)) {
                return x.info().name();
            }
        }
        throw ModelFileException.of(source, "mechanism " + m.name() + " uses symbol " + s + ", which is none of its"
                + " parameters or states", null);
    }
}
