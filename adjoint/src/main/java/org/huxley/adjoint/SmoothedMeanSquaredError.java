package org.huxley.adjoint;

import org.huxley.ModelException;

/**
 * A two-scale trace loss: L = mean((G·r)²) + w·mean(r²) over recordings and samples, with r = x −
 * target and G a Gaussian blur of σ samples (truncated at 4σ, zero beyond the trace ends, so G is
 * symmetric and ∂L/∂x = 2(G·G·r + w·r)/count). The blurred term changes smoothly as spikes shift
 * by up to a few σ, which widens the basin around a fit with misaligned spikes; the raw term keeps
 * the fine shape. Both vanish only where the traces agree, so an exact target is still the minimum.
 */
public final class SmoothedMeanSquaredError implements Loss {
    private final double[][] target;
    private final double[] kernel;
    private final double rawWeight;

    /**
     * A loss on a Gaussian-smoothed trace plus a weighted raw MSE.
     *
     * @param target [recording][sample]
     * @param sigmaSamples width of the Gaussian, samples (&gt; 0)
     * @param rawWeight weight w of the unsmoothed term (≥ 0)
     */
    public SmoothedMeanSquaredError(double[][] target, double sigmaSamples, double rawWeight) {
        if (!(sigmaSamples > 0) || !Double.isFinite(sigmaSamples) || !(rawWeight >= 0) || !Double.isFinite(rawWeight)) {
            throw new ModelException("smoothed MSE needs sigma > 0 samples and a raw weight >= 0, got " + sigmaSamples
                    + ", " + rawWeight);
        }
        this.target = new double[target.length][];
        for (int r = 0; r < target.length; r++) {
            this.target[r] = target[r].clone();
        }
        int half = (int) Math.ceil(4 * sigmaSamples);
        kernel = new double[2 * half + 1];
        double sum = 0;
        for (int j = -half; j <= half; j++) {
            kernel[j + half] = Math.exp(-0.5 * j * j / (sigmaSamples * sigmaSamples));
            sum += kernel[j + half];
        }
        for (int j = 0; j < kernel.length; j++) {
            kernel[j] /= sum;
        }
        this.rawWeight = rawWeight;
    }

    @Override
    public void checkShape(int recordings, int samples) {
        if (target.length != recordings) {
            throw new ModelException("smoothed-MSE loss has targets for " + target.length + " recordings, the model records "
                    + recordings);
        }
        for (int r = 0; r < recordings; r++) {
            if (target[r].length != samples) {
                throw new ModelException("smoothed-MSE target " + r + " has " + target[r].length
                        + " samples, the recording has " + samples);
            }
        }
    }

    private double[] blur(double[] v) {
        int half = kernel.length / 2;
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            double s = 0;
            int lo = Math.max(0, k - half);
            int hi = Math.min(v.length - 1, k + half);
            for (int i = lo; i <= hi; i++) {
                s += kernel[i - k + half] * v[i];
            }
            out[k] = s;
        }
        return out;
    }

    @Override
    public double evaluate(int set, double[][] x, double[][] grad) {
        int count = 0;
        for (double[] row : x) {
            count += row.length;
        }
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double[] res = new double[x[r].length];
            for (int k = 0; k < res.length; k++) {
                res[k] = x[r][k] - target[r][k];
            }
            double[] g = blur(res);
            double[] gg = blur(g);
            for (int k = 0; k < res.length; k++) {
                loss += g[k] * g[k] + rawWeight * res[k] * res[k];
                grad[r][k] = 2.0 * (gg[k] + rawWeight * res[k]) / count;
            }
        }
        return loss / count;
    }
}
