package org.huxley.adjoint.internal;

import java.util.Arrays;
import java.util.List;
import org.huxley.engine.SlopeMode;
import org.huxley.engine.internal.Coupling;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.StepState;
import org.huxley.engine.internal.SynapseInputs;
import org.huxley.model.CompartmentField;
import org.huxley.plan.LinkKind;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.SynapseTable;

/**
 * The discrete adjoint of one {@link ForwardStepper} step (docs/adjoint.md, following the verified
 * derivation B1–B11): from ∂L/∂(state n+1) to ∂L/∂(state n), accumulating ∂L/∂(model values).
 * Generic over mechanisms: every partial derivative comes from {@link MechanismDerivatives}.
 */
final class BackwardStepper {
    private static final double K_CH = ForwardStepper.CHANNEL_TO_UA;
    private static final double K_PT = ForwardStepper.POINT_TO_UA;
    private static final double DELTA = SlopeMode.FD_DELTA_MV;

    private final ForwardStepper fwd;
    private final Plan plan;
    private final MechanismDerivatives[] ch;
    private final MechanismDerivatives[] sy;
    private final List<MechanismTable> chTables;
    private final List<SynapseTable> syTables;
    private final boolean fd;
    private final double dt;
    private final Coupling cp;
    private final double[] area;
    private final double[] cm;
    private final double[] ra;
    private final double[] loadIn;
    private final double[] loadOut;
    private final int n;
    private final double[] a;
    private final double[] d;
    private final double[] lambda;
    private final double[] mu;
    private final double[] nu;
    /** Per table and instance: slots with dt and parameters filled in once. */
    private final double[][][] chSlots;
    private final double[][][] sySlots;
    /** Per table and instance: the current-side derivatives at (vⁿ, xⁿ⁺¹), and shifted by δ (FD slope). */
    private final double[][][] chCur;
    private final double[][][] chCurShift;
    private final double[][][] syCur;
    private final double[][][] syCurShift;
    private final double[] shifted;
    /** Per channel / synapse table: its update-side derivatives (skipped zero outputs stay 0). */
    private final double[][] chUpd;
    private final double[][] syUpd;
    private double[] upd;
    private final double[] tilde;

    BackwardStepper(ForwardStepper fwd, MechanismDerivatives[] ch, MechanismDerivatives[] sy, StepState shape) {
        this.fwd = fwd;
        this.plan = fwd.plan;
        this.ch = ch;
        this.sy = sy;
        this.chTables = plan.channels();
        this.syTables = plan.synapses();
        this.fd = fwd.slopeMode == SlopeMode.FORWARD_DIFFERENCE;
        this.dt = fwd.dt;
        this.cp = fwd.coupling;
        this.area = fwd.area;
        this.cm = fwd.cm;
        this.ra = fwd.values.geometry[CompartmentField.AXIAL_RESISTIVITY.ordinal()];
        this.loadIn = fwd.values.geometry[CompartmentField.RESISTIVE_LOAD_IN.ordinal()];
        this.loadOut = fwd.values.geometry[CompartmentField.RESISTIVE_LOAD_OUT.ordinal()];
        this.n = plan.numNodes();
        a = new double[n];
        d = new double[n];
        lambda = new double[n];
        mu = new double[n];
        nu = new double[n];
        int maxSlots = 0;
        int maxStates = 1;
        chSlots = new double[ch.length][][];
        chCur = new double[ch.length][][];
        chCurShift = new double[ch.length][][];
        for (int t = 0; t < ch.length; t++) {
            int size = chTables.get(t).size();
            chSlots[t] = slots(ch[t].kernel, fwd.values.channelParams[t], size);
            chCur[t] = new double[size][ch[t].currentOutputs];
            chCurShift[t] = fd ? new double[size][ch[t].currentOutputs] : null;
            maxSlots = Math.max(maxSlots, ch[t].kernel.slotCount());
            maxStates = Math.max(maxStates, ch[t].ns);
        }
        sySlots = new double[sy.length][][];
        syCur = new double[sy.length][][];
        syCurShift = new double[sy.length][][];
        for (int t = 0; t < sy.length; t++) {
            int size = syTables.get(t).size();
            sySlots[t] = slots(sy[t].kernel, fwd.values.synapseParams[t], size);
            syCur[t] = new double[size][sy[t].currentOutputs];
            syCurShift[t] = fd ? new double[size][sy[t].currentOutputs] : null;
            maxSlots = Math.max(maxSlots, sy[t].kernel.slotCount());
            maxStates = Math.max(maxStates, sy[t].ns);
        }
        shifted = new double[maxSlots];
        chUpd = new double[ch.length][];
        for (int t = 0; t < ch.length; t++) {
            chUpd[t] = new double[ch[t].updateOutputs];
        }
        syUpd = new double[sy.length][];
        for (int t = 0; t < sy.length; t++) {
            syUpd[t] = new double[sy[t].updateOutputs];
        }
        tilde = new double[maxStates];
    }

