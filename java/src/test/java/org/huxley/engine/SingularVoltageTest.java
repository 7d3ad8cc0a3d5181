package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core]): HH simulated with v pinned exactly at the removable singularities of α_m
 * (−40 mV) and α_n (−55 mV) gives no NaN, and the gates relax to α/(α+β) computed here with the
 * limit values α_m(−40) = 0.1·10 = 1 and α_n(−55) = 0.01·10 = 0.1. Jaxley returns NaN at exactly
 * these voltages (0/0 in its trap function): a documented deviation.
 */
class SingularVoltageTest {
    static final double DT = 0.025;
    /** 200 ms: the slowest gate here (n at −55 mV, τ ≈ 4.8 ms) is then within e^−40 of its steady state. */
    static final int STEPS = 8000;
    static final double INITIAL_GATE = 0.2;

    // Independent HH rates (reference-numerics §5.2), with the removable singularities filled by their limits.
    static double alphaM(double v) {
        return v == -40.0 ? 1.0 : 0.1 * -(v + 40) / (Math.exp(-(v + 40) / 10) - 1);
    }

    static double betaM(double v) {
        return 4.0 * Math.exp(-(v + 65) / 18);
    }

    static double alphaN(double v) {
        return v == -55.0 ? 0.1 : 0.01 * -(v + 55) / (Math.exp(-(v + 55) / 10) - 1);
    }

    static double betaN(double v) {
        return 0.125 * Math.exp(-(v + 65) / 80);
    }

    @Test
    void jaxleysFormulaIsNanAtTheSingularPoints() {
        // The deviation being tested: the literal trap(x, y) = x/(exp(x/y) − 1) is 0/0 there.
        double v = -40.0;
        assertTrue(Double.isNaN(0.1 * -(v + 40) / (Math.exp(-(v + 40) / 10) - 1)));
        v = -55.0;
        assertTrue(Double.isNaN(0.01 * -(v + 55) / (Math.exp(-(v + 55) / 10) - 1)));
    }

    @Test
    void hhPinnedAtMinus40HasNoNanAndMRelaxesToItsLimitSteadyState() {
        simulatePinned(-40.0);
    }

    @Test
    void hhPinnedAtMinus55HasNoNanAndNRelaxesToItsLimitSteadyState() {
        simulatePinned(-55.0);
    }

    private static void simulatePinned(double vPin) {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        c.set(CompartmentField.V, vPin);
        double[] pin = new double[STEPS];
        Arrays.fill(pin, vPin);
        c.all().clamp(pin);
        c.record();
        c.record(HH.M);
        c.record(HH.N);
        c.record(HH.MECHANISM.current());
        Recordings rec = new CpuEngine().run(c.compile(), Protocol.defaults().withSteps(STEPS));

        assertTrue(rec.divergedSets().isEmpty(), "flagged as diverged");
        for (int r = 0; r < rec.numRecordings(); r++) {
            for (int k = 0; k < rec.numSamples(); k++) {
                assertTrue(Double.isFinite(rec.get(0, r, k)), rec.labels().get(r) + " sample " + k + " at " + vPin);
            }
        }
        double[] v = rec.trace(0, 0);
        for (double x : v) {
            assertEquals(vPin, x, 0.0, "clamped voltage");
        }
        // Exponential Euler at fixed v is exact for the linear gate ODE: x_k = x∞ + (x0 − x∞)·e^(−k·dt·(α+β)).
        double[] m = rec.trace(0, 1);
        double[] n = rec.trace(0, 2);
        checkRelaxation("m", m, alphaM(vPin), betaM(vPin));
        checkRelaxation("n", n, alphaN(vPin), betaN(vPin));
    }

    private static void checkRelaxation(String gate, double[] x, double alpha, double beta) {
        double inf = alpha / (alpha + beta);
        double rate = alpha + beta;
        for (int k = 0; k < x.length; k += 37) {
            double expected = inf + (INITIAL_GATE - inf) * Math.exp(-k * DT * rate);
            assertEquals(expected, x[k], 1e-12, gate + " at step " + k);
        }
        assertEquals(inf, x[x.length - 1], 1e-12, gate + " steady state");
        // Non-trivial: the gate really moved away from its start.
        assertTrue(Math.abs(inf - INITIAL_GATE) > 0.02, gate + " steady state too close to the initial value");
    }
}
