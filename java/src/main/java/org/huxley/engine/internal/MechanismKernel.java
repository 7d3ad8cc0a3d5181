package org.huxley.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.huxley.expr.CompiledExpr;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.Symbol;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * A mechanism's expressions compiled for the CPU: state updates, the current and its slope. Slot
 * layout: 0 = v (post-synaptic for synapses), 1 = v_pre, 2 = dt, then parameters, then states.
 */
public final class MechanismKernel {
    public static final int V = 0;
    public static final int V_PRE = 1;
    public static final int DT = 2;
    public static final int FIRST_PARAM = 3;

    public final Mechanism mechanism;
    public final int numParams;
    public final int numStates;
    public final CompiledExpr[] updates;
    public final CompiledExpr current;
    /** ∂I/∂v; for synapses ∂I/∂v_post + ∂I/∂v_pre, the direction Jaxley perturbs. */
    public final CompiledExpr slope;

    public MechanismKernel(Mechanism m) {
        this.mechanism = m;
        this.numParams = m.params().size();
        this.numStates = m.states().size();
        List<Symbol> slots = slotOrder(m);
        this.updates = new CompiledExpr[numStates];
        for (int s = 0; s < numStates; s++) {
            updates[s] = m.update(m.states().get(s)).compile(slots);
        }
        this.current = m.currentExpr().compile(slots);
        Expr d = m.currentExpr().diff(Mechanism.V);
        if (m.kind() == MechanismKind.SYNAPSE) {
            d = Exprs.add(d, m.currentExpr().diff(Mechanism.V_PRE));
        }
        this.slope = d.compile(slots);
    }

    public static List<Symbol> slotOrder(Mechanism m) {
        List<Symbol> slots = new ArrayList<>();
        slots.add(Mechanism.V);
        slots.add(Mechanism.V_PRE);
        slots.add(Mechanism.DT);
        for (Param p : m.params()) {
            slots.add(p.symbol());
        }
        for (StateVar s : m.states()) {
            slots.add(s.symbol());
        }
        return slots;
    }

    public int slotCount() {
        return FIRST_PARAM + numParams + numStates;
    }

    public int firstState() {
        return FIRST_PARAM + numParams;
    }
}
