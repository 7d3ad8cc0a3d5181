package org.huxley.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.engine.Progress;
import org.huxley.engine.RunCancelledException;
import org.huxley.engine.RunControl;
import org.junit.jupiter.api.Test;

/**
 * Fits are cancellable between rounds (and inside a round, through the gradient engine), report one
 * progress unit per round, can be resumed from the state a cancelled fit leaves, and are bitwise
 * reproducible from a seed: the same seed draws the same random starts and gives the same result
 * twice, at a fixed thread count of 2.
 */
class FitCancellationAndSeedTest {
    private static final int ROUNDS = 12;

    private static Fitter fitter(List<FitState> sink) {
        return Fitter.builder().optimizer(new Lbfgs()).maxRounds(ROUNDS).stallAfter(0, 0)
                .checkpoint(1000, sink::add).build();
    }

    private static FitResult seededFit(long seed) {
        double[][] starts = Starts.logUniform(SmallFits.TRUTH, 2.0, 3, seed);
        return fitter(new ArrayList<>()).fit(SmallFits.problem(2), starts, seed);
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static void assertBitwiseEqual(FitResult a, FitResult b) {
        assertEquals(a.rounds(), b.rounds());
        assertEquals(a.bestStart(), b.bestStart());
        for (int r = 0; r < a.history().size(); r++) {
            assertArrayEquals(bits(a.history().get(r).losses()), bits(b.history().get(r).losses()), "round " + r);
        }
        for (int s = 0; s < a.starts().size(); s++) {
            assertArrayEquals(bits(a.starts().get(s).bestX()), bits(b.starts().get(s).bestX()), "start " + s);
            assertEquals(Double.doubleToRawLongBits(a.starts().get(s).bestLoss()),
                    Double.doubleToRawLongBits(b.starts().get(s).bestLoss()), "best loss of start " + s);
        }
    }

    @Test
    void sameSeedGivesABitwiseIdenticalFitTwiceAndAnotherSeedDoesNot() {
        FitResult a = seededFit(42);
        FitResult b = seededFit(42);
        assertBitwiseEqual(a, b);
        FitResult c = seededFit(43);
        assertFalse(Arrays.equals(a.starts().get(0).startValues(), c.starts().get(0).startValues()),
                "another seed must draw other starts");
    }

    @Test
    void cmaEsRequiresAnExplicitSeed() {
        ModelException e = assertThrows(ModelException.class, () -> CmaEs.builder().sigma0(0.3).build());
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void cancelledBetweenRoundsThrowsLeavesAResumableStateAndReportsEachRound() {
        double[][] starts = Starts.logUniform(SmallFits.TRUTH, 2.0, 3, 5);
        FitResult whole = fitter(new ArrayList<>()).fit(SmallFits.problem(2), starts, 5);
        assertEquals(ROUNDS, whole.rounds());

        List<Progress> fitReports = Collections.synchronizedList(new ArrayList<>());
        RunControl[] holder = new RunControl[1];
        holder[0] = new RunControl(p -> {
            if (p.phase().equals("fit")) {
                fitReports.add(p);
                if (p.done() == 4) {
                    holder[0].cancel();
                }
            }
        });
        List<FitState> saved = new ArrayList<>();
        RunCancelledException e = assertThrows(RunCancelledException.class,
                () -> fitter(saved).fit(SmallFits.problem(2), starts, 5, holder[0]));
        assertTrue(e.getMessage().contains("before fit round 5"), e.getMessage());
        assertEquals(List.of(1L, 2L, 3L, 4L), fitReports.stream().map(Progress::done).toList());
        assertTrue(fitReports.stream().allMatch(p -> p.total() == ROUNDS));
        assertEquals(1, saved.size(), "the cancelled fit hands its state to the checkpoint sink");
        FitState state = saved.get(0);
        assertEquals(4, state.round());

        FitResult resumed = fitter(new ArrayList<>()).resume(SmallFits.problem(2), state);
        assertBitwiseEqual(whole, resumed);
    }

    @Test
    void cancelledInsideARoundStopsInTheGradientEngine() {
        double[][] starts = Starts.logUniform(SmallFits.TRUTH, 2.0, 2, 9);
        RunControl[] holder = new RunControl[1];
        List<String> phases = Collections.synchronizedList(new ArrayList<>());
        holder[0] = new RunControl(p -> {
            phases.add(p.phase());
            if (p.phase().equals("gradient") && phases.stream().filter("fit"::equals).count() == 2) {
                holder[0].cancel();
            }
        });
        List<FitState> saved = new ArrayList<>();
        RunCancelledException e = assertThrows(RunCancelledException.class,
                () -> fitter(saved).fit(SmallFits.problem(1), starts, 9, holder[0]));
        assertTrue(e.getMessage().contains("checkpoint segment"), e.getMessage());
        assertNotNull(saved.get(0));
        assertEquals(2, saved.get(0).round(), "the state is the one after the last completed round");
    }
}