    private double[][] slots(MechanismKernel k, double[][] params, int size) {
        double[][] out = new double[size][k.slotCount()];
        for (int i = 0; i < size; i++) {
            out[i][MechanismKernel.DT] = dt;
            for (int p = 0; p < k.numParams; p++) {
                out[i][MechanismKernel.FIRST_PARAM + p] = params[p][i];
            }
        }
        return out;
    }

    private static void load(double[] sl, MechanismKernel k, double v, double vPre, double[][] states, int i) {
        sl[MechanismKernel.V] = v;
        sl[MechanismKernel.V_PRE] = vPre;
        int o = k.firstState();
        for (int q = 0; q < k.numStates; q++) {
            sl[o + q] = states[q][i];
        }
    }

    /** Current-side derivatives of one instance (and shifted by δ for Jaxley's slope); returns S. */
    private double currentSide(MechanismDerivatives md, double[] sl, double[] cur, double[] curShift) {
        md.currentSide.eval(sl, cur);
        if (!fd) {
            return cur[MechanismDerivatives.S];
        }
        System.arraycopy(sl, 0, shifted, 0, sl.length);
        shifted[MechanismKernel.V] += DELTA;
        if (md.shiftsPre) {
            shifted[MechanismKernel.V_PRE] += DELTA;
        }
        md.currentSide.eval(shifted, curShift);
        return (curShift[MechanismDerivatives.I] - cur[MechanismDerivatives.I]) / DELTA;
    }

    /** ∂S/∂(something) at index {@code iI} (∂I) / {@code iS} (∂S of the exact slope). */
    private double dS(double[] cur, double[] curShift, int iI, int iS) {
        return fd ? (curShift[iI] - cur[iI]) / DELTA : cur[iS];
    }

    /**
     * One backward step n.
     *
     * @param sn the state after n steps (stored)
     * @param next the state after step n before clamps (the solution of the implicit system)
     * @param stimuli stimulus samples (nA) per plan stimulus
     * @param cot ∂L/∂(state n+1)
     * @param acc accumulators of ∂L/∂(model values)
     * @param out receives ∂L/∂(state n) (without the loss term of sample n)
     * @return {@code out}
     */
    Cotangents step(int step, StepState sn, StepState next, double[][] stimuli, Cotangents cot, Accumulators acc,
            Cotangents out) {
        return step(step, sn, next, stimuli, cot, acc, out, null, -1);
    }

