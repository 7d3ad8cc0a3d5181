package org.huxley.fit;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The outcome of a multi-start fit: every start with its status and best point, the best start,
 * the loss history per round (with wall time, for loss-vs-time plots), and the final state (to
 * resume with a larger budget).
 *
 * @param starts per start
 * @param bestStart index of the start with the lowest loss evaluated (−1 if every start failed at once)
 * @param rounds rounds run (engine batches)
 * @param elapsedSeconds total wall time, s
 * @param history per round
 * @param state the final state
 */
public record FitResult(List<StartOutcome> starts, int bestStart, int rounds, double elapsedSeconds,
        List<FitState.Round> history, FitState state) {

    /**
     * One start.
     *
     * @param index start index
     * @param status final status
     * @param reason why it stopped
     * @param iterations accepted optimizer steps
     * @param evaluations loss(+gradient) evaluations
     * @param finalLoss loss at its last iterate
     * @param bestLoss lowest loss it evaluated
     * @param bestX where, unconstrained
     * @param bestValues where, parameter values
     * @param startValues where it started, parameter values
     */
    public record StartOutcome(int index, StartStatus status, String reason, int iterations, int evaluations,
            double finalLoss, double bestLoss, double[] bestX, double[] bestValues, double[] startValues) {
    }

    /** {@return the best start (lowest loss evaluated)} */
    public StartOutcome best() {
        return bestStart < 0 ? null : starts.get(bestStart);
    }

    /**
     * Start indices by best loss, lowest first (non-finite last).
     *
     * @return the start indices, best first
     */
    public int[] ranking() {
        return IntStream.range(0, starts.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> {
                    double l = starts.get(i).bestLoss();
                    return Double.isFinite(l) ? l : Double.POSITIVE_INFINITY;
                }))
                .mapToInt(Integer::intValue).toArray();
    }

    /** {@return indices of the starts flagged as diverged} */
    public int[] diverged() {
        return IntStream.range(0, starts.size()).filter(i -> starts.get(i).status() == StartStatus.DIVERGED).toArray();
    }
}
