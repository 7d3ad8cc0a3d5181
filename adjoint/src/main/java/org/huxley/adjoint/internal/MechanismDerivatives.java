package org.huxley.adjoint.internal;

import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.expr.BytecodeCompiler;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.Mul;
import org.huxley.expr.MultiExpr;
import org.huxley.expr.SaveExpSlope;
import org.huxley.expr.Symbol;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;

/**
 * Every partial derivative the adjoint step needs, derived symbolically from a mechanism's
 * expressions and compiled into two fused kernels on the {@link MechanismKernel} slot layout:
 *
 * <ul>
 *   <li>{@link #currentSide}, evaluated at (vⁿ, xⁿ⁺¹): I, S, ∂I/∂v, ∂S/∂v, ∂I/∂v_pre, ∂S/∂v_pre,
 *       then ∂I/∂x_q, ∂S/∂x_q (q over states), ∂I/∂θ_p, ∂S/∂θ_p (p over parameters);</li>
 *   <li>{@link #updateSide}, evaluated at (vⁿ, xⁿ): per state q, ∂U_q/∂v, ∂U_q/∂v_pre,
 *       ∂U_q/∂x_j (j over states), ∂U_q/∂θ_p.</li>
 * </ul>
 *
 * I is the current, S its slope along the direction the forward step linearises (∂I/∂v, plus
 * ∂I/∂v_pre for synapses), U_q the update of state q.
 */
public final class MechanismDerivatives {
    static final int I = 0;
    static final int S = 1;
    static final int DI_DV = 2;
    static final int DS_DV = 3;
    static final int DI_DVPRE = 4;
    static final int DS_DVPRE = 5;
    private static final int FIRST_X = 6;

    final MechanismKernel kernel;
    final boolean synapse;
    /** Whether Jaxley's difference slope shifts the pre-synaptic input too (voltage-driven synapses). */
    final boolean shiftsPre;
    final int ns;
    final int np;
    final MultiExpr currentSide;
    final MultiExpr updateSide;
    final int currentOutputs;
    final int updateOutputs;
    /** Non-vanishing ∂U_q/∂x_j as {q, j, output index}. */
    final int[][] updateStateTerms;
    /** Non-vanishing ∂U_q/∂θ_p as {q, p, output index}. */
    final int[][] updateParamTerms;
    /** The new states followed by the update-side derivatives (one kernel for recomputation). */
    final MultiExpr updateWithValues;
    /** {@link #currentSide} with every output written (for the extended forward kernel). */
    final MultiExpr currentWithZeros;

    MechanismDerivatives(MechanismKernel kernel) {
        this.kernel = kernel;
        Mechanism m = kernel.mechanism;
        this.synapse = m.kind() == MechanismKind.SYNAPSE;
        this.shiftsPre = synapse && !m.spikeDriven();
        this.ns = kernel.numStates;
        this.np = kernel.numParams;
        List<Symbol> slots = MechanismKernel.slotOrder(m);
        Expr current = m.currentExpr();
        Expr slope = kernel.slopeExpr;
        List<Expr> cs = new ArrayList<>();
        cs.add(current);
        cs.add(slope);
        cs.add(current.diff(Mechanism.V));
        cs.add(slope.diff(Mechanism.V));
        cs.add(synapse ? current.diff(Mechanism.V_PRE) : Exprs.c(0));
        cs.add(synapse ? slope.diff(Mechanism.V_PRE) : Exprs.c(0));
        for (int q = 0; q < ns; q++) {
            cs.add(current.diff(m.states().get(q).symbol()));
        }
        for (int q = 0; q < ns; q++) {
            cs.add(slope.diff(m.states().get(q).symbol()));
        }
        for (int p = 0; p < np; p++) {
            cs.add(current.diff(m.params().get(p).symbol()));
        }
        for (int p = 0; p < np; p++) {
            cs.add(slope.diff(m.params().get(p).symbol()));
        }
        this.currentOutputs = cs.size();
        this.currentSide = BytecodeCompiler.compile(nullZeros(cs), slots);
        List<Expr> us = new ArrayList<>();
        for (int q = 0; q < ns; q++) {
            Expr u = m.update(m.states().get(q));
            us.add(u.diff(Mechanism.V));
            us.add(synapse ? u.diff(Mechanism.V_PRE) : Exprs.c(0));
            for (int j = 0; j < ns; j++) {
                us.add(u.diff(m.states().get(j).symbol()));
            }
            for (int p = 0; p < np; p++) {
                us.add(u.diff(m.params().get(p).symbol()));
            }
        }
        this.updateOutputs = Math.max(1, us.size());
        this.updateSide = us.isEmpty() ? (sl, out) -> { } : BytecodeCompiler.compile(nullZeros(us), slots);
        // Sparse lists of the update derivatives that do not vanish identically.
        List<int[]> ux = new ArrayList<>();
        List<int[]> up = new ArrayList<>();
        for (int q = 0; q < ns; q++) {
            for (int j = 0; j < ns; j++) {
                if (!us.get(dUdX(q, j)).isConst(0.0)) {
                    ux.add(new int[] {q, j, dUdX(q, j)});
                }
            }
            for (int p = 0; p < np; p++) {
                if (!us.get(dUdP(q, p)).isConst(0.0)) {
                    up.add(new int[] {q, p, dUdP(q, p)});
                }
            }
        }
        this.updateStateTerms = ux.toArray(new int[0][]);
        this.updateParamTerms = up.toArray(new int[0][]);
        // The forward stepper's output buffers are shared by all mechanisms, so the extended kernels
        // write every output, identically-zero derivatives included (a skipped output would leave
        // another mechanism's value there, and the derivative cache would copy it).
        List<Expr> uv = new ArrayList<>();
        for (int q = 0; q < ns; q++) {
            uv.add(m.update(m.states().get(q)));
        }
        uv.addAll(zerosWritten(us));
        while (uv.size() < ns + updateOutputs) {
            uv.add(Exprs.c(0)); // a stateless mechanism still has one (unused) update output
        }
        this.updateWithValues = BytecodeCompiler.compile(uv, slots);
        this.currentWithZeros = BytecodeCompiler.compile(zerosWritten(cs), slots);
    }