    /**
     * As above; with a {@link DerivativeCache} (analytic slope only) the derivative kernels' outputs
     * of this step are read from cache slot {@code slot} instead of being evaluated.
     */
    Cotangents step(int step, StepState sn, StepState next, double[][] stimuli, Cotangents cot, Accumulators acc,
            Cotangents out, DerivativeCache cache, int slot) {
        final boolean cached = cache != null && !fd;
        final double[] vn = sn.v;
        final double[] v1 = next.v;
        for (int node : fwd.clampNodes) {
            cot.v[node] = 0.0; // overwritten by the clamp: nothing flows back through the solve
        }
        // B1: recompute the current-side derivatives (incl. slopes) → diagonal of M.
        Arrays.fill(a, 0.0);
        for (int t = 0; t < chTables.size(); t++) {
            MechanismDerivatives md = ch[t];
            MechanismTable tab = chTables.get(t);
            for (int i = 0; i < tab.size(); i++) {
                int node = tab.nodes()[i];
                double s;
                if (cached) {
                    cache.currentInto(false, t, i, slot, chCur[t][i]);
                    s = chCur[t][i][MechanismDerivatives.S];
                } else {
                    double[] sl = chSlots[t][i];
                    load(sl, md.kernel, vn[node], 0.0, next.channel[t], i);
                    s = currentSide(md, sl, chCur[t][i], fd ? chCurShift[t][i] : null);
                    chCur[t][i][MechanismDerivatives.S] = s; // the slope the forward step used
                }
                a[node] += K_CH * s;
            }
        }
        for (int t = 0; t < syTables.size(); t++) {
            MechanismDerivatives md = sy[t];
            SynapseTable tab = syTables.get(t);
            for (int i = 0; i < tab.size(); i++) {
                int post = tab.postNodes()[i];
                double s;
                if (cached) {
                    cache.currentInto(true, t, i, slot, syCur[t][i]);
                    s = syCur[t][i][MechanismDerivatives.S];
                } else {
                    double[] sl = sySlots[t][i];
                    load(sl, md.kernel, vn[post], fwd.inputs.pre(t, i, vn, sn.history, step), next.synapse[t], i);
                    s = currentSide(md, sl, syCur[t][i], fd ? syCurShift[t][i] : null);
                    syCur[t][i][MechanismDerivatives.S] = s;
                }
                a[post] += s * K_PT / area[post];
            }
        }
        // B2: transposed tree solve Mᵀλ = r: the forward sweeps with A[p][k] and A[k][p] swapped.
        for (int i = 0; i < n; i++) {
            if (fwd.branchPoint[i]) {
                d[i] = cp.diagonal[i];
                lambda[i] = 0.0;
            } else {
                d[i] = cp.diagonal[i] + dt * (a[i] / cm[i]);
                lambda[i] = cot.v[i];
            }
        }
        int[] order = fwd.order;
        int[] parent = fwd.parent;
        double[] up = AdjointTestHooks.untransposedSolve ? cp.upper : cp.lower;
        double[] lo = AdjointTestHooks.untransposedSolve ? cp.lower : cp.upper;
        for (int idx = order.length - 1; idx >= 0; idx--) {
            int k = order[idx];
            int p = parent[k];
            if (p < 0) {
                continue;
            }
            double m = up[k] / d[k];
            d[p] -= m * lo[k];
            lambda[p] -= m * lambda[k];
        }
        for (int k : order) {
            int p = parent[k];
            lambda[k] = p < 0 ? lambda[k] / d[k] : (lambda[k] - lo[k] * lambda[p]) / d[k];
        }
        // B3, B7 and B11.
        out.clear();
        double[] vbar = out.v;
        for (int i = 0; i < n; i++) {
            if (fwd.branchPoint[i]) {
                mu[i] = 0.0;
                nu[i] = dt * lambda[i];
            } else {
                mu[i] = dt * lambda[i] / cm[i];
                nu[i] = Coupling.AXIAL_FACTOR * mu[i] / area[i];
                vbar[i] = lambda[i];
                acc.capacitance[i] += -lambda[i] * (v1[i] - vn[i]) / cm[i];
            }
        }
        // B4 + B9: channels.
        for (int t = 0; t < chTables.size(); t++) {
            MechanismDerivatives md = ch[t];
            MechanismTable tab = chTables.get(t);
            double[][] pbar = acc.channelParams[t];
            upd = chUpd[t];
            for (int i = 0; i < tab.size(); i++) {
                int node = tab.nodes()[i];
                double c = -K_CH * mu[node];
                if (c == 0.0 && allZero(cot.channel[t], i, md.ns)) {
                    continue;
                }
                double dv = v1[node] - vn[node];
                double[] cur = chCur[t][i];
                double[] sh = fd ? chCurShift[t][i] : null;
                for (int p = 0; p < md.np; p++) {
                    pbar[p][i] += c * (cur[md.dIdP(p)] + dS(cur, sh, md.dIdP(p), md.dSdP(p)) * dv);
                }
                for (int q = 0; q < md.ns; q++) {
                    tilde[q] = cot.channel[t][q][i] + c * (cur[md.dIdX(q)] + dS(cur, sh, md.dIdX(q), md.dSdX(q)) * dv);
                }
                vbar[node] += c * (cur[MechanismDerivatives.DI_DV] - cur[MechanismDerivatives.S]
                        + dS(cur, sh, MechanismDerivatives.DI_DV, MechanismDerivatives.DS_DV) * dv);
                // The gate updates were evaluated with vⁿ and the old states.
                if (cached) {
                    cache.updateInto(false, t, i, slot, upd);
                } else {
                    double[] sl = chSlots[t][i];
                    load(sl, md.kernel, vn[node], 0.0, sn.channel[t], i);
                    md.updateSide.eval(sl, upd);
                }
                vbar[node] += propagate(md, out.channel[t], pbar, i);
            }
        }
        // B5: stimuli enter through the area of their compartment.
        for (int s = 0; s < fwd.stimulusNodes.length; s++) {
            int node = fwd.stimulusNodes[s];
            acc.area[node] += -mu[node] * K_PT * stimuli[s][step] / (area[node] * area[node]);
        }
        // B6 + B10: synapses.
        for (int t = 0; t < syTables.size(); t++) {
            MechanismDerivatives md = sy[t];
            SynapseTable tab = syTables.get(t);
            double[][] pbar = acc.synapseParams[t];
            upd = syUpd[t];
            for (int i = 0; i < tab.size(); i++) {
                int post = tab.postNodes()[i];
                double vPre = fwd.inputs.pre(t, i, vn, sn.history, step);
                double conv = K_PT / area[post];
                double dv = v1[post] - vn[post];
                double c = -mu[post] * conv;
                double[] cur = syCur[t][i];
                double[] sh = fd ? syCurShift[t][i] : null;
                for (int p = 0; p < md.np; p++) {
                    pbar[p][i] += c * (cur[md.dIdP(p)] + dS(cur, sh, md.dIdP(p), md.dSdP(p)) * dv);
                }
                for (int q = 0; q < md.ns; q++) {
                    tilde[q] = cot.synapse[t][q][i] + c * (cur[md.dIdX(q)] + dS(cur, sh, md.dIdX(q), md.dSdX(q)) * dv);
                }
                vbar[post] += c * (cur[MechanismDerivatives.DI_DV] - cur[MechanismDerivatives.S]
                        + dS(cur, sh, MechanismDerivatives.DI_DV, MechanismDerivatives.DS_DV) * dv);
                double gPre = c * (cur[MechanismDerivatives.DI_DVPRE]
                        + dS(cur, sh, MechanismDerivatives.DI_DVPRE, MechanismDerivatives.DS_DVPRE) * dv);
                double linear = cur[MechanismDerivatives.I] + cur[MechanismDerivatives.S] * dv; // nA at vⁿ⁺¹
                acc.area[post] += mu[post] * conv * linear / area[post];
                if (cached) {
                    cache.updateInto(true, t, i, slot, upd);
                } else {
                    double[] sl = sySlots[t][i];
                    load(sl, md.kernel, vn[post], vPre, sn.synapse[t], i);
                    md.updateSide.eval(sl, upd);
                }
                vbar[post] += propagate(md, out.synapse[t], pbar, i);
                for (int q = 0; q < md.ns; q++) {
                    gPre += tilde[q] * upd[md.dUdVpre(q)];
                }
                routePre(t, i, step, gPre, vbar, out.history);
            }
        }
        delayHistory(step, cot.history, out);
        // B8: axial resistors → resistivity, loads and areas.
        for (int l = 0; l < plan.numLinks(); l++) {
            int la = plan.linkA(l);
            int lb = plan.linkB(l);
            double r = cp.linkResistance[l];
            double rbar = (v1[lb] - v1[la]) * (nu[lb] - nu[la]) / (r * r);
            if (plan.linkKind(l) == LinkKind.COMP_TO_COMP) {
                acc.axialResistivity[la] += rbar * loadOut[la];
                acc.loadOut[la] += rbar * ra[la];
                acc.axialResistivity[lb] += rbar * loadIn[lb];
                acc.loadIn[lb] += rbar * ra[lb];
                acc.area[la] += nu[la] * (v1[la] - v1[lb]) / (r * area[la]);
            } else if (plan.linkKind(l) == LinkKind.BRANCHPOINT_TO_PARENT_END) {
                acc.axialResistivity[lb] += rbar * loadOut[lb];
                acc.loadOut[lb] += rbar * ra[lb];
            } else {
                acc.axialResistivity[lb] += rbar * loadIn[lb];
                acc.loadIn[lb] += rbar * ra[lb];
            }
            acc.area[lb] += nu[lb] * (v1[lb] - v1[la]) / (r * area[lb]);
        }
        return out;
    }

