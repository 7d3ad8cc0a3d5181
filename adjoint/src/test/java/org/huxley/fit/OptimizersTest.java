package org.huxley.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.ModelException;
import org.junit.jupiter.api.Test;

/** Optimizers on analytic functions: each must reach the known minimum within its budget. */
class OptimizersTest {
    private static final double[] COND = {1, 10, 100, 1000};

    private static FitResult run(Optimizer opt, BatchObjective f, double[][] x0, int rounds) {
        return Fitter.builder().optimizer(opt).maxRounds(rounds).stallAfter(0, 0).build().fitUnconstrained(f, x0, 0);
    }

    @Test
    void lbfgsSolvesRosenbrockFromSeveralStartsInOneBatch() {
        BatchObjective f = Analytic.of(4, Analytic::rosenbrock);
        double[][] x0 = {{-1.2, 1, -1.2, 1}, {0, 0, 0, 0}, {2, 2, -1, 0.5}};
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(500).gradientTolerance(1e-9).build()
                .fitUnconstrained(f, x0, 0);
        for (FitResult.StartOutcome s : r.starts()) {
            assertEquals(StartStatus.CONVERGED, s.status(), s.reason());
            assertTrue(s.bestLoss() < 1e-16, "start " + s.index() + " loss " + s.bestLoss());
            for (double v : s.bestX()) {
                assertEquals(1.0, v, 1e-7);
            }
            assertTrue(s.iterations() < 120, "L-BFGS took " + s.iterations() + " iterations");
        }
    }

    @Test
    void lbfgsOnAnIllConditionedQuadraticConvergesInFewIterations() {
        BatchObjective f = Analytic.of(4, Analytic.quadratic(COND));
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(200).gradientTolerance(1e-10).build()
                .fitUnconstrained(f, new double[][] {{5, 5, 5, 5}}, 0);
        FitResult.StartOutcome s = r.best();
        assertEquals(StartStatus.CONVERGED, s.status(), s.reason());
        assertArrayEquals(new double[] {0, 1, 2, 3}, s.bestX(), 1e-9);
        // first-order methods need thousands of steps here; quasi-Newton a few tens
        assertTrue(s.iterations() <= 40, "iterations " + s.iterations());
    }

    @Test
    void adamWithBiasCorrectionReachesTheQuadraticMinimum() {
        BatchObjective f = Analytic.of(4, Analytic.quadratic(COND));
        FitResult r = run(new Adam(LearningRateSchedule.exponential(0.1, 0.1, 1500), 0.9, 0.999, 1e-8,
                GradientClipping.none()), f, new double[][] {{3, -2, 5, 0}}, 3000);
        assertArrayEquals(new double[] {0, 1, 2, 3}, r.best().bestX(), 1e-3);
    }

    @Test
    void adamFirstStepIsTheLearningRateTimesTheGradientSign() {
        // bias correction makes m̂/√v̂ = g/(|g| + ε) at t = 1, whatever β: the first step has size lr
        Stepper s = new Adam(0.05).start(new double[] {1, 1}, ParameterGroups.single(2));
        s.tell(1.0, new double[] {3e-3, -200});
        assertArrayEquals(new double[] {1 - 0.05, 1 + 0.05}, s.x(), 1e-6);
    }

    @Test
    void sgdWithMomentumOnRosenbrock() {
        BatchObjective f = Analytic.of(2, Analytic::rosenbrock);
        FitResult r = run(new Sgd(LearningRateSchedule.constant(1e-3), 0.9, true, GradientClipping.byNorm(10)), f,
                new double[][] {{-1.2, 1}}, 20000);
        assertArrayEquals(new double[] {1, 1}, r.best().bestX(), 2e-3);
    }

    @Test
    void sgdStepMatchesTheFormula() {
        Stepper s = new Sgd(0.1, 0.5).start(new double[] {0}, ParameterGroups.single(1));
        s.tell(0, new double[] {1});   // u = 1, x = -0.1
        s.tell(0, new double[] {2});   // u = 0.5 + 2 = 2.5, x = -0.1 - 0.25
        assertEquals(-0.35, s.x()[0], 1e-15);
    }

    @Test
    void clippingLimitsNormAndValues() {
        assertArrayEquals(new double[] {0.6, 0.8}, GradientClipping.byNorm(1).apply(new double[] {3, 4}), 1e-15);
        assertArrayEquals(new double[] {1, -1, 0.5}, GradientClipping.byValue(1).apply(new double[] {3, -4, 0.5}));
        assertArrayEquals(new double[] {3, 4}, GradientClipping.none().apply(new double[] {3, 4}));
        assertThrows(ModelException.class, () -> GradientClipping.byNorm(0));
    }

