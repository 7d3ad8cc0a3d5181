package org.huxley.engine.internal;

import org.huxley.model.CompartmentField;
import org.huxley.plan.Plan;

/**
 * The axial part of the implicit voltage system for one parameter set (reference-numerics §4.2,
 * §6.3), in solve-tree form: for node k with solve parent p, {@code lower[k]} = A[k][p] and
 * {@code upper[k]} = A[p][k]; {@code diagonal[k]} is the diagonal without membrane terms
 * (1 + dt·Σg for a compartment, dt·Σw for a branch point).
 */
public final class Coupling {
    public final double[] lower;
    public final double[] upper;
    public final double[] diagonal;
    /** Per link: coefficient with sink {@code linkA}, source {@code linkB} (1/ms, or weight for a branch point). */
    public final double[] linkToA;
    /** Per link: coefficient with sink {@code linkB}, source {@code linkA}. */
    public final double[] linkToB;
    /** Per link: the series resistance R_e, Ω·cm/µm (half-resistances of the compartments it joins). */
    public final double[] linkResistance;

    /** Axial conductance factor: 1/(Ω·cm/µm·µm²) → 1e7 mS/cm², divided by µF/cm² gives 1/ms. */
    public static final double AXIAL_FACTOR = 1e7;

    public Coupling(Plan plan, double[][] geometry, double dt) {
        int n = plan.numNodes();
        double[] ra = geometry[CompartmentField.AXIAL_RESISTIVITY.ordinal()];
        double[] area = geometry[CompartmentField.AREA.ordinal()];
        double[] cm = geometry[CompartmentField.CAPACITANCE.ordinal()];
        double[] in = geometry[CompartmentField.RESISTIVE_LOAD_IN.ordinal()];
        double[] out = geometry[CompartmentField.RESISTIVE_LOAD_OUT.ordinal()];
        int links = plan.numLinks();
        double[] toA = new double[links]; // coefficient with sink a, source b
        double[] toB = new double[links]; // coefficient with sink b, source a
        double[] res = new double[links];
        double[] sum = new double[n];
        for (int l = 0; l < links; l++) {
            int a = plan.linkA(l);
            int b = plan.linkB(l);
            switch (plan.linkKind(l)) {
                case COMP_TO_COMP -> {
                    double r = ra[a] * out[a] + ra[b] * in[b];
                    res[l] = r;
                    toB[l] = AXIAL_FACTOR / (r * area[b] * cm[b]);
                    toA[l] = AXIAL_FACTOR / (r * area[a] * cm[a]);
                }
                case BRANCHPOINT_TO_PARENT_END -> {
                    double h = ra[b] * out[b];
                    res[l] = h;
                    toB[l] = AXIAL_FACTOR / (h * area[b] * cm[b]);
                    toA[l] = 1.0 / h;
                }
                case BRANCHPOINT_TO_CHILD_START -> {
                    double h = ra[b] * in[b];
                    res[l] = h;
                    toB[l] = AXIAL_FACTOR / (h * area[b] * cm[b]);
                    toA[l] = 1.0 / h;
                }
            }
            sum[a] += toA[l];
            sum[b] += toB[l];
        }
        linkToA = toA;
        linkToB = toB;
        linkResistance = res;
        diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = plan.isBranchPoint(i) ? dt * sum[i] : 1.0 + dt * sum[i];
        }
        lower = new double[n];
        upper = new double[n];
        int[] parent = plan.solveParent();
        int[] parentLink = plan.solveParentLink();
        for (int k = 0; k < n; k++) {
            int p = parent[k];
            if (p < 0) {
                continue;
            }
            int l = parentLink[k];
            boolean kIsA = plan.linkA(l) == k;
            double intoK = kIsA ? toA[l] : toB[l];
            double intoP = kIsA ? toB[l] : toA[l];
            lower[k] = -dt * intoK;
            upper[k] = -dt * intoP;
        }
    }
}
