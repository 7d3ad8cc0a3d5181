package org.huxley.fit;

import java.util.List;

/** Callbacks of a running fit (progress bars, logs, live plots). All methods default to nothing. */
public interface FitListener {
    /**
     * Before the first round (also on resume).
     *
     * @param starts number of starts
     * @param maxRounds the round budget
     * @param parameterNames the parameters' names
     */
    default void started(int starts, int maxRounds, List<String> parameterNames) {
    }

    /**
     * After each round.
     *
     * @param progress the state after the round
     */
    default void round(Progress progress) {
    }

    /**
     * A start left the batch: converged, diverged (flagged; the others continue) or out of budget.
     *
     * @param start the start's index
     * @param status why it stopped
     * @param reason the reason, in words
     * @param round the round it stopped in
     */
    default void startStopped(int start, StartStatus status, String reason, int round) {
    }

    /**
     * After the last round.
     *
     * @param result the result
     */
    default void finished(FitResult result) {
    }
}
