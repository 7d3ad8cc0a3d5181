package org.huxley.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.adjoint.transform.Identity;
import org.huxley.adjoint.transform.ParameterTransform;
import org.junit.jupiter.api.Test;

/**
 * Batched multi-start fits of a single compartment (3 conductances, 2 step amplitudes): known
 * parameters are recovered, runs are bitwise reproducible, early stopping takes converged starts
 * out of the batch, a diverging start is flagged while the others continue.
 */
class MultiStartFitTest {
    @Test
    void recoversKnownConductancesFromStartsWithinAFactorOfTwo() {
        FitProblem problem = SmallFits.problem(2);
        double[][] starts = Starts.logUniform(SmallFits.TRUTH, 2.0, 4, 7);
        List<Integer> batchSizes = new ArrayList<>();
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(150).gradientTolerance(1e-10)
                .targetLoss(1e-14).listener(new FitListener() {
                    @Override
                    public void round(Progress p) {
                        batchSizes.add(p.evaluated());
                    }
                }).build().fit(problem, starts, 7);
        FitResult.StartOutcome best = r.best();
        assertNotNull(best);
        for (int p = 0; p < 3; p++) {
            assertEquals(SmallFits.TRUTH[p], best.bestValues()[p], 0.01 * SmallFits.TRUTH[p],
                    problem.parameterNames().get(p) + " of the best start " + best.index());
        }
        assertTrue(best.bestLoss() < 1e-8, "best loss " + best.bestLoss());
        assertEquals(StartStatus.CONVERGED, best.status(), best.reason());
        // one engine batch per round, with the running starts only
        assertEquals(r.rounds(), batchSizes.size());
        assertEquals(4, batchSizes.get(0));
    }

