package org.huxley.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.fit.Adam;
import org.huxley.fit.BatchObjective;
import org.huxley.fit.FitResult;
import org.huxley.fit.FitState;
import org.huxley.fit.Fitter;
import org.huxley.fit.Lbfgs;
import org.huxley.fit.Optimizer;
import org.huxley.fit.TypeOptimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fit saved to JSON mid-way and resumed ends bitwise where the uninterrupted fit ends. */
class FitStateJsonTest {
    /** Rosenbrock in 3-d, with a NaN region (x0 > 3) standing in for diverging simulations. */
    static final BatchObjective ROSENBROCK = new BatchObjective() {
        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public Evaluation evaluate(double[][] x) {
            double[] l = new double[x.length];
            double[][] g = new double[x.length][];
            for (int k = 0; k < x.length; k++) {
                double[] p = x[k];
                if (p[0] > 3) {
                    l[k] = Double.NaN;
                    continue;
                }
                double[] gk = new double[3];
                for (int i = 0; i < 2; i++) {
                    double a = p[i + 1] - p[i] * p[i];
                    double b = 1 - p[i];
                    l[k] += 100 * a * a + b * b;
                    gk[i] += -400 * a * p[i] - 2 * b;
                    gk[i + 1] += 200 * a;
                }
                g[k] = gk;
            }
            return new Evaluation(l, g);
        }
    };

    static Optimizer optimizer(String name) {
        return switch (name) {
            case "lbfgs" -> new Lbfgs();
            case "adam" -> new Adam(0.01);
            default -> TypeOptimizer.of(new Adam(0.01)).with("all", new Adam(0.02));
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"lbfgs", "adam", "type"})
    void resumeFromJsonIsBitwiseTheUninterruptedFit(String name, @TempDir Path dir) {
        double[][] x0 = {{-1.2, 1, 0.5}, {0, 0, 0}, {2, -1, 1}};
        FitResult full = Fitter.builder().optimizer(optimizer(name)).maxRounds(60).build()
                .fitUnconstrained(ROSENBROCK, x0, 42);
        List<FitState> saved = new ArrayList<>();
        Fitter.builder().optimizer(optimizer(name)).maxRounds(25).checkpoint(5, saved::add).build()
                .fitUnconstrained(ROSENBROCK, x0, 42);
        Path file = dir.resolve("state.json");
        FitStateJson.write(file, saved.get(saved.size() - 1));
        FitState back = FitStateJson.read(file);
        assertEquals(25, back.round());
        assertEquals(42, back.seed());
        FitResult resumed = Fitter.builder().optimizer(optimizer(name)).maxRounds(60).build().resume(ROSENBROCK, back);
        assertEquals(full.rounds(), resumed.rounds());
        assertEquals(full.history().size(), resumed.history().size());
        for (int s = 0; s < x0.length; s++) {
            var a = full.starts().get(s);
            var b = resumed.starts().get(s);
            assertEquals(a.status(), b.status());
            assertEquals(a.bestLoss(), b.bestLoss(), 0.0, "start " + s);
            assertArrayEquals(a.bestX(), b.bestX(), 0.0);
            assertEquals(a.iterations(), b.iterations());
            assertEquals(a.evaluations(), b.evaluations());
            assertEquals(full.state().starts().get(s).optimizer(), resumed.state().starts().get(s).optimizer());
        }
        for (int r = 0; r < full.history().size(); r++) {
            assertArrayEquals(full.history().get(r).losses(), resumed.history().get(r).losses(), 0.0, "round " + r);
        }
    }

    @Test
    void nonFiniteValuesSurviveTheRoundTrip(@TempDir Path dir) {
        double[][] x0 = {{3.5, 0, 0}, {0, 0, 0}}; // start 0 is non-finite from the start: diverged
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(3).build().fitUnconstrained(ROSENBROCK, x0, 1);
        Path file = dir.resolve("s.json");
        FitStateJson.write(file, r.state());
        FitState back = FitStateJson.read(file);
        assertEquals(Double.POSITIVE_INFINITY, back.starts().get(0).bestLoss());
        assertTrue(Double.isNaN(back.history().get(0).losses()[0]));
        assertEquals(r.state().starts().get(0).optimizer(), back.starts().get(0).optimizer());
    }

    @Test
    void badStateFilesAreRejected(@TempDir Path dir) throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> FitStateJson.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path f = Files.writeString(dir.resolve("bad.json"), "{\"version\": 1, \"starts\": [}");
        e = assertThrows(ModelException.class, () -> FitStateJson.read(f));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(2).build()
                .fitUnconstrained(ROSENBROCK, new double[][] {{0, 0, 0}}, 1);
        e = assertThrows(ModelException.class, () -> Fitter.builder().optimizer(new Adam(0.1)).build()
                .resume(ROSENBROCK, r.state()));
        assertTrue(e.getMessage().contains("lbfgs") && e.getMessage().contains("adam"), e.getMessage());
    }
}
