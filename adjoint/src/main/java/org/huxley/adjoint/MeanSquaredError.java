package org.huxley.adjoint;

import org.huxley.ModelException;

/**
 * L = mean over recordings r and samples k = 0, s, 2s, … of (x_r[k] − target_r[k])², the target
 * given per recording (full length) or as one constant.
 */
final class MeanSquaredError implements Loss {
    private final double[][] target;
    private final double constant;
    private final int stride;

    MeanSquaredError(double[][] target, double constant, int stride) {
        if (stride < 1) {
            throw new ModelException("loss stride must be >= 1, got " + stride);
        }
        this.target = target;
        this.constant = constant;
        this.stride = stride;
    }

    @Override
    public void checkShape(int recordings, int samples) {
        if (target == null) {
            return;
        }
        if (target.length != recordings) {
            throw new ModelException("mean-squared-error loss has targets for " + target.length
                    + " recordings, the model records " + recordings);
        }
        for (int r = 0; r < recordings; r++) {
            if (target[r].length != samples) {
                throw new ModelException("mean-squared-error target " + r + " has " + target[r].length
                        + " samples, the recording has " + samples);
            }
        }
    }

    @Override
    public double evaluate(int set, double[][] x, double[][] grad) {
        int count = 0;
        for (double[] row : x) {
            count += (row.length + stride - 1) / stride;
        }
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            for (int k = 0; k < x[r].length; k += stride) {
                double d = x[r][k] - (target == null ? constant : target[r][k]);
                sum += d * d;
                grad[r][k] = 2.0 * d / count;
            }
        }
        return sum / count;
    }

    /** The target per recording (null: the constant), for the gradient kernels' device loss. */
    double[][] target() {
        return target;
    }

    double constant() {
        return constant;
    }

    int stride() {
        return stride;
    }
}
