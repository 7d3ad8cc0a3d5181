package org.huxley.fit;

import java.util.List;

/**
 * Everything needed to continue a multi-start fit bitwise identically ({@link Fitter#resume}):
 * written after a round by a checkpoint sink and stored as JSON by {@code huxley-io}
 * ({@code org.huxley.io.FitStateJson}).
 *
 * @param version format version (1)
 * @param optimizer name of the optimizer
 * @param seed the seed recorded at the start (for the report; the starts are in the state)
 * @param parameterNames the problem's parameters (checked on resume)
 * @param round rounds done
 * @param elapsedSeconds wall time so far, s
 * @param starts per start
 * @param history per round
 */
public record FitState(int version, String optimizer, long seed, List<String> parameterNames, int round,
        double elapsedSeconds, List<Start> starts, List<Round> history) {
    public static final int VERSION = 1;

    /** Copies the lists. */
    public FitState {
        parameterNames = List.copyOf(parameterNames);
        starts = List.copyOf(starts);
        history = List.copyOf(history);
    }

    /**
     * One start.
     *
     * @param x0 where it started (unconstrained)
     * @param status its status
     * @param reason why it stopped ("" while running)
     * @param stoppedAtRound the round it stopped in (−1 while running)
     * @param evaluations evaluations so far
     * @param bestLoss lowest loss evaluated
     * @param bestX where (unconstrained)
     * @param iterationLosses loss at the iterate after each accepted step (for the stopping rules)
     * @param optimizer the stepper's state
     */
    public record Start(double[] x0, StartStatus status, String reason, int stoppedAtRound, int evaluations,
            double bestLoss, double[] bestX, double[] iterationLosses, OptimizerState optimizer) {
    }

    /**
     * One round.
     *
     * @param elapsedSeconds wall time at its end, s
     * @param losses per start the loss at its iterate after the round (NaN when not running)
     * @param bestLoss lowest loss evaluated so far
     */
    public record Round(double elapsedSeconds, double[] losses, double bestLoss) {
    }
}
