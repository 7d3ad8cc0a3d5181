package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.testing.NeutralCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward traces of the five gradient reference models (references/gradients, analytic slope) at
 * every sample, to the tolerance their files state (1e-8 mV).
 */
class GradientReferenceTracesTest {

    static java.util.List<String> cases() {
        return NeutralCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySampleMatches(String name) {
        NeutralCase c = NeutralCase.load(name);
        Recordings rec = new CpuEngine().run(c.model().compile(),
                Protocol.defaults().withDt(c.dtMs()).withSteps(c.steps()));
        double[][] expected = c.expectedVoltages();
        assertEquals(expected.length, rec.numRecordings());
        assertEquals(expected[0].length, rec.numSamples());
        double worst = maxError(rec, expected);
        org.huxley.testing.ParityLog.record("gradients " + name, "forward trace, analytic slope", worst,
                c.toleranceMv());
        assertTrue(worst <= c.toleranceMv(), name + ": max |v - expected| = " + worst + " mV");
    }

    /**
     * Jaxley's forward-difference slope changes the non-linear CaT case measurably: the reference
     * file states the size of the change (4.7e-7 mV); our FORWARD_DIFFERENCE mode must reproduce it,
     * and it must exceed the trace tolerance (so the analytic slope is a real, bounded deviation).
     */
    @Test
    void forwardDifferenceSlopeDeviatesAsDocumentedOnCaT() {
        NeutralCase c = NeutralCase.load("ref_cell_pospischil");
        Protocol p = Protocol.defaults().withDt(c.dtMs()).withSteps(c.steps());
        Recordings fd = new CpuEngine().run(c.model().compile(), p.withSlope(SlopeMode.FORWARD_DIFFERENCE));
        double worst = maxError(fd, c.expectedVoltages());
        org.huxley.testing.ParityLog.record("gradients ref_cell_pospischil", "Jaxley FD slope (documented deviation)",
                worst, c.toleranceMv());
        double documented = c.json().get("slope_sensitivity").get("max_abs_dv_mV_with_fd_slope").doubleValue();
        assertTrue(worst > c.toleranceMv(), "FD slope should differ measurably, got " + worst);
        assertEquals(documented, worst, 0.02 * documented, "FD-slope deviation on CaT");
    }

    /** On affine currents both slopes agree to roundoff. */
    @Test
    void forwardDifferenceSlopeIsRoundoffOnAffineCurrents() {
        NeutralCase c = NeutralCase.load("ref_cell_hh");
        Protocol p = Protocol.defaults().withDt(c.dtMs()).withSteps(c.steps());
        Recordings fd = new CpuEngine().run(c.model().compile(), p.withSlope(SlopeMode.FORWARD_DIFFERENCE));
        assertTrue(maxError(fd, c.expectedVoltages()) < 1e-9);
    }

    static double maxError(Recordings rec, double[][] expected) {
        double worst = 0;
        for (int r = 0; r < expected.length; r++) {
            for (int k = 0; k < expected[r].length; k++) {
                double d = Math.abs(rec.get(0, r, k) - expected[r][k]);
                if (Double.isNaN(d)) {
                    return Double.POSITIVE_INFINITY;
                }
                worst = Math.max(worst, d);
            }
        }
        return worst;
    }
}
