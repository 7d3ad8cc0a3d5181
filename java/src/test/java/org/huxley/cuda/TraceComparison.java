package org.huxley.cuda;

import org.huxley.engine.Recordings;

/** Differences between two engines' recordings. */
public final class TraceComparison {
    private TraceComparison() {
    }

    /**
     * Largest |a − b| over every set, recording and sample; NaN on both sides counts as equal,
     * NaN on one side as infinite.
     */
    public static double maxAbsDiff(Recordings a, Recordings b) {
        if (a.numSets() != b.numSets() || a.numRecordings() != b.numRecordings() || a.numSamples() != b.numSamples()) {
            throw new AssertionError("shapes differ: " + a.numSets() + "x" + a.numRecordings() + "x" + a.numSamples()
                    + " vs " + b.numSets() + "x" + b.numRecordings() + "x" + b.numSamples());
        }
        double worst = 0;
        for (int s = 0; s < a.numSets(); s++) {
            for (int r = 0; r < a.numRecordings(); r++) {
                for (int k = 0; k < a.numSamples(); k++) {
                    double x = a.get(s, r, k);
                    double y = b.get(s, r, k);
                    if (Double.isNaN(x) && Double.isNaN(y)) {
                        continue;
                    }
                    double d = Math.abs(x - y);
                    if (Double.isNaN(d)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    worst = Math.max(worst, d);
                }
            }
        }
        return worst;
    }

    /** Whether both flag the same sets as diverged at the same steps. */
    public static boolean sameDivergence(Recordings a, Recordings b) {
        for (int s = 0; s < a.numSets(); s++) {
            if (a.divergedAtStep(s) != b.divergedAtStep(s)) {
                return false;
            }
        }
        return true;
    }
}
