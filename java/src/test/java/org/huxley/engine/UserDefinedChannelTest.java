package org.huxley.engine;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.efun;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.pow;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.expr.Expr;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.Branch;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.stim.Stimuli;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core]): a channel defined in a few lines runs in the engine, and its traces equal a
 * straightforward scalar re-implementation of Jaxley's backward-Euler step (reference-numerics §6)
 * to 1e-10 mV, on one compartment and on a two-compartment branch with uneven geometry.
 */
class UserDefinedChannelTest {
    static final double TOL_MV = 1e-10;
    static final double DT = 0.025;
    static final double G_K_DEFAULT = 0.004;
    static final double E_K = -85.0;
    static final double G_L = 3e-4;
    static final double E_L = -65.0;
    static final double N0 = 0.1;
    static final double[] STIM = Stimuli.stepCurrent(1.0, 4.0, 0.004, DT, 10.0);

    // ---- the channel, as a user writes it ----
    static final MechanismBuilder B = Mechanism.channel("SlowK");
    static final Param G_K = B.param("gK", "S/cm^2", G_K_DEFAULT, 0.0, 10.0);
    static final StateVar N = B.state("n", N0);
    static final Mechanism SLOW_K;

    static {
        Expr v = B.v();
        // α = 0.02·(v+30)/(1 − exp(−(v+30)/9)) = 0.18·efun(−(v+30)/9), β = 0.3·exp(−(v+60)/25)
        B.gateAlphaBeta(N, mul(c(0.18), efun(div(neg(add(v, c(30.0))), c(9.0)))),
                mul(c(0.3), saveExp(div(neg(add(v, c(60.0))), c(25.0)))));
        SLOW_K = B.current("i_SlowK", add(mul(G_K.expr(), pow(N.expr(), 4), sub(v, c(E_K))),
                mul(c(G_L), sub(v, c(E_L))))).build();
    }

    // ---- independent re-implementation ----

    static double alpha(double v) {
        double x = -(v + 30.0) / 9.0;
        return 0.02 * 9.0 * (x == 0.0 ? 1.0 : x / Math.expm1(x));
    }

    static double beta(double v) {
        return 0.3 * Math.exp(-(v + 60.0) / 25.0);
    }

    static double advanceGate(double n, double v) {
        double rate = alpha(v) + beta(v);
        double inf = alpha(v) / rate;
        double e = Math.exp(-DT * rate);
        return n * e + inf * (1.0 - e);
    }

    /** Membrane terms (1/ms and mV/ms) of one compartment with the new gate, linearised about v. */
    static double[] membrane(double v, double n, double gK, double iExtUaPerCm2, double cm) {
        double n4 = n * n * n * n;
        double current = gK * n4 * (v - E_K) + G_L * (v - E_L); // mA/cm²
        double slope = gK * n4 + G_L; // exact ∂I/∂v, S/cm²
        double a = 1000.0 * slope / cm;
        double b = (1000.0 * (slope * v - current) + iExtUaPerCm2) / cm;
        return new double[] {a, b};
    }

    @Test
    void userChannelOnOneCompartmentMatchesAScalarBackwardEulerLoop() {
        Compartment comp = new Compartment();
        comp.insert(SLOW_K);
        comp.stimulate(STIM);
        comp.record();
        comp.record(N);
        Recordings rec = new CpuEngine().run(comp.compile(), Protocol.defaults());
        assertEquals(STIM.length + 1, rec.numSamples());

        double area = 2 * Math.PI * 1.0 * 10.0; // default radius 1 µm, length 10 µm
        double v = -70.0;
        double n = N0;
        double vMax = v;
        for (int k = 0; k < STIM.length; k++) {
            n = advanceGate(n, v);
            double[] ab = membrane(v, n, G_K_DEFAULT, STIM[k] * 1e5 / area, 1.0);
            v = (v + DT * ab[1]) / (1.0 + DT * ab[0]);
            vMax = Math.max(vMax, v);
            assertEquals(v, rec.get(0, 0, k + 1), TOL_MV, "v after step " + (k + 1));
            assertEquals(n, rec.get(0, 1, k + 1), 1e-12, "n after step " + (k + 1));
        }
        assertTrue(vMax > -60.0, "the stimulus should depolarise noticeably, max v " + vMax);
    }

