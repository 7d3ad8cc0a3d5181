package org.huxley.fit;

/**
 * What a {@link FitListener} learns after each round (one engine batch).
 *
 * @param round rounds done so far (1 after the first)
 * @param maxRounds the round budget
 * @param running starts still running after this round
 * @param evaluated starts evaluated in this round
 * @param losses per start, the loss at its current iterate (NaN if none yet or diverged)
 * @param bestLoss the lowest loss evaluated so far by any start
 * @param bestStart the start that evaluated it
 * @param roundSeconds wall time of this round, s
 * @param elapsedSeconds wall time of the whole fit so far (including before a resume), s
 * @param etaSeconds estimated time to the end of the round budget (mean round time × rounds left,
 *     capped by the time budget), s; an upper bound when starts stop early
 */
public record Progress(int round, int maxRounds, int running, int evaluated, double[] losses, double bestLoss,
        int bestStart, double roundSeconds, double elapsedSeconds, double etaSeconds) {
}