    @Test
    void schedules() {
        assertEquals(0.1, LearningRateSchedule.constant(0.1).at(1000));
        assertEquals(0.05, LearningRateSchedule.exponential(0.1, 0.5, 10).at(10), 1e-15);
        assertEquals(0.1, LearningRateSchedule.stepDecay(0.1, 0.5, 10).at(9), 1e-15);
        assertEquals(0.05, LearningRateSchedule.stepDecay(0.1, 0.5, 10).at(10), 1e-15);
        assertEquals(0.1, LearningRateSchedule.cosine(0.1, 100, 0.01).at(0), 1e-15);
        assertEquals(0.055, LearningRateSchedule.cosine(0.1, 100, 0.01).at(50), 1e-15);
        assertEquals(0.01, LearningRateSchedule.cosine(0.1, 100, 0.01).at(500), 1e-15);
        assertEquals(0.025, LearningRateSchedule.constant(0.1).withWarmup(4).at(0), 1e-15);
        assertEquals(0.1, LearningRateSchedule.constant(0.1).withWarmup(4).at(4), 1e-15);
        assertThrows(ModelException.class, () -> LearningRateSchedule.constant(-1));
    }

    @Test
    void typeOptimizerUsesEachGroupsSettings() {
        ParameterGroups groups = new ParameterGroups(new int[] {0, 1, 0}, java.util.List.of("a", "b"));
        Optimizer opt = TypeOptimizer.of(new Sgd(0.1, 0)).with("b", new Sgd(1.0, 0));
        Stepper s = opt.start(new double[] {0, 0, 0}, groups);
        s.tell(1, new double[] {1, 1, 1});
        assertArrayEquals(new double[] {-0.1, -1.0, -0.1}, s.x(), 1e-15);
        // and it optimizes: Adam per group on the quadratic
        BatchObjective f = new BatchObjective() {
            final BatchObjective inner = Analytic.of(4, Analytic.quadratic(COND));

            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public Evaluation evaluate(double[][] x) {
                return inner.evaluate(x);
            }

            @Override
            public ParameterGroups groups() {
                return new ParameterGroups(new int[] {0, 0, 1, 1}, java.util.List.of("slow", "stiff"));
            }
        };
        Optimizer adam = TypeOptimizer.of(new Adam(LearningRateSchedule.exponential(0.2, 0.1, 1500), 0.9, 0.999, 1e-8,
                GradientClipping.none())).with("stiff", new Adam(LearningRateSchedule.exponential(0.05, 0.1, 1500),
                0.9, 0.999, 1e-8, GradientClipping.none()));
        FitResult r = run(adam, f, new double[][] {{3, -2, 5, 0}}, 3000);
        assertArrayEquals(new double[] {0, 1, 2, 3}, r.best().bestX(), 1e-3);
    }

    @Test
    void typeOptimizerRejectsLbfgsAndUnknownGroups() {
        ModelException e = assertThrows(ModelException.class, () -> TypeOptimizer.of(new Lbfgs()));
        assertTrue(e.getMessage().contains("first-order"), e.getMessage());
        Optimizer o = TypeOptimizer.of(new Adam(0.1)).with("nope", new Adam(0.2));
        e = assertThrows(ModelException.class, () -> o.start(new double[2], ParameterGroups.single(2)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void cmaEsFindsTheRosenbrockMinimum() {
        BatchObjective f = Analytic.of(4, Analytic::rosenbrock);
        CmaEs.Result r = CmaEs.builder().sigma0(0.5).maxGenerations(2000).targetLoss(1e-12).seed(3).build()
                .run(f, new double[] {-1, 0.5, 0, 0.5});
        assertTrue(r.bestLoss() < 1e-12, "loss " + r.bestLoss() + ": " + r.stopReason());
        assertArrayEquals(new double[] {1, 1, 1, 1}, r.bestX(), 1e-5);
        CmaEs.Result again = CmaEs.builder().sigma0(0.5).maxGenerations(2000).targetLoss(1e-12).seed(3).build()
                .run(f, new double[] {-1, 0.5, 0, 0.5});
        assertArrayEquals(r.bestX(), again.bestX(), 0.0);
    }

    @Test
    void symmetricEigenDecomposition() {
        double[][] a = {{4, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 1}};
        double[][] v = new double[3][3];
        double[] ev = SymmetricEigen.decompose(a, v);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                double av = 0;
                for (int k = 0; k < 3; k++) {
                    av += a[i][k] * v[k][j];
                }
                assertEquals(ev[j] * v[i][j], av, 1e-12);
            }
        }
    }
}
