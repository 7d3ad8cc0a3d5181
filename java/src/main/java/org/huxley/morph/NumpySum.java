package org.huxley.morph;

/**
 * NumPy's summation order for a contiguous float64 array ({@code np.sum}): sequential below 8
 * values, eight interleaved partial sums up to 128 values, and recursive halving above. Matching it
 * keeps SWC geometry equal to Jaxley's to the last bit, not merely to rounding.
 */
final class NumpySum {
    private static final int BLOCK = 128;

    private NumpySum() {
    }

    static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    static double sum(double[] a, int from, int n) {
        if (n < 8) {
            double res = -0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, from, n2) + sum(a, from + n2, n - n2);
    }
}
