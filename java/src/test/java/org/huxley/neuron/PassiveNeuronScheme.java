package org.huxley.neuron;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, literal implementation of NEURON's fixed-step scheme for passive ({@code pas})
 * models, from the conventions of models.json: a node at every segment centre (area πdL/nseg, cm,
 * pas), a zero-area node at every section's x = 1 and at each root's x = 0, half-segment axial
 * resistances between neighbouring nodes, a child's x = 0 being the node at parent(parent_x), IClamp
 * at mid-step, one dense backward-Euler solve per step. Units: mV, nA, MΩ, nF, µS, ms. Used to check
 * what the NEURON files do not cover (IClamps at junctions, attachments at parent(0), several cells).
 */
final class PassiveNeuronScheme {
    private final List<double[]> edges = new ArrayList<>(); // {a, b, R}
    private final List<Double> capNf = new ArrayList<>();
    private final List<Double> gUs = new ArrayList<>();
    private final List<Double> eMv = new ArrayList<>();
    private final Map<String, Integer> start = new HashMap<>();
    private final Map<String, Integer> end = new HashMap<>();
    private final Map<String, Integer> firstCentre = new HashMap<>();
    private final Map<String, NeuronSection> byName = new HashMap<>();

    PassiveNeuronScheme(List<NeuronSection> sections) {
        for (NeuronSection s : sections) {
            byName.put(s.name(), s);
            double area = Math.PI * s.diamUm() * s.segmentLengthUm();
            double rHalf = s.halfSegmentResistanceMOhm();
            int from = s.parent() == null ? node(0, 0, 0) : nodeAt(s.parent(), s.parentX());
            start.put(s.name(), from);
            Map<String, Double> pas = s.mechanisms().get("pas");
            for (int k = 0; k < s.nseg(); k++) {
                int c = node(s.cmUfPerCm2() * area * 1e-5, pas.get("g") * area * 1e-2, pas.get("e"));
                if (k == 0) {
                    firstCentre.put(s.name(), c);
                }
                edges.add(new double[] {from, c, k == 0 ? rHalf : 2 * rHalf});
                from = c;
            }
            int e = node(0, 0, 0);
            end.put(s.name(), e);
            edges.add(new double[] {from, e, rHalf});
        }
    }

    private int node(double c, double g, double e) {
        capNf.add(c);
        gUs.add(g);
        eMv.add(e);
        return capNf.size() - 1;
    }

    /** The node at section(x), NEURON's rule. */
    int nodeAt(String section, double x) {
        NeuronSection s = byName.get(section);
        if (x == 0.0) {
            return start.get(section);
        }
        if (x == 1.0) {
            return end.get(section);
        }
        return firstCentre.get(section) + Math.min((int) Math.floor(x * s.nseg()), s.nseg() - 1);
    }

    /** v[site][sample] for every record_stride-th step, sample 0 = v_init. */
    double[][] run(NeuronModel m) {
        int n = capNf.size();
        NeuronSimulation sim = m.simulation();
        double dt = sim.dtMs();
        double[] v = new double[n];
        java.util.Arrays.fill(v, sim.vInitMv());
        int steps = sim.steps();
        int samples = steps / m.recordStride() + 1;
        double[][] out = new double[m.recordSites().size()][samples];
        int[] rec = m.recordSites().stream().mapToInt(l -> nodeAt(l.section(), l.x())).toArray();
        record(out, rec, v, 0);
        for (int step = 0; step < steps; step++) {
            double[][] a = new double[n][n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i][i] = capNf.get(i) / dt + gUs.get(i);
                b[i] = capNf.get(i) / dt * v[i] + gUs.get(i) * eMv.get(i);
            }
            for (double[] e : edges) {
                int p = (int) e[0];
                int q = (int) e[1];
                double g = 1.0 / e[2];
                a[p][p] += g;
                a[q][q] += g;
                a[p][q] -= g;
                a[q][p] -= g;
            }
            for (NeuronIClamp c : m.stimuli()) {
                b[nodeAt(c.at().section(), c.at().x())] += c.currentNa((step + 0.5) * dt);
            }
            v = solve(a, b);
            if ((step + 1) % m.recordStride() == 0) {
                record(out, rec, v, (step + 1) / m.recordStride());
            }
        }
        return out;
    }

    private static void record(double[][] out, int[] rec, double[] v, int k) {
        for (int i = 0; i < rec.length; i++) {
            out[i][k] = v[rec[i]];
        }
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int k = col; k < n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
