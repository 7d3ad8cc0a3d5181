package org.huxley.adjoint.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.params.ParameterLayout;
import org.junit.jupiter.api.Test;

class TransformTest {
    static final List<Transform> ALL = List.of(new Sigmoid(-2, 5), new Softplus(0.5), new Affine(-3, 1),
            new Identity(), new Chain(List.of(new Affine(2, 0), new Sigmoid(0, 1), new Affine(10, -5))),
            new Softplus(0).then(new Affine(1e-3, 0)));

    /** x → y → x where the transform is well conditioned (|x| ≤ 6); y → x → y everywhere. */
    @Test
    void inverseUndoesForwardOnAGrid() {
        for (Transform t : ALL) {
            for (double x = -15; x <= 15; x += 0.37) {
                double y = t.forward(x);
                if (Math.abs(x) <= 6) {
                    assertEquals(x, t.inverse(y), 1e-9 * Math.max(1, Math.abs(x)), t + " at x = " + x);
                }
                if (Math.abs(x) <= 12) {
                    assertEquals(y, t.forward(t.inverse(y)), 1e-12 * Math.max(1, Math.abs(y)), t + " at y = " + y);
                }
            }
        }
    }

    @Test
    void derivativeMatchesCentralDifferences() {
        for (Transform t : ALL) {
            for (double x = -8; x <= 8; x += 0.53) {
                double h = 1e-5;
                double fd = (t.forward(x + h) - t.forward(x - h)) / (2 * h);
                // central differences carry ~1e-16·|y|/h of roundoff: compare relative to that floor too
                double floor = 1e-16 * Math.max(1, Math.abs(t.forward(x))) / h;
                assertEquals(fd, t.derivative(x), 1e-7 * Math.abs(fd) + 10 * floor, t + " at x = " + x);
            }
        }
    }

    @Test
    void boundsHold() {
        Sigmoid s = new Sigmoid(1, 2);
        assertTrue(s.forward(-50) >= 1 && s.forward(50) <= 2);
        assertEquals(1.5, s.forward(0), 0);
        Softplus p = new Softplus(-70);
        assertTrue(p.forward(-40) >= -70 && p.forward(-10) > -70);
        assertEquals(-70 + Math.log(2), p.forward(0), 1e-15);
    }

    @Test
    void valuesOutsideTheRangeAreRejected() {
        ModelException e = assertThrows(ModelException.class, () -> new Sigmoid(0, 1).inverse(1.5));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("(0.0, 1.0)"), e.getMessage());
        assertThrows(ModelException.class, () -> new Softplus(0).inverse(-1));
        assertThrows(ModelException.class, () -> new Sigmoid(1, 1));
        assertThrows(ModelException.class, () -> new Affine(0, 1));
    }

    @Test
    void layoutBoundsComeFromFieldMetadata() {
        Cell cell = Cell.binaryTree(3, 2);
        cell.insert(HH.MECHANISM);
        ParameterLayout layout = new ParameterLayout(cell).add(cell.all(), HH.G_NA).add(cell.all(), HH.E_LEAK);
        ParameterTransform t = ParameterTransform.fromBounds(layout);
        assertEquals(new Sigmoid(HH.G_NA.info().lo(), HH.G_NA.info().hi()), t.get(0));
        assertEquals(new Sigmoid(HH.E_LEAK.info().lo(), HH.E_LEAK.info().hi()), t.get(1));
        double[] y = {0.12, -54.3};
        double[] x = t.toUnconstrained(y);
        double[] back = t.toValues(x);
        assertEquals(0.12, back[0], 1e-14);
        assertEquals(-54.3, back[1], 1e-12);
        double[] g = t.chainGradient(x, new double[] {1, 1});
        assertEquals(t.get(0).derivative(x[0]), g[0], 0);
        assertThrows(ModelException.class, () -> t.toValues(new double[3]));
    }
}
