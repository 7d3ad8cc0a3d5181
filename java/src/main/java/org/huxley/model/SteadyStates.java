package org.huxley.model;

import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/** Computes steady-state gate values of a compartment's mechanisms at its initial voltage. */
final class SteadyStates {
    private SteadyStates() {
    }

    static void apply(Compartment c) {
        double v = c.get(CompartmentField.V);
        for (Mechanism m : c.insertedMechanisms()) {
            for (StateVar s : m.states()) {
                var steady = m.steadyState(s);
                if (steady.isEmpty()) {
                    continue;
                }
                Expr e = steady.get();
                double value = e.eval(sym -> {
                    if (sym.equals(Mechanism.V)) {
                        return v;
                    }
                    for (Param p : m.params()) {
                        if (p.symbol().equals(sym)) {
                            return c.value(p);
                        }
                    }
                    for (StateVar t : m.states()) {
                        if (t.symbol().equals(sym)) {
                            return c.value(t);
                        }
                    }
                    throw new IllegalStateException("steady state of " + s.key() + " uses " + sym);
                });
                c.setValue(s, value);
            }
        }
    }
}