    @Test
    void bitwiseReproducibleAtAnyThreadCount() {
        double[][] starts = Starts.logUniform(SmallFits.TRUTH, 2.0, 3, 11);
        assertArrayEquals(starts[1], Starts.logUniform(SmallFits.TRUTH, 2.0, 3, 11)[1], 0.0);
        FitResult a = Fitter.builder().optimizer(new Lbfgs()).maxRounds(25).build().fit(SmallFits.problem(1), starts, 11);
        FitResult b = Fitter.builder().optimizer(new Lbfgs()).maxRounds(25).build().fit(SmallFits.problem(2), starts, 11);
        assertEquals(a.rounds(), b.rounds());
        for (int r = 0; r < a.history().size(); r++) {
            assertArrayEquals(a.history().get(r).losses(), b.history().get(r).losses(), 0.0, "round " + r);
        }
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(a.starts().get(s).bestX(), b.starts().get(s).bestX(), 0.0);
        }
    }

    @Test
    void valuesAndEvaluateAgreeBitwise() {
        FitProblem p = SmallFits.problem(2);
        double[][] x = new double[3][];
        double[][] starts = Starts.logUniform(SmallFits.TRUTH, 2.0, 3, 5);
        for (int n = 0; n < 3; n++) {
            x[n] = p.toUnconstrained(starts[n]);
        }
        assertArrayEquals(p.evaluate(x).losses(), p.values(x), 0.0);
    }

    @Test
    void earlyStoppingTakesConvergedStartsOutOfTheBatch() {
        double[] c = {1, 4};
        List<int[]> evaluated = new ArrayList<>();
        BatchObjective quad = new BatchObjective() {
            final BatchObjective inner = Analytic.of(2, Analytic.quadratic(c));

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public Evaluation evaluate(double[][] x) {
                evaluated.add(new int[] {x.length});
                return inner.evaluate(x);
            }
        };
        // start 0 is at the minimum (0, 1): converged after its first evaluation; start 1 needs a few steps
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(100).gradientTolerance(1e-9).build()
                .fitUnconstrained(quad, new double[][] {{0, 1}, {5, -3}}, 0);
        assertEquals(StartStatus.CONVERGED, r.starts().get(0).status());
        assertEquals(1, r.starts().get(0).evaluations());
        assertEquals(StartStatus.CONVERGED, r.starts().get(1).status());
        assertTrue(r.starts().get(1).evaluations() > 2);
        assertEquals(2, evaluated.get(0)[0]);
        assertEquals(1, evaluated.get(1)[0]);
        // stall rule: Adam with a tiny rate makes no relative progress
        FitResult stalled = Fitter.builder().optimizer(new Adam(1e-12)).maxRounds(100).stallAfter(5, 1e-6).build()
                .fitUnconstrained(quad, new double[][] {{3, 3}}, 0);
        assertEquals(StartStatus.CONVERGED, stalled.starts().get(0).status());
        assertTrue(stalled.starts().get(0).reason().contains("improved by <="), stalled.starts().get(0).reason());
        assertEquals(6, stalled.rounds());
        // budget: still running when the rounds run out
        FitResult budget = Fitter.builder().optimizer(new Adam(1e-3)).maxRounds(4).stallAfter(0, 0).build()
                .fitUnconstrained(quad, new double[][] {{3, 3}}, 0);
        assertEquals(StartStatus.BUDGET, budget.starts().get(0).status());
    }

    @Test
    void aDivergingStartIsFlaggedAndTheOthersContinue() {
        // x0 > 2 evaluates to NaN, as a diverging simulation would
        Analytic.Function f = Analytic.quadratic(new double[] {1, 1});
        BatchObjective g = Analytic.of(2, (x, grad) -> x[0] > 2 ? Double.NaN : f.value(x, grad));
        List<String> flagged = new ArrayList<>();
        FitResult r = Fitter.builder().optimizer(new Adam(0.1)).maxRounds(400).stallAfter(0, 0).gradientTolerance(1e-6)
                .listener(new FitListener() {
                    @Override
                    public void startStopped(int start, StartStatus status, String reason, int round) {
                        if (status == StartStatus.DIVERGED) {
                            flagged.add(start + ": " + reason);
                        }
                    }
                }).build().fitUnconstrained(g, new double[][] {{1, 0}, {2.5, 0}, {-1, 3}}, 0);
        assertArrayEquals(new int[] {1}, r.diverged());
        assertEquals(1, flagged.size());
        assertTrue(flagged.get(0).contains("non-finite"), flagged.get(0));
        assertEquals(StartStatus.CONVERGED, r.starts().get(0).status(), r.starts().get(0).reason());
        assertEquals(StartStatus.CONVERGED, r.starts().get(2).status(), r.starts().get(2).reason());
        assertTrue(r.history().get(r.history().size() - 1).losses()[1] != r.history().get(0).losses()[1]
                || Double.isNaN(r.history().get(r.history().size() - 1).losses()[1]));
        assertNotNull(r.best());
        // L-BFGS backs off from the NaN region instead of diverging
        FitResult l = Fitter.builder().optimizer(new Lbfgs(10, 20, 5.0, 10.0)).maxRounds(100).gradientTolerance(1e-8)
                .build().fitUnconstrained(g, new double[][] {{1.9, 9}}, 0);
        assertEquals(StartStatus.CONVERGED, l.starts().get(0).status(), l.starts().get(0).reason());
    }

    @Test
    void aModelStartOutsideTheValidRangeGetsNanAndTheOthersAreComputed() {
        List<org.huxley.adjoint.transform.Transform> id = List.of(new Identity(), new Identity(), new Identity());
        FitProblem p = SmallFits.problem(2, new ParameterTransform(id));
        var ev = p.evaluate(new double[][] {SmallFits.TRUTH, {0.05, 0.005, -1e-4}, {0.06, 0.005, 1e-4}});
        assertEquals(0.0, ev.losses()[0], 1e-20);
        assertTrue(Double.isNaN(ev.losses()[1]));
        assertNull(ev.gradients()[1]);
        assertTrue(ev.losses()[2] > 0);
    }

    @Test
    void badBoundsAndStartsAreRejectedNamingTheParameter() {
        FitProblem p = SmallFits.problem(1);
        Bounds b = Bounds.of(p.layout());
        ModelException e = assertThrows(ModelException.class, () -> b.set(1, 0.01, 0.01));
        assertTrue(e.getMessage().contains("K.gK") && e.getMessage().contains("below the upper bound"), e.getMessage());
        e = assertThrows(ModelException.class, () -> b.set(0, 0.2, 0.1));
        assertTrue(e.getMessage().contains("Na.gNa"), e.getMessage());
        e = assertThrows(ModelException.class, () -> b.logScale(2, 0, 1));
        assertTrue(e.getMessage().contains("lo > 0"), e.getMessage());
        e = assertThrows(ModelException.class, () -> b.set(2, -1, 1));
        assertTrue(e.getMessage().contains("valid range"), e.getMessage());
        e = assertThrows(ModelException.class, () -> Starts.uniform(new double[] {1}, new double[] {1}, 2, 0));
        assertTrue(e.getMessage().contains("lo 1.0 >= hi 1.0"), e.getMessage());
        FitProblem narrow = SmallFits.problem(1, Bounds.of(p.layout()).logScale(0, 0.04, 0.06).transform());
        e = assertThrows(ModelException.class, () -> Fitter.builder().build().fit(narrow,
                new double[][] {{0.05, 0.005, 1e-4}, {0.1, 0.005, 1e-4}}, 0));
        assertTrue(e.getMessage().contains("start 1") && e.getMessage().contains("Na.gNa"), e.getMessage());
        e = assertThrows(ModelException.class, () -> new Experiment("x", java.util.Map.of(0, new double[] {0, Double.NaN}),
                org.huxley.adjoint.Losses.stridedMean(1), 1));
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("sample 1"), e.getMessage());
    }

    @Test
    void cmaEsReducesTheModelLossWithForwardRunsOnly() {
        FitProblem p = SmallFits.problem(2);
        double[] x0 = p.toUnconstrained(Starts.logUniform(SmallFits.TRUTH, 2.0, 1, 3)[0]);
        double l0 = p.values(new double[][] {x0})[0];
        List<CmaEs.Generation> gens = new ArrayList<>();
        CmaEs.Result r = CmaEs.builder().sigma0(0.3).maxGenerations(30).seed(1).listener(gens::add).build().run(p, x0);
        assertEquals(30, gens.size());
        assertTrue(r.bestLoss() < 0.1 * l0, "CMA-ES " + l0 + " -> " + r.bestLoss());
        assertEquals(r.bestLoss(), p.values(new double[][] {r.bestX()})[0], 0.0);
    }
}
