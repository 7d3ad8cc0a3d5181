package org.huxley.examples;

/** Counts upward threshold crossings of a voltage trace. */
final class Spikes {
    private Spikes() {
    }

    static int count(double[] vMv, double thresholdMv) {
        int n = 0;
        for (int i = 1; i < vMv.length; i++) {
            if (vMv[i - 1] < thresholdMv && vMv[i] >= thresholdMv) {
                n++;
            }
        }
        return n;
    }
}