    /** As {@link #nullZeros}, but identically-zero derivatives are computed (as the constant 0). */
    private static List<Expr> zerosWritten(List<Expr> exprs) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(e.isConst(0.0) ? Exprs.c(0) : strongZero(e));
        }
        return out;
    }

    /**
     * A forward kernel that also emits every derivative: its updates give the new states then the
     * update-side derivatives; its current kernel is {@link #currentSide} (current and slope first).
     * The values are computed by the same operations, so states are bitwise those of the plain kernel.
     */
    MechanismKernel extendedKernel() {
        return new MechanismKernel(kernel, updateWithValues, ns + updateOutputs, currentWithZeros, currentOutputs);
    }

    /** Identically-zero derivatives become null: never computed, their output stays 0. */
    private static List<Expr> nullZeros(List<Expr> exprs) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(e.isConst(0.0) ? null : strongZero(e));
        }
        return out;
    }

    /**
     * Makes every product with a factor saveExpSlope(a) exactly 0 where that factor is 0. There
     * saveExp is clipped or exp(a) underflows, so the forward value does not move with a and the
     * derivative is 0, but the chain rule's other factors may be infinite: an ionotropic synapse
     * whose s∞ rounds to 1 has τ = 0 and ∂(−dt/τ)/∂τ = ∞, and 0·∞ would be NaN.
     */
    static Expr strongZero(Expr e) {
        List<Expr> kids = e.children();
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> mapped = kids.stream().map(MechanismDerivatives::strongZero).toList();
        boolean changed = false;
        for (int i = 0; i < kids.size(); i++) {
            changed |= mapped.get(i) != kids.get(i);
        }
        Expr out = changed ? e.withChildren(mapped) : e;
        if (out instanceof Mul(List<Expr> factors)) {
            for (Expr f : factors) {
                if (f instanceof SaveExpSlope) {
                    return Exprs.ifLe(f, Exprs.c(0.0), Exprs.c(0.0), out);
                }
            }
        }
        return out;
    }

    int dIdX(int q) {
        return FIRST_X + q;
    }

    int dSdX(int q) {
        return FIRST_X + ns + q;
    }

    int dIdP(int p) {
        return FIRST_X + 2 * ns + p;
    }

    int dSdP(int p) {
        return FIRST_X + 2 * ns + np + p;
    }

    private int updateBase(int q) {
        return q * (2 + ns + np);
    }

    int dUdV(int q) {
        return updateBase(q);
    }

    int dUdVpre(int q) {
        return updateBase(q) + 1;
    }

    int dUdX(int q, int j) {
        return updateBase(q) + 2 + j;
    }

    int dUdP(int q, int p) {
        return updateBase(q) + 2 + ns + p;
    }
}
