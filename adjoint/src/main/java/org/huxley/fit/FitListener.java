package org.huxley.fit;

import java.util.List;

/** Callbacks of a running fit (progress bars, logs, live plots). All methods default to nothing. */
public interface FitListener {
    /** Before the first round (also on resume). */
    default void started(int starts, int maxRounds, List<String> parameterNames) {
    }

    /** After each round. */
    default void round(Progress progress) {
    }

    /** A start left the batch: converged, diverged (flagged; the others continue) or out of budget. */
    default void startStopped(int start, StartStatus status, String reason, int round) {
    }

    /** After the last round. */
    default void finished(FitResult result) {
    }
}
