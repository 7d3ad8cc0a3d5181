package org.huxley.adjoint;

import org.huxley.ModelException;

/**
 * Smooth summary statistics of voltage traces, each compared with a target by a weighted squared
 * error: the mean voltage, its standard deviation and a smooth spike count. The spike count is
 * Σ_k σ((x_k − θ)/w)·(1 − σ((x_{k−1} − θ)/w)), a soft detector of upward threshold crossings
 * (θ threshold, mV; w sharpness, mV) whose gradient is non-zero near spikes, unlike a hard count.
 */
public final class SummaryStatistics implements Loss {
    private final double[][] targets;
    private final double[] weights;
    private final double thresholdMv;
    private final double widthMv;

    /**
     * A loss on per-recording summary statistics.
     *
     * @param targets per recording {mean (mV), std (mV), spike count}
     * @param weights weights of the three squared errors
     * @param thresholdMv spike threshold, mV
     * @param widthMv sharpness of the soft threshold, mV (> 0)
     */
    public SummaryStatistics(double[][] targets, double[] weights, double thresholdMv, double widthMv) {
        if (weights.length != 3 || !(widthMv > 0)) {
            throw new ModelException("summary statistics: need 3 weights and a positive width, got "
                    + weights.length + " weights and width " + widthMv);
        }
        for (double[] t : targets) {
            if (t.length != 3) {
                throw new ModelException("summary statistics: each target is {mean, std, spike count}");
            }
        }
        this.targets = targets;
        this.weights = weights.clone();
        this.thresholdMv = thresholdMv;
        this.widthMv = widthMv;
    }

    /**
     * {@return the smooth spike count of a trace (the statistic this loss uses)}
     *
     * @param x the trace, mV
     * @param thresholdMv spike threshold, mV
     * @param widthMv width of the smooth threshold, mV
     */
    public static double softSpikeCount(double[] x, double thresholdMv, double widthMv) {
        double n = 0;
        for (int k = 1; k < x.length; k++) {
            n += sigma((x[k] - thresholdMv) / widthMv) * (1 - sigma((x[k - 1] - thresholdMv) / widthMv));
        }
        return n;
    }

    @Override
    public void checkShape(int recordings, int samples) {
        if (targets.length != recordings) {
            throw new ModelException("summary-statistics loss has targets for " + targets.length
                    + " recordings, the model records " + recordings);
        }
    }

    @Override
    public double evaluate(int set, double[][] x, double[][] grad) {
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double[] v = x[r];
            int n = v.length;
            double mean = 0;
            for (double a : v) {
                mean += a;
            }
            mean /= n;
            double var = 0;
            for (double a : v) {
                var += (a - mean) * (a - mean);
            }
            var /= n;
            double std = Math.sqrt(var);
            double spikes = softSpikeCount(v, thresholdMv, widthMv);
            double dMean = mean - targets[r][0];
            double dStd = std - targets[r][1];
            double dSpk = spikes - targets[r][2];
            loss += weights[0] * dMean * dMean + weights[1] * dStd * dStd + weights[2] * dSpk * dSpk;
            double gMean = 2 * weights[0] * dMean;
            double gStd = 2 * weights[1] * dStd;
            double gSpk = 2 * weights[2] * dSpk;
            for (int k = 0; k < n; k++) {
                double g = gMean / n;
                if (std > 0) {
                    g += gStd * (v[k] - mean) / (n * std);
                }
                grad[r][k] += g;
            }
            for (int k = 1; k < n; k++) {
                double sa = sigma((v[k] - thresholdMv) / widthMv);
                double sb = sigma((v[k - 1] - thresholdMv) / widthMv);
                grad[r][k] += gSpk * sa * (1 - sa) / widthMv * (1 - sb);
                grad[r][k - 1] += gSpk * sa * (-sb * (1 - sb) / widthMv);
            }
        }
        return loss;
    }

    private static double sigma(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
