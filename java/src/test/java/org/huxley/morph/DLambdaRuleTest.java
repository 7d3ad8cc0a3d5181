package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.huxley.model.Cell;
import org.junit.jupiter.api.Test;

/**
 * NEURON's d_lambda rule on morph_ca1_n120.swc, checked for three branches against a computation
 * done here from the SWC rows, independently of the reader.
 */
class DLambdaRuleTest {
    /** f = 100 Hz, d_lambda = 0.1, Ra = 100 Ω·cm, cm = 1 µF/cm². */
    static final DLambdaRule RULE = new DLambdaRule(100.0, 0.1, 100.0, 1.0);

    /**
     * A terminal branch: from a branch point (first) to a tip (last), one type id throughout.
     * Hand computation with λ_f = 1e5·sqrt(d/(4π·100·100·1)) µm and
     * nseg = 1 + 2·floor((L/(0.1·λ_f) + 0.9)/2):
     * <ul>
     *   <li>388 → 414 (5 points): L = 7.7676 µm, d = 0.4800 µm, λ_f = 195.44 µm,
     *       L/(0.1 λ_f) = 0.397 → floor(1.297/2) = 0 → nseg 1
     *   <li>512 → 543 (12 points): L = 45.3457 µm, d = 0.4800 µm, λ_f = 195.44 µm,
     *       2.320 → floor(3.220/2) = 1 → nseg 3
     *   <li>645 → 697 (53 points): L = 314.180 µm, d = 0.6055 µm, λ_f = 219.51 µm,
     *       14.313 → floor(15.213/2) = 7 → nseg 15
     * </ul>
     */
    record Expected(int first, int tip, double lengthUm, double diameterUm, int nseg) {
    }

    static final List<Expected> BRANCHES = List.of(
            new Expected(388, 414, 7.7676, 0.4800, 1),
            new Expected(512, 543, 45.3457, 0.4800, 3),
            new Expected(645, 697, 314.1802, 0.6055, 15));

    @Test
    void compartmentCountsMatchAHandComputationForThreeBranches() {
        SwcMorphology m = Morphologies.read("morph_ca1_n120.swc", SwcOptions.builder().dLambda(RULE).build());
        Map<Integer, double[]> rows = new HashMap<>();
        for (double[] r : Morphologies.rows("morph_ca1_n120.swc")) {
            rows.put((int) r[0], r);
        }
        for (Expected e : BRANCHES) {
            // The branch's points, walked from the tip up the parent links to the branch point.
            List<double[]> pts = new ArrayList<>();
            for (int i = e.tip(); ; i = (int) rows.get(i)[6]) {
                pts.add(rows.get(i));
                if (i == e.first()) {
                    break;
                }
            }
            double length = 0;
            double radiusTimesLength = 0;
            for (int k = 0; k + 1 < pts.size(); k++) {
                double[] a = pts.get(k);
                double[] b = pts.get(k + 1);
                double l = Math.sqrt(Math.pow(a[2] - b[2], 2) + Math.pow(a[3] - b[3], 2) + Math.pow(a[4] - b[4], 2));
                length += l;
                radiusTimesLength += l * (a[5] + b[5]) / 2; // radius linear along the segment
            }
            double diameter = 2 * radiusTimesLength / length;
            double lambda = 1e5 * Math.sqrt(diameter / (4 * Math.PI * 100.0 * 100.0 * 1.0));
            int nseg = 1 + 2 * (int) Math.floor((length / (0.1 * lambda) + 0.9) / 2);
            assertEquals(e.lengthUm(), length, 1e-4, "hand-computed length of " + e);
            assertEquals(e.diameterUm(), diameter, 1e-4, "hand-computed diameter of " + e);
            assertEquals(e.nseg(), nseg, "hand-computed nseg of " + e);

            int b = branchWithPoints(m, e.first(), e.tip(), pts.size());
            assertEquals(e.nseg(), m.branches().get(b).ncomp(), "reader's compartment count for " + e);
            assertEquals(e.nseg(), m.cell().numComps(0, b), "cell's compartment count for " + e);
            assertEquals(length, m.branches().get(b).lengthUm(), 1e-9, "reader's length for " + e);
        }
    }

    @Test
    void everyBranchGetsAnOddCountAndTheCellCompiles() {
        SwcMorphology m = Morphologies.read("morph_ca1_n120.swc", SwcOptions.builder().dLambda(RULE).build());
        Cell cell = m.cell();
        int distinct = (int) m.branches().stream().mapToInt(SwcBranch::ncomp).distinct().count();
        assertTrue(distinct >= 3, "counts should vary between branches, got " + distinct + " distinct values");
        for (SwcBranch b : m.branches()) {
            assertEquals(1, b.ncomp() % 2, "d_lambda counts are odd: " + b);
        }
        cell.insert(org.huxley.mech.builtin.HH.MECHANISM);
        cell.branch(0).loc(0.0).record();
        int total = m.branches().stream().mapToInt(SwcBranch::ncomp).sum();
        assertEquals(total, cell.compile().numCompartments());
    }

    @Test
    void lambdaFollowsTheFormula() {
        // d = 1 µm, f = 100 Hz, Ra = 100 Ω·cm, cm = 1 µF/cm²: 1e5·sqrt(1/(4π·1e4)) = 282.09 µm.
        assertEquals(282.0948, RULE.lambdaUm(1.0), 1e-4);
        assertEquals(1, RULE.count(0.1, 1.0));
        assertEquals(3, RULE.count(0.1 * 282.0948 * 1.2, 1.0)); // 1.2 + 0.9 = 2.1 → floor(1.05) = 1
    }

    private static int branchWithPoints(SwcMorphology m, int first, int tip, int npoints) {
        for (int b = 0; b < m.branches().size(); b++) {
            List<Integer> idx = m.branches().get(b).swcIndices();
            int a = idx.get(0);
            int z = idx.get(idx.size() - 1);
            if (idx.size() == npoints && ((a == first && z == tip) || (a == tip && z == first))) {
                return b;
            }
        }
        throw new AssertionError("no branch from point " + first + " to point " + tip);
    }
}
