package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;
import org.huxley.adjoint.internal.AdjointTestHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The finite-difference check of {@link FiniteDifferenceGradientTest} can fail: with the adjoint's
 * transposed tree solve replaced by the forward one (M λ = r instead of Mᵀ λ = r, pitfall 1 of
 * adjoint-derivation.md), the same check on the same non-symmetric models reports errors far above
 * its 1e−6 tolerance, while the correct adjoint passes it.
 */
class BrokenAdjointIsDetectedTest {
    /** An untransposed solve must miss by far more than the tolerance, not just graze it. */
    private static final double CLEARLY_WRONG = 1e-3;

    @AfterEach
    void restoreTransposedSolve() {
        AdjointTestHooks.untransposedSolve = false;
    }

    /** One case per model and slope: conductances, geometry, loads, CaT, synapses. */
    static Stream<FiniteDifferenceGradientTest.Case> representativeKinds() {
        Set<String> picked = Set.of("HH conductances gNa, gK, gLeak (ANALYTIC)",
                "radius and length (cylinder) (ANALYTIC)", "area and resistive loads (no cylinder) (ANALYTIC)",
                "CaT gCaT, eCa (FORWARD_DIFFERENCE)",
                "synapse parameters gS, e_syn, k_minus, v_th, delta, gC (ANALYTIC)");
        return FiniteDifferenceGradientTest.kinds().filter(c -> picked.contains(c.toString()));
    }

    static Stream<FiniteDifferenceGradientTest.Case> allKinds() {
        return FiniteDifferenceGradientTest.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("representativeKinds")
    void untransposedSolveFailsTheFiniteDifferenceCheck(FiniteDifferenceGradientTest.Case c) {
        checkDetected(c);
    }

    /** The same for every parameter kind of the finite-difference test (tagged slow). */
    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("allKinds")
    void untransposedSolveFailsTheFiniteDifferenceCheckForEveryKind(FiniteDifferenceGradientTest.Case c) {
        checkDetected(c);
    }

    private static void checkDetected(FiniteDifferenceGradientTest.Case c) {
        GradientCheck.Result good = FiniteDifferenceGradientTest.check(c, 1);
        GradientCheck.Result broken;
        try {
            AdjointTestHooks.untransposedSolve = true;
            broken = FiniteDifferenceGradientTest.check(c, 1);
        } finally {
            AdjointTestHooks.untransposedSolve = false;
        }
        System.out.printf("BROKEN %-60s good %.2e broken %.2e%n", c, good.error(), broken.error());
        assertTrue(good.error() <= GradientCheck.TOLERANCE, "correct adjoint: " + good);
        assertTrue(broken.error() > CLEARLY_WRONG, "untransposed solve went unnoticed: " + broken);
    }
}
