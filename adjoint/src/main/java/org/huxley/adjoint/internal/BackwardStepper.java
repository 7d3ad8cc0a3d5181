package org.huxley.adjoint.internal;

import java.util.List;
import org.huxley.engine.SlopeMode;
import org.huxley.engine.internal.Coupling;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.StepState;
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
    // scratch
    private final double[] a;
    private final double[] d;
    private final double[] lambda;
    private final double[] mu;
    private final double[] nu;
    private final double[] vbarNew;
    private final double[][] chSlope;
    private final double[][] sySlope;
    private final double[][][] xTilde;
    private final double[][][] yTilde;
    private final double[][] chSlots;
    private final double[][] chShift;
    private final double[][] sySlots;
    private final double[][] syShift;

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
        vbarNew = new double[n];
        chSlope = new double[chTables.size()][];
        for (int t = 0; t < chSlope.length; t++) {
            chSlope[t] = new double[chTables.get(t).size()];
        }
        sySlope = new double[syTables.size()][];
        for (int t = 0; t < sySlope.length; t++) {
            sySlope[t] = new double[syTables.get(t).size()];
        }
        xTilde = Cotangents.zerosLike(shape.channel);
        yTilde = Cotangents.zerosLike(shape.synapse);
        chSlots = new double[ch.length][];
        chShift = new double[ch.length][];
        for (int t = 0; t < ch.length; t++) {
            chSlots[t] = new double[ch[t].kernel.slotCount()];
            chShift[t] = new double[ch[t].kernel.slotCount()];
        }
        sySlots = new double[sy.length][];
        syShift = new double[sy.length][];
        for (int t = 0; t < sy.length; t++) {
            sySlots[t] = new double[sy[t].kernel.slotCount()];
            syShift[t] = new double[sy[t].kernel.slotCount()];
        }
    }

    /**
     * One backward step n.
     *
     * @param sn the state after n steps (stored)
     * @param next the state after step n before clamps (the solution of the implicit system)
     * @param stimuli stimulus samples (nA) per plan stimulus
     * @param cot on entry ∂L/∂(state n+1), on exit ∂L/∂(state n) (without the loss term of sample n)
     * @param acc accumulators of ∂L/∂(model values)
     * @param swap a second cotangent buffer of the same shape
     * @return the cotangent buffer now holding ∂L/∂(state n) ({@code cot} or {@code swap})
     */
    Cotangents step(int step, StepState sn, StepState next, double[][] stimuli, Cotangents cot, Accumulators acc,
            Cotangents swap) {
        final double[] vn = sn.v;
        final double[] v1 = next.v;
        // Clamped entries: the solve's value is overwritten, so its cotangent does not flow back.
        for (int node : fwd.clampNodes) {
            cot.v[node] = 0.0;
        }
        // B1: slopes → diagonal.
        java.util.Arrays.fill(a, 0.0);
        for (int t = 0; t < chTables.size(); t++) {
            MechanismDerivatives md = ch[t];
            MechanismTable tab = chTables.get(t);
            double[] sl = chSlots[t];
            for (int i = 0; i < tab.size(); i++) {
                int node = tab.nodes()[i];
                ForwardStepper.fillChannel(sl, md.kernel, vn[node], dt, fwd.values.channelParams[t],
                        next.channel[t], i);
                double s = slope(md, sl, chShift[t], false);
                chSlope[t][i] = s;
                a[node] += K_CH * s;
            }
        }
        for (int t = 0; t < syTables.size(); t++) {
            MechanismDerivatives md = sy[t];
            SynapseTable tab = syTables.get(t);
            double[] sl = sySlots[t];
            for (int i = 0; i < tab.size(); i++) {
                int post = tab.postNodes()[i];
                ForwardStepper.fillSynapse(sl, md.kernel, vn[post], vn[tab.preNodes()[i]], dt,
                        fwd.values.synapseParams[t], next.synapse[t], i);
                double s = slope(md, sl, syShift[t], true);
                sySlope[t][i] = s;
                a[post] += s * K_PT / area[post];
            }
        }
        // B2: transposed tree solve Mᵀλ = r.
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
        // Mᵀ: the forward elimination with the roles of upper (A[p][k]) and lower (A[k][p]) swapped.
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
        // B3 and B11 (the −vⁿ term of each compartment row), B7 (capacitance).
        Cotangents out = swap;
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
            MechanismKernel k = md.kernel;
            MechanismTable tab = chTables.get(t);
            double[] sl = chSlots[t];
            double[] sh = chShift[t];
            double[][] pbar = acc.channelParams[t];
            double[][] xt = xTilde[t];
            for (int i = 0; i < tab.size(); i++) {
                int node = tab.nodes()[i];
                double dv = v1[node] - vn[node];
                double c = -K_CH * mu[node];
                ForwardStepper.fillChannel(sl, k, vn[node], dt, fwd.values.channelParams[t], next.channel[t], i);
                prepareShift(sl, sh, false);
                for (int p = 0; p < k.numParams; p++) {
                    pbar[p][i] += c * (MechanismDerivatives.eval(md.dIdP[p], sl)
                            + dSlope(md.dSdP[p], md.dIdP[p], sl, sh) * dv);
                }
                for (int q = 0; q < k.numStates; q++) {
                    xt[q][i] = cot.channel[t][q][i] + c * (MechanismDerivatives.eval(md.dIdX[q], sl)
                            + dSlope(md.dSdX[q], md.dIdX[q], sl, sh) * dv);
                }
                vbar[node] += c * (MechanismDerivatives.eval(md.dIdV, sl) - chSlope[t][i]
                        + dSlope(md.dSdV, md.dIdV, sl, sh) * dv);
                // Gate updates were evaluated with vⁿ and the old states.
                ForwardStepper.fillChannel(sl, k, vn[node], dt, fwd.values.channelParams[t], sn.channel[t], i);
                propagateUpdates(md, sl, xt, i, out.channel[t], pbar);
                double gv = 0;
                for (int q = 0; q < k.numStates; q++) {
                    gv += xt[q][i] * MechanismDerivatives.eval(md.dUdV[q], sl);
                }
                vbar[node] += gv;
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
            MechanismKernel k = md.kernel;
            SynapseTable tab = syTables.get(t);
            double[] sl = sySlots[t];
            double[] sh = syShift[t];
            double[][] pbar = acc.synapseParams[t];
            double[][] yt = yTilde[t];
            for (int i = 0; i < tab.size(); i++) {
                int post = tab.postNodes()[i];
                int pre = tab.preNodes()[i];
                double conv = K_PT / area[post];
                double dv = v1[post] - vn[post];
                double c = -mu[post] * conv;
                ForwardStepper.fillSynapse(sl, k, vn[post], vn[pre], dt, fwd.values.synapseParams[t],
                        next.synapse[t], i);
                prepareShift(sl, sh, true);
                for (int p = 0; p < k.numParams; p++) {
                    pbar[p][i] += c * (MechanismDerivatives.eval(md.dIdP[p], sl)
                            + dSlope(md.dSdP[p], md.dIdP[p], sl, sh) * dv);
                }
                for (int q = 0; q < k.numStates; q++) {
                    yt[q][i] = cot.synapse[t][q][i] + c * (MechanismDerivatives.eval(md.dIdX[q], sl)
                            + dSlope(md.dSdX[q], md.dIdX[q], sl, sh) * dv);
                }
                vbar[post] += c * (MechanismDerivatives.eval(md.dIdV, sl) - sySlope[t][i]
                        + dSlope(md.dSdV, md.dIdV, sl, sh) * dv);
                vbar[pre] += c * (MechanismDerivatives.eval(md.dIdVpre, sl)
                        + dSlope(md.dSdVpre, md.dIdVpre, sl, sh) * dv);
                double linear = md.kernel.current.eval(sl) + sySlope[t][i] * dv; // nA at vⁿ⁺¹
                acc.area[post] += mu[post] * conv * linear / area[post];
                ForwardStepper.fillSynapse(sl, k, vn[post], vn[pre], dt, fwd.values.synapseParams[t], sn.synapse[t], i);
                propagateUpdates(md, sl, yt, i, out.synapse[t], pbar);
                double gPost = 0;
                double gPre = 0;
                for (int q = 0; q < k.numStates; q++) {
                    gPost += yt[q][i] * MechanismDerivatives.eval(md.dUdV[q], sl);
                    gPre += yt[q][i] * MechanismDerivatives.eval(md.dUdVpre[q], sl);
                }
                vbar[post] += gPost;
                vbar[pre] += gPre;
            }
        }
        // B8: axial resistors → resistivity, loads and areas.
        for (int l = 0; l < plan.numLinks(); l++) {
            int la = plan.linkA(l);
            int lb = plan.linkB(l);
            double r = cp.linkResistance[l];
            double rbar = (v1[lb] - v1[la]) * (nu[lb] - nu[la]) / (r * r);
            switch (plan.linkKind(l)) {
                case COMP_TO_COMP -> {
                    acc.axialResistivity[la] += rbar * loadOut[la];
                    acc.loadOut[la] += rbar * ra[la];
                    acc.axialResistivity[lb] += rbar * loadIn[lb];
                    acc.loadIn[lb] += rbar * ra[lb];
                    acc.area[la] += nu[la] * (v1[la] - v1[lb]) / (r * area[la]);
                    acc.area[lb] += nu[lb] * (v1[lb] - v1[la]) / (r * area[lb]);
                }
                case BRANCHPOINT_TO_PARENT_END, BRANCHPOINT_TO_CHILD_START -> {
                    boolean parentEnd = plan.linkKind(l) == LinkKind.BRANCHPOINT_TO_PARENT_END;
                    acc.axialResistivity[lb] += rbar * (parentEnd ? loadOut[lb] : loadIn[lb]);
                    if (parentEnd) {
                        acc.loadOut[lb] += rbar * ra[lb];
                    } else {
                        acc.loadIn[lb] += rbar * ra[lb];
                    }
                    acc.area[lb] += nu[lb] * (v1[lb] - v1[la]) / (r * area[lb]);
                }
            }
        }
        return out;
    }

    /** x̄ⁿ_j += Σ_q x̃_q ∂U_q/∂x_j and θ̄_p += Σ_q x̃_q ∂U_q/∂θ_p (slots at vⁿ, old states). */
    private static void propagateUpdates(MechanismDerivatives md, double[] sl, double[][] tilde, int i,
            double[][] outStates, double[][] pbar) {
        MechanismKernel k = md.kernel;
        for (int q = 0; q < k.numStates; q++) {
            double g = tilde[q][i];
            if (g == 0.0) {
                continue;
            }
            for (int j = 0; j < k.numStates; j++) {
                if (md.dUdX[q][j] != null) {
                    outStates[j][i] += g * md.dUdX[q][j].eval(sl);
                }
            }
            for (int p = 0; p < k.numParams; p++) {
                if (md.dUdP[q][p] != null) {
                    pbar[p][i] += g * md.dUdP[q][p].eval(sl);
                }
            }
        }
    }

    /** The slope the forward step used: exact, or Jaxley's forward difference. */
    private double slope(MechanismDerivatives md, double[] sl, double[] sh, boolean synapse) {
        if (!fd) {
            return md.kernel.slope.eval(sl);
        }
        prepareShift(sl, sh, synapse);
        return (md.kernel.current.eval(sh) - md.kernel.current.eval(sl)) / SlopeMode.FD_DELTA_MV;
    }

    private void prepareShift(double[] sl, double[] sh, boolean synapse) {
        if (!fd) {
            return;
        }
        System.arraycopy(sl, 0, sh, 0, sl.length);
        sh[MechanismKernel.V] += SlopeMode.FD_DELTA_MV;
        if (synapse) {
            sh[MechanismKernel.V_PRE] += SlopeMode.FD_DELTA_MV;
        }
    }

    /** ∂S/∂q: symbolic for the exact slope; the difference quotient of ∂I/∂q for Jaxley's slope. */
    private double dSlope(org.huxley.expr.CompiledExpr dS, org.huxley.expr.CompiledExpr dI, double[] sl,
            double[] sh) {
        if (!fd) {
            return MechanismDerivatives.eval(dS, sl);
        }
        if (dI == null) {
            return 0.0;
        }
        return (dI.eval(sh) - dI.eval(sl)) / SlopeMode.FD_DELTA_MV;
    }
}
