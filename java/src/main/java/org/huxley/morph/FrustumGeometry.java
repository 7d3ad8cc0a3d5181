package org.huxley.morph;

import java.util.ArrayList;
import java.util.List;

/**
 * Compartment geometry from traced SWC points, as Jaxley computes it (reference-numerics §9 steps
 * 5–6). A polyline is a list of points {@code {x, y, z, r}} in µm. Each consecutive pair is a
 * frustum (truncated cone) of length L (Euclidean distance of the centres) and end radii r_a, r_b.
 */
final class FrustumGeometry {
    /** Below this distance, µm, a segment counts as 1e−14 long when locating a cut (avoids 0/0). */
    private static final double TINY_SEGMENT_UM = 1e-14;

    private FrustumGeometry() {
    }

    /**
     * Geometry of one compartment.
     *
     * @param radiusUm length-weighted mean radius, µm (each point weighted by the lengths of its
     *     adjacent segments); NaN if the piece has no length
     * @param areaUm2 lateral frustum area Σ π(r_a + r_b)·sqrt((r_b − r_a)² + L²), µm²
     * @param volumeUm3 Σ (π/3)·L·(r_a² + r_a·r_b + r_b²), µm³
     * @param loadInPerUm resistive load (1/π)∫dl/r² of the first half (traversal order), 1/µm
     * @param loadOutPerUm resistive load of the second half, 1/µm
     */
    record Piece(double radiusUm, double areaUm2, double volumeUm3, double loadInPerUm, double loadOutPerUm) {
    }

    /** Lengths of the segments between consecutive points, µm (NumPy's norm: sqrt((dx² + dy²) + dz²)). */
    static double[] segmentLengths(double[][] pts) {
        double[] l = new double[pts.length - 1];
        for (int k = 0; k < l.length; k++) {
            double dx = pts[k + 1][0] - pts[k][0];
            double dy = pts[k + 1][1] - pts[k][1];
            double dz = pts[k + 1][2] - pts[k][2];
            l[k] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return l;
    }

    /**
     * Splits a polyline into {@code pieces} parts of equal 3-D path length, inserting linearly
     * interpolated points (x, y, z and r) at the cuts; the cut point ends one part and starts the
     * next. A single point is returned {@code pieces} times.
     */
    static List<double[][]> splitEqualLength(double[][] pts, int pieces) {
        List<double[][]> out = new ArrayList<>(pieces);
        int n = pts.length;
        if (n == 1) {
            for (int i = 0; i < pieces; i++) {
                out.add(pts);
            }
            return out;
        }
        double[] dist = segmentLengths(pts);
        double[] cum = new double[n];
        for (int k = 0; k < n - 1; k++) {
            cum[k + 1] = cum[k] + dist[k];
        }
        double total = cum[n - 1];
        double step = total / pieces;
        double[] target = new double[pieces + 1];
        for (int k = 0; k < pieces; k++) {
            target[k] = k * step;
        }
        target[pieces] = total;
        double[][] cut = new double[pieces + 1][];
        for (int k = 0; k <= pieces; k++) {
            int idx = lastAtMost(cum, target[k]);
            idx = Math.max(0, Math.min(idx, n - 2));
            double local = target[k] - cum[idx];
            double seg = dist[idx] < TINY_SEGMENT_UM ? TINY_SEGMENT_UM : dist[idx];
            double frac = local / seg;
            double[] a = pts[idx];
            double[] b = pts[idx + 1];
            cut[k] = new double[] {a[0] + frac * (b[0] - a[0]), a[1] + frac * (b[1] - a[1]),
                a[2] + frac * (b[2] - a[2]), a[3] + frac * (b[3] - a[3])};
        }
        int from = 0;
        for (int i = 1; i <= pieces; i++) {
            List<double[]> part = new ArrayList<>();
            part.add(cut[i - 1]);
            while (from < n && cum[from] <= target[i - 1]) {
                from++;
            }
            int k = from;
            while (k < n && cum[k] < target[i]) {
                part.add(pts[k]);
                k++;
            }
            part.add(cut[i]);
            out.add(part.toArray(new double[0][]));
        }
        return out;
    }

    /** numpy.searchsorted(cum, t, side="right") − 1: the last index with cum[index] ≤ t (−1 if none). */
    private static int lastAtMost(double[] cum, double t) {
        int lo = 0;
        int hi = cum.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * Radius, area, volume and the two half loads of one compartment from its points.
     *
     * @param ncomp compartments in the branch; used only for a single-point piece, which is treated
     *     as 1/ncomp of a sphere: area 4πr²/ncomp, volume (4/3)πr³/ncomp, both loads (r/ncomp)/(πr²)
     */
    static Piece piece(double[][] pts, int ncomp) {
        if (pts.length == 1) {
            double r = pts[0][3];
            double load = (r / ncomp) / (r * r) / Math.PI;
            return new Piece(r, 4 * Math.PI * (r * r) / ncomp, 4.0 / 3.0 * Math.PI * Math.pow(r, 3) / ncomp, load, load);
        }
        double[] len = segmentLengths(pts);
        List<double[][]> halves = splitEqualLength(pts, 2);
        return new Piece(meanRadius(len, pts), area(len, pts), volume(len, pts), load(halves.get(0)),
                load(halves.get(1)));
    }

    /** Σ_k r_k·w_k / Σ w with w_k = (length of segment k−1) + (length of segment k). */
    static double meanRadius(double[] len, double[][] pts) {
        int n = pts.length;
        double[] w = new double[n];
        for (int k = 0; k < n - 1; k++) {
            w[k + 1] += len[k];
        }
        for (int k = 0; k < n - 1; k++) {
            w[k] += len[k];
        }
        double total = NumpySum.sum(w);
        double[] rw = new double[n];
        for (int k = 0; k < n; k++) {
            rw[k] = pts[k][3] * (w[k] / total);
        }
        return NumpySum.sum(rw);
    }

    private static double area(double[] len, double[][] pts) {
        double[] a = new double[len.length];
        for (int k = 0; k < len.length; k++) {
            double ra = pts[k][3];
            double rb = pts[k + 1][3];
            double dr = rb - ra;
            a[k] = Math.PI * (ra + rb) * Math.sqrt(dr * dr + len[k] * len[k]);
        }
        return NumpySum.sum(a);
    }

    private static double volume(double[] len, double[][] pts) {
        double[] v = new double[len.length];
        for (int k = 0; k < len.length; k++) {
            double ra = pts[k][3];
            double rb = pts[k + 1][3];
            v[k] = (Math.PI / 3) * len[k] * (ra * ra + ra * rb + rb * rb);
        }
        return NumpySum.sum(v);
    }

    /**
     * (1/π)·Σ ∫dl/r² over frusta: L/r_a² where |r_b − r_a| ≤ 1e−8 (NumPy isclose), otherwise
     * L/(r_b − r_a)·(1/r_a − 1/r_b); both equal L/(r_a·r_b) up to rounding.
     */
    static double load(double[][] pts) {
        double[] len = segmentLengths(pts);
        double[] s = new double[len.length];
        for (int k = 0; k < len.length; k++) {
            double ra = pts[k][3];
            double rb = pts[k + 1][3];
            double dr = rb - ra;
            s[k] = Math.abs(dr) <= 1e-8 ? len[k] / (ra * ra) : len[k] / dr * (1 / ra - 1 / rb);
        }
        return NumpySum.sum(s) / Math.PI;
    }
}
