package org.huxley.adjoint;

import java.util.Locale;
import java.util.SplittableRandom;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;

/**
 * Central finite differences of a loss along a direction, as adjoint-derivation.md §10.3 asks:
 * float64, relative steps, Richardson (4·D(h/2) − D(h))/3 at h = 1e−3 and 1e−4 plus plain central
 * differences at 1e−4 and 1e−5; the best estimate is compared with ⟨g, d⟩ and the error normalised
 * by Σ|g_i·d_i| (never by |⟨g, d⟩|, which can cancel).
 *
 * <p>The loss values come from the forward engine ({@link CpuEngine}) and the loss's own
 * {@link Loss#evaluate}, not from the gradient engine, so the check does not share the code under test.
 */
final class GradientCheck {
    /** Required agreement (acceptance criterion of the adjoint issue). */
    static final double TOLERANCE = 1e-6;

    private static final double[] STEPS = {1e-3, 5e-4, 1e-4, 5e-5, 1e-5};

    private GradientCheck() {
    }

    /** What a directional check measured. */
    record Result(double adjoint, double bestEstimate, String bestName, double scale, double error,
            double[] estimates) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "<g,d> = %.12e, FD (%s) = %.12e, sum|g_i d_i| = %.3e, error %.2e "
                            + "[rich 1e-3 %.2e, rich 1e-4 %.2e, central 1e-4 %.2e, central 1e-5 %.2e]",
                    adjoint, bestName, bestEstimate, scale, error, err(0), err(1), err(2), err(3));
        }

        private double err(int i) {
            return Math.abs(adjoint - estimates[i]) / scale;
        }
    }

    /** Loss values of every set, from the forward engine and {@code loss.evaluate}. */
    static double[] losses(Plan plan, Protocol protocol, ParameterSets sets, Loss loss) {
        Recordings rec = new CpuEngine(1).run(plan, protocol, new Batch(sets));
        double[] out = new double[sets.size()];
        for (int b = 0; b < sets.size(); b++) {
            double[][] x = new double[rec.numRecordings()][];
            double[][] g = new double[rec.numRecordings()][];
            for (int r = 0; r < x.length; r++) {
                x[r] = rec.trace(b, r);
                g[r] = new double[x[r].length];
            }
            out[b] = loss.evaluate(b, x, g);
        }
        return out;
    }

    /** d_i = u_i·|θ_i| with u_i uniform in [−1, 1] (|θ_i| → 1 where θ_i = 0). */
    static double[] randomDirection(double[] theta, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[theta.length];
        for (int i = 0; i < d.length; i++) {
            double scale = theta[i] == 0.0 ? 1.0 : Math.abs(theta[i]);
            d[i] = rnd.nextDouble(-1.0, 1.0) * scale;
        }
        return d;
    }

    /** The direction of parameter i alone, scaled by |θ_i|. */
    static double[] unitDirection(double[] theta, int i) {
        double[] d = new double[theta.length];
        d[i] = theta[i] == 0.0 ? 1.0 : Math.abs(theta[i]);
        return d;
    }

    /**
     * Compares ⟨g, d⟩ with finite differences of the loss along d about θ.
     *
     * @param g the gradient at θ under test
     */
    static Result directional(Plan plan, Protocol protocol, ParameterLayout layout, double[] theta, double[] g,
            double[] d, Loss loss) {
        ParameterSets sets = layout.batch(2 * STEPS.length);
        for (int k = 0; k < STEPS.length; k++) {
            for (int p = 0; p < theta.length; p++) {
                sets.set(2 * k, p, theta[p] + STEPS[k] * d[p]);
                sets.set(2 * k + 1, p, theta[p] - STEPS[k] * d[p]);
            }
        }
        double[] l = losses(plan, protocol, sets, loss);
        double[] central = new double[STEPS.length];
        for (int k = 0; k < STEPS.length; k++) {
            central[k] = (l[2 * k] - l[2 * k + 1]) / (2 * STEPS[k]);
        }
        double[] estimates = {
            (4 * central[1] - central[0]) / 3, // Richardson, h = 1e-3
            (4 * central[3] - central[2]) / 3, // Richardson, h = 1e-4
            central[2],
            central[4],
        };
        String[] names = {"Richardson h=1e-3", "Richardson h=1e-4", "central h=1e-4", "central h=1e-5"};
        double gd = 0;
        double scale = 0;
        for (int p = 0; p < g.length; p++) {
            gd += g[p] * d[p];
            scale += Math.abs(g[p] * d[p]);
        }
        int best = 0;
        for (int k = 1; k < estimates.length; k++) {
            if (Math.abs(gd - estimates[k]) < Math.abs(gd - estimates[best])) {
                best = k;
            }
        }
        double error = Math.abs(gd - estimates[best]) / scale;
        return new Result(gd, estimates[best], names[best], scale, Double.isNaN(error) ? Double.POSITIVE_INFINITY
                : error, estimates);
    }

    /** θ of set 0 of a batch. */
    static double[] theta(ParameterSets sets) {
        return sets.row(0);
    }
}
