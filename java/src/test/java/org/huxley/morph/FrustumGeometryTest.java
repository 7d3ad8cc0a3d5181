package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Closed-form checks of the frustum formulas and the equal-length split. */
class FrustumGeometryTest {
    @Test
    void aCylinderHasTheCylinderFormulas() {
        // Three collinear points, radius 2 µm, length 10 µm.
        double[][] pts = {{0, 0, 0, 2}, {4, 0, 0, 2}, {10, 0, 0, 2}};
        FrustumGeometry.Piece p = FrustumGeometry.piece(pts, 1);
        assertEquals(2.0, p.radiusUm(), 1e-15);
        assertEquals(2 * Math.PI * 2 * 10, p.areaUm2(), 1e-12);
        assertEquals(Math.PI * 4 * 10, p.volumeUm3(), 1e-12);
        assertEquals(5 / (Math.PI * 4), p.loadInPerUm(), 1e-15);
        assertEquals(5 / (Math.PI * 4), p.loadOutPerUm(), 1e-15);
    }

    @Test
    void aConeHasTheFrustumFormulas() {
        double[][] pts = {{0, 0, 0, 1}, {0, 3, 4, 3}}; // L = 5, r from 1 to 3
        FrustumGeometry.Piece p = FrustumGeometry.piece(pts, 1);
        assertEquals(Math.PI * 4 * Math.sqrt(4 + 25), p.areaUm2(), 1e-12);
        assertEquals(Math.PI / 3 * 5 * (1 + 3 + 9), p.volumeUm3(), 1e-12);
        // Halves: 2.5 µm from r 1 to 2, then r 2 to 3; load L/(π r_a r_b).
        assertEquals(2.5 / (Math.PI * 1 * 2), p.loadInPerUm(), 1e-14);
        assertEquals(2.5 / (Math.PI * 2 * 3), p.loadOutPerUm(), 1e-14);
        assertEquals(2.0, p.radiusUm(), 1e-15);
    }

    @Test
    void aSinglePointIsAFractionOfASphere() {
        FrustumGeometry.Piece p = FrustumGeometry.piece(new double[][] {{0, 0, 0, 3}}, 2);
        assertEquals(4 * Math.PI * 9 / 2, p.areaUm2(), 1e-12);
        assertEquals(4.0 / 3 * Math.PI * 27 / 2, p.volumeUm3(), 1e-12);
        assertEquals(1.5 / (Math.PI * 9), p.loadInPerUm(), 1e-15);
    }

    @Test
    void splitInsertsInterpolatedCutPoints() {
        double[][] pts = {{0, 0, 0, 1}, {1, 0, 0, 1}, {4, 0, 0, 4}};
        List<double[][]> parts = FrustumGeometry.splitEqualLength(pts, 2);
        assertEquals(2, parts.size());
        double[][] first = parts.get(0);
        double[][] second = parts.get(1);
        assertEquals(3, first.length); // start, the original point at x=1, cut at x=2
        assertEquals(2.0, first[2][0], 1e-15);
        assertEquals(2.0, first[2][3], 1e-15); // radius interpolated between 1 (x=1) and 4 (x=4)
        assertEquals(2, second.length);
        assertEquals(4.0, second[1][0], 1e-15);
    }

    @Test
    void numpySumOrderIsPairwise() {
        double[] a = new double[10];
        a[0] = 1.0;
        for (int i = 1; i < 10; i++) {
            a[i] = 1e-16;
        }
        // NumPy: ((a0+a1)+(a2+a3))+((a4+a5)+(a6+a7)), then +a8, +a9 — not left to right.
        double pairwise = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])) + a[8] + a[9];
        assertEquals(pairwise, NumpySum.sum(a), 0.0);
    }
}
