package org.huxley.adjoint;

/** L = mean of the samples k = 0, s, 2s, … of every recording (e.g. a mean voltage). */
final class StridedMean implements Loss {
    private final int stride;

    StridedMean(int stride) {
        if (stride < 1) {
            throw new org.huxley.ModelException("loss stride must be >= 1, got " + stride);
        }
        this.stride = stride;
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
                sum += x[r][k];
                grad[r][k] = 1.0 / count;
            }
        }
        return sum / count;
    }
}
