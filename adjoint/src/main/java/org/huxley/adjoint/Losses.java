package org.huxley.adjoint;

/** Built-in losses on recordings. */
public final class Losses {
    private Losses() {
    }

    /**
     * {@return mean over recordings and samples of (x − target)²; target [recording][sample]}
     *
     * @param target [recording][sample]
     */
    public static Loss meanSquaredError(double[][] target) {
        return new MeanSquaredError(deepCopy(target), 0, 1);
    }

    /**
     * As {@link #meanSquaredError(double[][])}, over samples 0, stride, 2·stride, … only.
     *
     * @param target [recording][sample]
     * @param stride use every stride-th sample
     * @return the loss
     */
    public static Loss meanSquaredError(double[][] target, int stride) {
        return new MeanSquaredError(deepCopy(target), 0, stride);
    }

    /**
     * Mean over recordings and samples 0, stride, … of (x − value)², e.g. the gradient references'
     * loss mean((v[::5] + 60)²) is {@code meanSquaredErrorTo(-60, 5)}.
     *
     * @param value the target value of every sample
     * @param stride use every stride-th sample
     * @return the loss
     */
    public static Loss meanSquaredErrorTo(double value, int stride) {
        return new MeanSquaredError(null, value, stride);
    }

    /**
     * {@return mean of samples 0, stride, 2·stride, … over all recordings}
     *
     * @param stride use every stride-th sample
     */
    public static Loss stridedMean(int stride) {
        return new StridedMean(stride);
    }

    /**
     * {@return weighted squared errors of mean, std and smooth spike count (see {@link SummaryStatistics})}
     *
     * @param targets per recording {mean (mV), std (mV), spike count}
     * @param weights weights of the three squared errors
     * @param thresholdMv spike threshold, mV
     * @param widthMv width of the smooth threshold, mV
     */
    public static Loss summaryStatistics(double[][] targets, double[] weights, double thresholdMv, double widthMv) {
        return new SummaryStatistics(targets, weights, thresholdMv, widthMv);
    }

    /**
     * mean((G·(x − target))²) + rawWeight·mean((x − target)²), G a Gaussian blur of σ samples: a
     * trace loss with a wider basin around misaligned spikes (see {@link SmoothedMeanSquaredError}).
     *
     * @param target [recording][sample]
     * @param sigmaSamples width of the Gaussian, samples
     * @param rawWeight weight of the raw MSE
     * @return the loss
     */
    public static Loss smoothedMeanSquaredError(double[][] target, double sigmaSamples, double rawWeight) {
        return new SmoothedMeanSquaredError(target, sigmaSamples, rawWeight);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
