package org.huxley.morph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.huxley.model.Compartment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one traced branch into compartments (reference-numerics §9 steps 5–6): takes the branch's
 * points in traversal order, gives its first point the radius of the second when their type ids
 * differ (a parent of another type does not lend its radius), drops the first point when it is a
 * single-point soma or a somatic branch point, cuts the points into equal-length pieces and
 * measures each with {@link FrustumGeometry}. Every compartment's length is the branch's path
 * length / ncomp (a zero-length branch counts as 0.1 µm, with a warning).
 *
 * <p>Rejected, because Jaxley would fail or produce a model that cannot be simulated: a mean radius
 * of 0 without a minimum radius, and any area or resistive load that is not positive and finite
 * (from zero radii or coincident points).
 */
final class BranchCompartments {
    private static final Logger LOG = LoggerFactory.getLogger(SwcReader.class);
    /** Jaxley's threshold for a zero-length branch, µm. */
    static final double ZERO_LENGTH_UM = 1e-8;
    /** Length Jaxley gives a zero-length branch, µm. */
    static final double ZERO_LENGTH_REPLACEMENT_UM = 0.1;

    private final SwcGraph g;
    private final SwcOptions options;
    /** Compartments whose radius the minimum radius raised (across branches). */
    int clipped;
    double smallestClippedUm = Double.POSITIVE_INFINITY;
    String smallestClippedAt = "";

    BranchCompartments(SwcGraph g, SwcOptions options) {
        this.g = g;
        this.options = options;
    }

    /** One built branch: its compartments and its summary. */
    record Built(List<Compartment> compartments, SwcBranch summary) {
    }

    Built build(int index, TracedBranch tb, int parent) {
        int[] nodes = tb.nodes();
        double[][] pts = new double[nodes.length][];
        for (int k = 0; k < nodes.length; k++) {
            pts[k] = g.xyzr[nodes[k]].clone();
        }
        if (g.typeId[nodes[0]] != g.typeId[nodes[1]]) {
            pts[0][3] = pts[1][3];
        }
        if (g.dropAsFirst[nodes[0]]) {
            pts = Arrays.copyOfRange(pts, 1, pts.length);
        }
        double lengthUm = tb.lengthUm();
        if (lengthUm < ZERO_LENGTH_UM) {
            LOG.warn("{}: branch {} ({} to {}) has length {} µm; its length was set to {} µm, as Jaxley does "
                    + "(usually a one-edge neurite on a single-point soma). Only the reported length changes; "
                    + "area and resistive loads come from the points.", g.source, index, g.describe(tb.first()),
                    g.describe(tb.last()), lengthUm, ZERO_LENGTH_REPLACEMENT_UM);
            lengthUm = ZERO_LENGTH_REPLACEMENT_UM;
        }
        int ncomp = options.compartmentCount().count(lengthUm, 2 * pathMeanRadius(pts));
        List<double[][]> pieces = FrustumGeometry.splitEqualLength(pts, ncomp);
        List<Compartment> comps = new ArrayList<>(ncomp);
        for (int k = 0; k < ncomp; k++) {
            FrustumGeometry.Piece p = FrustumGeometry.piece(pieces.get(k), ncomp);
            double radius = checkedRadius(index, k, tb, p.radiusUm());
            check(index, k, tb, "area", p.areaUm2(), "µm²");
            check(index, k, tb, "resistive_load_in", p.loadInPerUm(), "1/µm");
            check(index, k, tb, "resistive_load_out", p.loadOutPerUm(), "1/µm");
            Compartment c = new Compartment();
            c.setMeasuredGeometry(lengthUm / ncomp, radius, p.areaUm2(), p.volumeUm3(), p.loadInPerUm(),
                    p.loadOutPerUm());
            comps.add(c);
        }
        List<Integer> indices = new ArrayList<>(nodes.length);
        for (int n : nodes) {
            indices.add(g.key[n]);
        }
        SwcBranch summary = new SwcBranch(indices, tb.typeId(), SwcBranch.groupOf(tb.typeId()), lengthUm, ncomp,
                parent);
        return new Built(comps, summary);
    }

    /** The mean of the piecewise-linear radius along the points, for the d_lambda rule, µm. */
    private double pathMeanRadius(double[][] pts) {
        double r;
        if (pts.length == 1) {
            r = pts[0][3];
        } else {
            r = FrustumGeometry.meanRadius(FrustumGeometry.segmentLengths(pts), pts);
            if (Double.isNaN(r)) { // all points coincide: no length to weight by
                double sum = 0;
                for (double[] p : pts) {
                    sum += p[3];
                }
                r = sum / pts.length;
            }
        }
        return options.hasMinRadius() && !(r >= options.minRadiusUm()) ? options.minRadiusUm() : r;
    }

    private double checkedRadius(int branch, int comp, TracedBranch tb, double r) {
        if (!options.hasMinRadius()) {
            if (!(r > 0)) {
                throw fail(branch, comp, tb, "mean radius " + r + " µm" + zeroRadii(tb)
                        + "; set SwcOptions minRadiusUm to read it (Jaxley asks for min_radius too)");
            }
            return r;
        }
        double min = options.minRadiusUm();
        if (r < min || Double.isNaN(r)) {
            clipped++;
            if (!(r >= smallestClippedUm)) {
                smallestClippedUm = r;
                smallestClippedAt = "branch " + branch + " comp " + comp;
            }
            return min;
        }
        return r;
    }

    private void check(int branch, int comp, TracedBranch tb, String what, double v, String unit) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw fail(branch, comp, tb, what + " = " + v + " " + unit + " (must be positive and finite)"
                    + zeroRadii(tb) + coincident(tb) + "; Jaxley would build a model that cannot be simulated "
                    + "(its min_radius changes only the reported radius, not areas or loads)");
        }
    }

    private SwcFormatException fail(int branch, int comp, TracedBranch tb, String problem) {
        int at = firstZeroRadius(tb);
        int line = at >= 0 ? g.line[at] : g.line[tb.first()];
        return new SwcFormatException(g.source, line, "branch " + branch + " (" + g.describe(tb.first()) + " to "
                + g.describe(tb.last()) + "), compartment " + comp + ": " + problem);
    }

    private boolean isCopy(int node) {
        return g.singleSoma >= 0 && node == g.size - 1;
    }

    private int firstZeroRadius(TracedBranch tb) {
        for (int n : tb.nodes()) {
            if (!isCopy(n) && g.xyzr[n][3] == 0.0) {
                return n;
            }
        }
        return -1;
    }

    private String zeroRadii(TracedBranch tb) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int n : tb.nodes()) {
            if (!isCopy(n) && g.xyzr[n][3] == 0.0) {
                if (count < 5) {
                    sb.append(count == 0 ? "" : ", ").append(g.line[n]);
                }
                count++;
            }
        }
        return count == 0 ? "" : "; radius 0 at " + count + " point(s) of this branch, on line(s) " + sb
                + (count > 5 ? ", ..." : "");
    }

    private String coincident(TracedBranch tb) {
        int[] n = tb.nodes();
        for (int k = 0; k + 1 < n.length; k++) {
            double[] a = g.xyzr[n[k]];
            double[] b = g.xyzr[n[k + 1]];
            if (!isCopy(n[k]) && a[0] == b[0] && a[1] == b[1] && a[2] == b[2]) {
                return "; points on lines " + g.line[n[k]] + " and " + g.line[n[k + 1]] + " coincide";
            }
        }
        return "";
    }
}
