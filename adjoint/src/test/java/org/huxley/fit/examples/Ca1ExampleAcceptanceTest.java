package org.huxley.fit.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.fit.FitProblem;
import org.huxley.fit.FitResult;
import org.huxley.fit.Starts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The acceptance run (what {@code huxley fit} does by default): 8 starts drawn
 * log-uniformly within ×/÷ 2 of the truth (seed 1), the default fitter; the best start must
 * recover every one of the 10 conductances within 5 %, in at most 10 minutes on a 2-core machine.
 * Minutes long: tagged slow (ci/slow-tests.sh).
 */
@Tag("slow")
class Ca1ExampleAcceptanceTest {
    @Test
    void bestOfEightStartsRecoversEveryParameterWithinFivePercent() {
        long t0 = System.nanoTime();
        FitProblem p = Ca1Example.problem(Ca1Example.Config.defaults(), Ca1Example.TRUTH);
        double[][] starts = Starts.logUniform(Ca1Example.TRUTH, 2.0, 8, 1);
        FitResult r = Ca1Example.fitter(Ca1Example.DEFAULT_ROUNDS).build().fit(p, starts, 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        FitResult.StartOutcome best = r.best();
        assertNotNull(best);
        StringBuilder report = new StringBuilder(String.format("%d rounds, %.1f s, best start %d, loss %.3e:",
                r.rounds(), seconds, best.index(), best.bestLoss()));
        double worst = 0;
        for (int k = 0; k < Ca1Example.TRUTH.length; k++) {
            double e = best.bestValues()[k] / Ca1Example.TRUTH[k] - 1;
            worst = Math.max(worst, Math.abs(e));
            report.append(String.format(" %s %+.4f%%", Ca1Example.labels().get(k), 100 * e));
        }
        System.out.println(report);
        assertTrue(worst <= 0.05, report.toString());
        assertTrue(seconds <= 600, "took " + seconds + " s: " + report);
    }
}
