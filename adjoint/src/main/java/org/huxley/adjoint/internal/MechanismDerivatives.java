package org.huxley.adjoint.internal;

import java.util.List;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.expr.CompiledExpr;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.Mul;
import org.huxley.expr.SaveExpSlope;
import org.huxley.expr.Symbol;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;

/**
 * Every partial derivative the adjoint step needs, derived symbolically from a mechanism's
 * expressions and compiled on the {@link MechanismKernel} slot layout. Null entries are
 * derivatives that are identically zero (skipped).
 *
 * <p>I is the current, S its slope along the direction the forward step linearises
 * (∂I/∂v, plus ∂I/∂v_pre for synapses), U_s the update of state s.
 */
public final class MechanismDerivatives {
    final MechanismKernel kernel;
    final boolean synapse;
    final CompiledExpr dIdV;
    final CompiledExpr dIdVpre;
    final CompiledExpr[] dIdX;
    final CompiledExpr[] dIdP;
    final CompiledExpr dSdV;
    final CompiledExpr dSdVpre;
    final CompiledExpr[] dSdX;
    final CompiledExpr[] dSdP;
    final CompiledExpr[] dUdV;
    final CompiledExpr[] dUdVpre;
    final CompiledExpr[][] dUdX;
    final CompiledExpr[][] dUdP;

    MechanismDerivatives(MechanismKernel kernel) {
        this.kernel = kernel;
        Mechanism m = kernel.mechanism;
        this.synapse = m.kind() == MechanismKind.SYNAPSE;
        List<Symbol> slots = MechanismKernel.slotOrder(m);
        Expr current = m.currentExpr();
        Expr slope = current.diff(Mechanism.V);
        if (synapse) {
            slope = Exprs.add(slope, current.diff(Mechanism.V_PRE));
        }
        int ns = kernel.numStates;
        int np = kernel.numParams;
        dIdV = compile(current.diff(Mechanism.V), slots);
        dIdVpre = synapse ? compile(current.diff(Mechanism.V_PRE), slots) : null;
        dSdV = compile(slope.diff(Mechanism.V), slots);
        dSdVpre = synapse ? compile(slope.diff(Mechanism.V_PRE), slots) : null;
        dIdX = new CompiledExpr[ns];
        dSdX = new CompiledExpr[ns];
        for (int q = 0; q < ns; q++) {
            Symbol x = m.states().get(q).symbol();
            dIdX[q] = compile(current.diff(x), slots);
            dSdX[q] = compile(slope.diff(x), slots);
        }
        dIdP = new CompiledExpr[np];
        dSdP = new CompiledExpr[np];
        for (int p = 0; p < np; p++) {
            Symbol s = m.params().get(p).symbol();
            dIdP[p] = compile(current.diff(s), slots);
            dSdP[p] = compile(slope.diff(s), slots);
        }
        dUdV = new CompiledExpr[ns];
        dUdVpre = new CompiledExpr[ns];
        dUdX = new CompiledExpr[ns][ns];
        dUdP = new CompiledExpr[ns][np];
        for (int q = 0; q < ns; q++) {
            Expr u = m.update(m.states().get(q));
            dUdV[q] = compile(u.diff(Mechanism.V), slots);
            dUdVpre[q] = synapse ? compile(u.diff(Mechanism.V_PRE), slots) : null;
            for (int j = 0; j < ns; j++) {
                dUdX[q][j] = compile(u.diff(m.states().get(j).symbol()), slots);
            }
            for (int p = 0; p < np; p++) {
                dUdP[q][p] = compile(u.diff(m.params().get(p).symbol()), slots);
            }
        }
    }

    private static CompiledExpr compile(Expr e, List<Symbol> slots) {
        return e.isConst(0.0) ? null : strongZero(e).compile(slots);
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

    static double eval(CompiledExpr e, double[] slots) {
        return e == null ? 0.0 : e.eval(slots);
    }
}
