package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.huxley.ModelException;
import org.huxley.adjoint.transform.Exp;
import org.huxley.adjoint.transform.Sigmoid;
import org.huxley.adjoint.transform.Transform;
import org.junit.jupiter.api.Test;

class SmoothedMeanSquaredErrorTest {
    @Test
    void gradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] target = new double[2][40];
        double[][] x = new double[2][40];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 40; k++) {
                target[r][k] = rng.nextDouble(-70, 30);
                x[r][k] = target[r][k] + rng.nextDouble(-5, 5);
            }
        }
        Loss loss = Losses.smoothedMeanSquaredError(target, 3.0, 0.5);
        double[][] g = new double[2][40];
        double l0 = loss.evaluate(0, x, g);
        assertTrue(l0 > 0);
        double h = 1e-5;
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 40; k += 3) {
                x[r][k] += h;
                double lp = loss.evaluate(0, x, new double[2][40]);
                x[r][k] -= 2 * h;
                double lm = loss.evaluate(0, x, new double[2][40]);
                x[r][k] += h;
                assertEquals((lp - lm) / (2 * h), g[r][k], 1e-8 * (1 + Math.abs(g[r][k])), "r " + r + " k " + k);
            }
        }
        assertEquals(0.0, loss.evaluate(0, target, new double[2][40]), 0.0);
        assertThrows(ModelException.class, () -> Losses.smoothedMeanSquaredError(target, 0, 1));
        ModelException e = assertThrows(ModelException.class, () -> loss.checkShape(3, 40));
        assertTrue(e.getMessage().contains("2 recordings"), e.getMessage());
    }

    @Test
    void logScaleTransform() {
        Transform t = new Sigmoid(Math.log(1e-4), Math.log(1.0)).then(new Exp());
        double y = 0.05;
        double x = t.inverse(y);
        assertEquals(y, t.forward(x), 1e-15);
        double h = 1e-6;
        assertEquals((t.forward(x + h) - t.forward(x - h)) / (2 * h), t.derivative(x), 1e-9);
        assertThrows(ModelException.class, () -> new Exp().inverse(-1));
    }
}
