package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.huxley.ModelException;
import org.junit.jupiter.api.Test;

/** Each built-in loss's ∂L/∂recording against central differences, and its value by hand. */
class LossesTest {
    static double[][] trace(long seed) {
        Random r = new Random(seed);
        double[][] x = new double[2][60];
        for (double[] row : x) {
            for (int k = 0; k < row.length; k++) {
                // spikes: some samples cross 0 mV
                row[k] = -65 + 10 * r.nextGaussian() + (k % 17 == 3 ? 90 : 0);
            }
        }
        return x;
    }

    static void assertGradient(Loss loss, double[][] x) {
        double[][] g = new double[x.length][x[0].length];
        double value = loss.evaluate(0, x, g);
        for (int r = 0; r < x.length; r++) {
            for (int k = 0; k < x[r].length; k++) {
                double h = 1e-5;
                double keep = x[r][k];
                x[r][k] = keep + h;
                double up = loss.evaluate(0, x, new double[x.length][x[0].length]);
                x[r][k] = keep - h;
                double down = loss.evaluate(0, x, new double[x.length][x[0].length]);
                x[r][k] = keep;
                double fd = (up - down) / (2 * h);
                // central differences: truncation O(h²) plus roundoff ~1e-16·|L|/h
                double roundoff = 10 * 1e-16 * Math.abs(value) / h;
                assertEquals(fd, g[r][k], 1e-6 * Math.abs(fd) + roundoff, "d/dx[" + r + "][" + k + "]");
            }
        }
    }

    @Test
    void meanSquaredErrorValueAndGradient() {
        double[][] x = trace(1);
        double[][] target = trace(2);
        Loss l = Losses.meanSquaredError(target, 3);
        double sum = 0;
        int n = 0;
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 60; k += 3) {
                sum += (x[r][k] - target[r][k]) * (x[r][k] - target[r][k]);
                n++;
            }
        }
        assertEquals(sum / n, l.evaluate(0, x, new double[2][60]), 1e-12 * sum / n);
        assertGradient(l, x);
        assertGradient(Losses.meanSquaredErrorTo(-60, 5), x);
        assertGradient(Losses.stridedMean(4), x);
    }

    @Test
    void summaryStatisticsGradientAndSoftSpikeCount() {
        double[][] x = trace(3);
        Loss l = Losses.summaryStatistics(new double[][] {{-60, 5, 2}, {-62, 8, 4}}, new double[] {1, 0.5, 2}, 0, 2);
        assertGradient(l, x);
        // 60 samples with a 90 mV jump every 17 samples (k = 3, 20, 37, 54): four crossings of 0 mV
        double count = SummaryStatistics.softSpikeCount(x[0], 0, 0.5);
        assertEquals(4.0, count, 0.3);
    }

    @Test
    void shapeMismatchIsRejected() {
        ModelException e = assertThrows(ModelException.class,
                () -> Losses.meanSquaredError(new double[2][10]).checkShape(3, 10));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(ModelException.class, () -> Losses.meanSquaredError(new double[3][9]).checkShape(3, 10));
        assertThrows(ModelException.class, () -> Losses.stridedMean(0));
    }
}
