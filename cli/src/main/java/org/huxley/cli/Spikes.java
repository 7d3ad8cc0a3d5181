package org.huxley.cli;

/** Counts upward threshold crossings of a voltage trace. */
final class Spikes {
    private Spikes() {
    }

    /** Number of samples k with v[k−1] < threshold ≤ v[k]. */
    static int count(double[] vMv, double thresholdMv) {
        int n = 0;
        for (int k = 1; k < vMv.length; k++) {
            if (vMv[k - 1] < thresholdMv && vMv[k] >= thresholdMv) {
                n++;
            }
        }
        return n;
    }
}
