package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.pospischil.Shared;
import org.huxley.model.Branch;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * initStates() puts every gate at its steady state at the compartment's own v and parameters
 * (HH: α/(α+β); x∞/τ gates: x∞, a documented fix of Jaxley's Km/CaT init_state), and a model
 * initialised at its resting potential then stays there.
 */
class InitStatesTest {
    static final double REL = 1e-14;

    // Independent HH rates (reference-numerics §5.2), singularities filled by their limits.
    static double am(double v) {
        return v == -40 ? 1.0 : 0.1 * -(v + 40) / (Math.exp(-(v + 40) / 10) - 1);
    }

    static double bm(double v) {
        return 4 * Math.exp(-(v + 65) / 18);
    }

    static double ah(double v) {
        return 0.07 * Math.exp(-(v + 65) / 20);
    }

    static double bh(double v) {
        return 1 / (Math.exp(-(v + 35) / 10) + 1);
    }

    static double an(double v) {
        return v == -55 ? 0.1 : 0.01 * -(v + 55) / (Math.exp(-(v + 55) / 10) - 1);
    }

    static double bn(double v) {
        return 0.125 * Math.exp(-(v + 65) / 80);
    }

    static double mInf(double v) {
        return am(v) / (am(v) + bm(v));
    }

    static double hInf(double v) {
        return ah(v) / (ah(v) + bh(v));
    }

    static double nInf(double v) {
        return an(v) / (an(v) + bn(v));
    }

    /** Steady-state HH current at v with the default parameters, mA/cm². */
    static double hhSteadyCurrent(double v) {
        double m = mInf(v);
        double n = nInf(v);
        return 0.12 * m * m * m * hInf(v) * (v - 50) + 0.036 * n * n * n * n * (v + 77) + 0.0003 * (v + 54.3);
    }

    static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.abs(expected), what);
    }

    @ParameterizedTest(name = "v0 = {0} mV")
    @ValueSource(doubles = {-90.0, -65.0, -55.0, -40.0, -20.0, 30.0})
    void hhGatesGoToAlphaOverAlphaPlusBetaAtTheInitialVoltage(double v0) {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        c.set(CompartmentField.V, v0);
        c.initStates();
        assertRel(mInf(v0), c.all().get(HH.M)[0], "m");
        assertRel(hInf(v0), c.all().get(HH.H)[0], "h");
        assertRel(nInf(v0), c.all().get(HH.N)[0], "n");
    }

    @Test
    void eachCompartmentUsesItsOwnVoltageAndOnlyTheSelectionIsInitialised() {
        Branch b = Branch.of(3);
        b.insert(HH.MECHANISM);
        b.comp(0).set(CompartmentField.V, -70.0);
        b.comp(1).set(CompartmentField.V, -50.0);
        b.comp(2).set(CompartmentField.V, -30.0);
        b.comp(0, 1).initStates();
        double[] m = b.all().get(HH.M);
        assertRel(mInf(-70.0), m[0], "comp 0");
        assertRel(mInf(-50.0), m[1], "comp 1");
        assertEquals(0.2, m[2], 0.0, "comp 2 was not selected and keeps its default");
    }

    @Test
    void infTauGatesGoToTheirInfinityValueNotJaxleysInfOverInfPlusTau() {
        double v0 = -62.0;
        Compartment c = new Compartment();
        c.insert(Km.MECHANISM);
        c.insert(CaT.MECHANISM);
        c.set(CompartmentField.V, v0);
        c.initStates();
        double pInf = 1 / (1 + Math.exp(-0.1 * (v0 + 35)));
        double uInf = 1 / (1 + Math.exp((v0 + 2 + 81) / 4)); // vx = 2
        assertRel(pInf, c.all().get(Km.P)[0], "Km p");
        assertRel(uInf, c.all().get(CaT.U)[0], "CaT u");
    }

    @Test
    void steadyStatesUseTheCompartmentsParameters() {
        double v0 = -60.0;
        double vt = -50.0;
        Compartment c = new Compartment();
        c.insert(Na.MECHANISM);
        c.set(Shared.V_T, vt);
        c.set(CompartmentField.V, v0);
        c.initStates();
        double u = v0 - vt;
        double x = -0.25 * (u - 13);
        double am = 1.28 * x / Math.expm1(x);
        double y = 0.2 * (u - 40);
        double bm = 1.4 * y / Math.expm1(y);
        assertRel(am / (am + bm), c.all().get(Na.M)[0], "Na m with vt = -50");
    }

    @Test
    void hhInitialisedAtItsRestingPotentialStaysThere() {
        // Resting potential: the zero of the steady-state current, by bisection on [-80, -50] mV.
        double lo = -80;
        double hi = -50;
        assertTrue(hhSteadyCurrent(lo) < 0 && hhSteadyCurrent(hi) > 0);
        for (int i = 0; i < 200 && hi - lo > 0; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (hhSteadyCurrent(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double rest = lo;
        assertTrue(rest > -66 && rest < -64, "HH rests near -65 mV, got " + rest);

        int steps = 4000; // 100 ms
        double initialised = maxDeviation(rest, true, steps);
        double notInitialised = maxDeviation(rest, false, steps);
        assertTrue(initialised < 1e-9, "drift from rest after initStates: " + initialised + " mV");
        assertTrue(notInitialised > 1.0, "without initStates the gates (0.2) should move v: " + notInitialised);
    }

    private static double maxDeviation(double v0, boolean init, int steps) {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        c.set(CompartmentField.V, v0);
        if (init) {
            c.initStates();
        }
        c.record();
        Recordings rec = new CpuEngine().run(c.compile(), Protocol.defaults().withSteps(steps));
        double max = 0;
        for (double v : rec.trace(0, 0)) {
            max = Math.max(max, Math.abs(v - v0));
        }
        return max;
    }

    @Test
    void passiveBranchAtItsLeakReversalStaysConstant() {
        Branch b = Branch.of(4);
        b.insert(Leak.MECHANISM);
        b.set(Leak.E_LEAK, -63.5);
        b.set(CompartmentField.V, -63.5);
        b.initStates(); // no gates: must be harmless
        b.record();
        Recordings rec = new CpuEngine().run(b.compile(), Protocol.defaults().withSteps(2000));
        for (int r = 0; r < rec.numRecordings(); r++) {
            for (double v : rec.trace(0, r)) {
                assertEquals(-63.5, v, 1e-12, rec.labels().get(r));
            }
        }
    }
}