    /** Adds ∂L/∂(pre-synaptic input of edge i) to where that input came from (SynapseInputs). */
    private void routePre(int t, int i, int step, double g, double[] vbar, double[] historyBar) {
        int src = fwd.inputs.source(t, i, step);
        if (src >= 0) {
            vbar[src] += g;
        } else if (src != Integer.MIN_VALUE) {
            historyBar[-2 - src] += g; // a past voltage, read from the delay history
        } // spike inputs are given data
    }

    /**
     * The transpose of the history update of step n (slot n mod D ← vⁿ of each history node): the
     * slot's cotangent goes to vⁿ, the other slots carry over to state n. At n = 0 the history is
     * v⁰ broadcast, so its whole cotangent goes to v⁰.
     */
    private void delayHistory(int step, double[] historyBarNext, Cotangents out) {
        SynapseInputs in = fwd.inputs;
        int depth = in.depth;
        if (depth == 0) {
            return;
        }
        int slot = step % depth;
        double[] hb = out.history;
        for (int r = 0; r < in.historyNodes.length; r++) {
            int base = r * depth;
            for (int j = 0; j < depth; j++) {
                if (j == slot) {
                    out.v[in.historyNodes[r]] += historyBarNext[base + j];
                } else {
                    hb[base + j] += historyBarNext[base + j];
                }
            }
            if (step == 0) {
                double sum = 0;
                for (int j = 0; j < depth; j++) {
                    sum += hb[base + j];
                    hb[base + j] = 0.0;
                }
                out.v[in.historyNodes[r]] += sum;
            }
        }
    }

    /**
     * Through the state updates (derivatives in {@code upd}, x̃ in {@code tilde}): x̄ⁿ_j and θ̄_p
     * accumulate; returns Σ_q x̃_q ∂U_q/∂v.
     */
    private double propagate(MechanismDerivatives md, double[][] outStates, double[][] pbar, int i) {
        double gv = 0;
        for (int q = 0; q < md.ns; q++) {
            gv += tilde[q] * upd[md.dUdV(q)];
        }
        for (int[] term : md.updateStateTerms) {
            outStates[term[1]][i] += tilde[term[0]] * upd[term[2]];
        }
        for (int[] term : md.updateParamTerms) {
            pbar[term[1]][i] += tilde[term[0]] * upd[term[2]];
        }
        return gv;
    }

    private static boolean allZero(double[][] states, int i, int ns) {
        for (int q = 0; q < ns; q++) {
            if (states[q][i] != 0.0) {
                return false;
            }
        }
        return true;
    }
}