    @Test
    void userChannelOnATwoCompartmentBranchMatchesATwoByTwoBackwardEulerSolve() {
        double[] radius = {1.0, 0.6};
        double[] length = {10.0, 14.0};
        double[] gK = {G_K_DEFAULT, 0.009};
        double ra = 300.0;
        double[] cm = {1.0, 1.3};
        Branch br = Branch.of(2);
        br.insert(SLOW_K);
        br.set(CompartmentField.AXIAL_RESISTIVITY, ra);
        for (int i = 0; i < 2; i++) {
            br.comp(i).set(CompartmentField.RADIUS, radius[i]);
            br.comp(i).set(CompartmentField.LENGTH, length[i]);
            br.comp(i).set(CompartmentField.CAPACITANCE, cm[i]);
        }
        br.comp(1).set(G_K, gK[1]);
        br.loc(0.0).stimulate(STIM);
        br.comp(0).record();
        br.comp(1).record();
        br.comp(1).record(N);
        Recordings rec = new CpuEngine().run(br.compile(), Protocol.defaults());

        double[] area = new double[2];
        double[] halfR = new double[2]; // Ra · (l/2)/(π r²), Ω·cm/µm
        for (int i = 0; i < 2; i++) {
            area[i] = 2 * Math.PI * radius[i] * length[i];
            halfR[i] = ra * (length[i] / 2) / (Math.PI * radius[i] * radius[i]);
        }
        double r01 = halfR[0] + halfR[1];
        double g0 = 1e7 / (r01 * area[0] * cm[0]); // into comp 0 from comp 1, 1/ms
        double g1 = 1e7 / (r01 * area[1] * cm[1]);
        double[] v = {-70.0, -70.0};
        double[] n = {N0, N0};
        double v1Min = 1e9;
        double v1Max = -1e9;
        for (int k = 0; k < STIM.length; k++) {
            double[] ab0;
            double[] ab1;
            n[0] = advanceGate(n[0], v[0]);
            n[1] = advanceGate(n[1], v[1]);
            ab0 = membrane(v[0], n[0], gK[0], STIM[k] * 1e5 / area[0], cm[0]);
            ab1 = membrane(v[1], n[1], gK[1], 0.0, cm[1]);
            // [1 + dt·a0 + dt·g0, −dt·g0; −dt·g1, 1 + dt·a1 + dt·g1] · v' = v + dt·b
            double m00 = 1 + DT * ab0[0] + DT * g0;
            double m01 = -DT * g0;
            double m10 = -DT * g1;
            double m11 = 1 + DT * ab1[0] + DT * g1;
            double r0 = v[0] + DT * ab0[1];
            double r1 = v[1] + DT * ab1[1];
            double det = m00 * m11 - m01 * m10;
            v[0] = (r0 * m11 - m01 * r1) / det;
            v[1] = (m00 * r1 - m10 * r0) / det;
            v1Min = Math.min(v1Min, v[1]);
            v1Max = Math.max(v1Max, v[1]);
            assertEquals(v[0], rec.get(0, 0, k + 1), TOL_MV, "comp 0 v after step " + (k + 1));
            assertEquals(v[1], rec.get(0, 1, k + 1), TOL_MV, "comp 1 v after step " + (k + 1));
            assertEquals(n[1], rec.get(0, 2, k + 1), 1e-12, "comp 1 n after step " + (k + 1));
        }
        assertTrue(v1Max - v1Min > 5.0, "the unstimulated compartment should follow noticeably");
    }
}
