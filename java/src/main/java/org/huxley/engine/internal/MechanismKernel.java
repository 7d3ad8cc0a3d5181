package org.huxley.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.KernelMode;
import org.huxley.expr.BytecodeCompiler;
import org.huxley.expr.ColumnCompiler;
import org.huxley.expr.VectorColumns;
import org.huxley.expr.ColumnKernel;
import org.huxley.expr.CompiledExpr;
import org.huxley.expr.ExprCompiler;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.MultiExpr;
import org.huxley.expr.Symbol;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * A mechanism's expressions compiled to bytecode ({@link BytecodeCompiler}): all state updates in
 * one call, the current with its slope in another. Slot layout: 0 = v (post-synaptic for synapses),
 * 1 = the pre-synaptic input ({@code v_pre}, or {@code spikes} for a spike-driven synapse), 2 = dt,
 * then parameters, then states.
 */
public final class MechanismKernel {
    public static final int V = 0;
    public static final int V_PRE = 1;
    public static final int DT = 2;
    public static final int FIRST_PARAM = 3;
    /** Output index of the current in {@link #currentSlope}. */
    public static final int OUT_CURRENT = 0;
    /** Output index of the slope in {@link #currentSlope}. */
    public static final int OUT_SLOPE = 1;

    public final Mechanism mechanism;
    public final int numParams;
    public final int numStates;
    /** Outputs: the value of each state after the step. */
    public final MultiExpr updates;
    /** Outputs: the current (mA/cm² or nA) and its slope ∂I/∂v (synapses: + ∂I/∂v_pre). */
    public final MultiExpr currentSlope;
    /** The slope expression, for derivative kernels. */
    public final Expr slopeExpr;
    /** Outputs of {@link #updates} (at least the states; extended kernels append more). */
    public final int updateOutputs;
    /** Outputs of {@link #currentSlope} (at least current and slope). */
    public final int currentOutputs;
    /** State updates, current and slope as expressions (GENERATED mode; null otherwise). */
    private final List<Expr> updateExprs;
    private final List<Expr> currentSlopeExprs;
    private final List<Symbol> slots;
    private ColumnKernels columns;

    public MechanismKernel(Mechanism m) {
        this(m, KernelMode.GENERATED);
    }

    public MechanismKernel(Mechanism m, KernelMode mode) {
        this.mechanism = m;
        this.numParams = m.params().size();
        this.numStates = m.states().size();
        List<Symbol> slots = slotOrder(m);
        List<Expr> ups = new ArrayList<>();
        for (StateVar s : m.states()) {
            ups.add(m.update(s));
        }
        this.updates = compile(ups, slots, mode);
        Expr d = m.currentExpr().diff(Mechanism.V);
        if (m.kind() == MechanismKind.SYNAPSE) {
            d = Exprs.add(d, m.currentExpr().diff(Mechanism.V_PRE));
        }
        this.slopeExpr = d;
        this.currentSlope = compile(List.of(m.currentExpr(), d), slots, mode);
        this.updateOutputs = numStates;
        this.currentOutputs = 2;
        boolean generated = mode == KernelMode.GENERATED;
        this.updateExprs = generated ? List.copyOf(ups) : null;
        this.currentSlopeExprs = generated ? List.of(m.currentExpr(), d) : null;
        this.slots = slots;
    }

    /**
     * A kernel with extended outputs (e.g. derivatives appended by the adjoint): {@code updates}
     * must give the new states first, {@code currentSlope} the current and slope first.
     */
    public MechanismKernel(MechanismKernel base, MultiExpr updates, int updateOutputs, MultiExpr currentSlope,
            int currentOutputs) {
        this.mechanism = base.mechanism;
        this.numParams = base.numParams;
        this.numStates = base.numStates;
        this.slopeExpr = base.slopeExpr;
        this.updates = updates;
        this.updateOutputs = Math.max(updateOutputs, numStates);
        this.currentSlope = currentSlope;
        this.currentOutputs = Math.max(currentOutputs, 2);
        this.updateExprs = null;
        this.currentSlopeExprs = null;
        this.slots = null;
    }

    /**
     * The kernels over instance columns ({@link ColumnCompiler}; same bits as {@link #updates} and
     * {@link #currentSlope}), compiled on first use; null for interpreted or extended kernels.
     */
    public synchronized ColumnKernels columns() {
        if (columns == null && updateExprs != null) {
            Expr current = currentSlopeExprs.get(0);
            List<Symbol> withShifted = new ArrayList<>(slots);
            withShifted.add(V_SHIFTED);
            List<Expr> pair = List.of(current, ColumnCompiler.renameVar(current, Mechanism.V, V_SHIFTED));
            columns = new ColumnKernels(column(updateExprs, slots), column(currentSlopeExprs, slots),
                    column(pair, withShifted));
        }
        return columns;
    }

    /** A scalar column kernel, with vectors where {@link VectorColumns} chose them. */
    private static ColumnKernel column(List<? extends Expr> outputs, List<Symbol> slotOrder) {
        return VectorColumns.wrap(outputs, slotOrder, ColumnCompiler.compile(outputs, slotOrder));
    }

    /** The extra slot (index {@link #slotCount()}) of {@link ColumnKernels#currentPair}: v + Δ. */
    static final Symbol V_SHIFTED = Symbol.of("$v_shifted");

    /**
     * Column kernels of one mechanism.
     *
     * @param updates outputs: the new states
     * @param currentSlope outputs: current and slope
     * @param currentPair outputs: the current at v and at the extra slot's voltage (v + Δ, for the
     *     difference quotient), sharing what does not depend on v
     */
    public record ColumnKernels(ColumnKernel updates, ColumnKernel currentSlope, ColumnKernel currentPair) {
    }

    /** Several expressions as one {@link MultiExpr}, generated or interpreted. */
    public static MultiExpr compile(List<Expr> outputs, List<Symbol> slots, KernelMode mode) {
        if (mode == KernelMode.GENERATED) {
            return BytecodeCompiler.compile(outputs, slots);
        }
        CompiledExpr[] each = new CompiledExpr[outputs.size()];
        for (int j = 0; j < each.length; j++) {
            each[j] = outputs.get(j) == null ? null : ExprCompiler.compile(outputs.get(j), slots);
        }
        return (sl, out) -> {
            for (int j = 0; j < each.length; j++) {
                if (each[j] != null) {
                    out[j] = each[j].eval(sl);
                }
            }
        };
    }

    public static List<Symbol> slotOrder(Mechanism m) {
        List<Symbol> slots = new ArrayList<>();
        slots.add(Mechanism.V);
        slots.add(m.spikeDriven() ? Mechanism.SPIKES : Mechanism.V_PRE);
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

    /** The current alone (for difference quotients): evaluates current and slope, returns I. */
    public double current(double[] slots, double[] scratch2) {
        // scratch2 holds at least currentOutputs values
        currentSlope.eval(slots, scratch2);
        return scratch2[OUT_CURRENT];
    }
}
