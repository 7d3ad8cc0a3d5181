package org.huxley.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.huxley.ModelException;

/**
 * The gradient-free baseline: CMA-ES (Hansen's (μ/μ_w, λ)-CMA-ES with rank-one and rank-μ updates
 * and cumulative step-size adaptation, default constants of "The CMA Evolution Strategy: A
 * Tutorial", 2016) on the unconstrained coordinates of a {@link BatchObjective}. Each generation's
 * λ candidates are evaluated with ONE call of {@link BatchObjective#values} (for a
 * {@link FitProblem}: one forward-only engine batch of λ × experiments sets), so loss against wall
 * time can be compared with gradient-based fits on the same problem. Non-finite losses (diverging
 * simulations) rank last. Seeded and reproducible.
 */
public final class CmaEs {
    private final double sigma0;
    private final int lambda;
    private final int maxGenerations;
    private final double maxSeconds;
    private final long seed;
    private final double targetLoss;
    private final Consumer<Generation> listener;

    private CmaEs(Builder b) {
        this.sigma0 = b.sigma0;
        this.lambda = b.lambda;
        this.maxGenerations = b.maxGenerations;
        this.maxSeconds = b.maxSeconds;
        this.seed = b.seed;
        this.targetLoss = b.targetLoss;
        this.listener = b.listener;
    }

    /** {@return settings, starting from the defaults (a seed must be set)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One generation's report.
     *
     * @param generation generations done (1 after the first)
     * @param evaluations loss evaluations so far
     * @param bestLoss lowest loss so far
     * @param sigma step size after the update
     * @param generationSeconds wall time of this generation, s
     * @param elapsedSeconds wall time so far, s
     */
    public record Generation(int generation, int evaluations, double bestLoss, double sigma, double generationSeconds,
            double elapsedSeconds) {
    }

    /**
     * The outcome of a CMA-ES run.
     *
     * @param bestX best point evaluated, unconstrained
     * @param bestValues the same as parameter values
     * @param bestLoss its loss
     * @param history one entry per generation
     * @param stopReason why it stopped
     */
    public record Result(double[] bestX, double[] bestValues, double bestLoss, List<Generation> history,
            String stopReason) {
        /**
         * Generations run.
         *
         * @return generations run
         */
        public int generations() {
            return history.size();
        }

        /** {@return wall time of the whole run, s} */
        public double elapsedSeconds() {
            return history.isEmpty() ? 0 : history.get(history.size() - 1).elapsedSeconds();
        }
    }

    /**
     * {@return population size for dimension n: 4 + ⌊3 ln n⌋}
     *
     * @param n the dimension
     */
    public static int defaultPopulation(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    /**
     * Minimises from mean {@code x0} (unconstrained coordinates).
     *
     * @param objective what to minimise (its {@code values} only)
     * @param x0 the initial mean, unconstrained
     * @return the best point and the history
     */
    public Result run(BatchObjective objective, double[] x0) {
        int n = objective.dimension();
        if (x0.length != n || !Vectors.allFinite(x0)) {
            throw new ModelException("CMA-ES needs a finite start of " + n + " values");
        }
        int lam = lambda > 0 ? lambda : defaultPopulation(n);
        int mu = lam / 2;
        double[] w = new double[mu];
        double wsum = 0;
        for (int i = 0; i < mu; i++) {
            w[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            wsum += w[i];
        }
        double w2 = 0;
        for (int i = 0; i < mu; i++) {
            w[i] /= wsum;
            w2 += w[i] * w[i];
        }
        double mueff = 1 / w2;
        double cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        double cs = (mueff + 2) / (n + mueff + 5);
        double c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        double cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        double damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        SplittableRandom rng = new SplittableRandom(seed);
        double[] mean = x0.clone();
        double sigma = sigma0;
        double[] pc = new double[n];
        double[] ps = new double[n];
        double[][] c = identity(n);
        double[][] b = identity(n);
        double[] d = new double[n];
        Arrays.fill(d, 1.0);
        double[] bestX = x0.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        List<Generation> history = new ArrayList<>();
        double elapsed = 0;
        int evals = 0;
        String reason = "generation budget (" + maxGenerations + ") reached";
        for (int gen = 0; gen < maxGenerations; gen++) {
            if (elapsed >= maxSeconds) {
                reason = "time budget (" + maxSeconds + " s) reached";
                break;
            }
            long t0 = System.nanoTime();
            double[][] z = new double[lam][n];
            double[][] y = new double[lam][n];
            double[][] x = new double[lam][n];
            for (int k = 0; k < lam; k++) {
                for (int i = 0; i < n; i++) {
                    z[k][i] = rng.nextGaussian();
                }
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += b[i][j] * d[j] * z[k][j];
                    }
                    y[k][i] = s;
                    x[k][i] = mean[i] + sigma * s;
                }
            }
            double[] f = objective.values(x);
            evals += lam;
            Integer[] order = new Integer[lam];
            for (int k = 0; k < lam; k++) {
                order[k] = k;
                if (!Double.isFinite(f[k])) {
                    f[k] = Double.POSITIVE_INFINITY;
                }
            }
            double[] ff = f;
            Arrays.sort(order, (p, q) -> Double.compare(ff[p], ff[q]));
            if (f[order[0]] < bestLoss) {
                bestLoss = f[order[0]];
                bestX = x[order[0]].clone();
            }
            double[] yw = new double[n];
            double[] zw = new double[n];
            for (int i = 0; i < mu; i++) {
                int k = order[i];
                for (int j = 0; j < n; j++) {
                    yw[j] += w[i] * y[k][j];
                    zw[j] += w[i] * z[k][j];
                }
            }
            for (int j = 0; j < n; j++) {
                mean[j] += sigma * yw[j];
            }
            // C^{-1/2}·yw = B·zw
            double[] bz = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += b[i][j] * zw[j];
                }
                bz[i] = s;
            }
            double csn = Math.sqrt(cs * (2 - cs) * mueff);
            for (int i = 0; i < n; i++) {
                ps[i] = (1 - cs) * ps[i] + csn * bz[i];
            }
            double psn = Vectors.norm(ps);
            boolean hsig = psn / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * (gen + 1))) / chiN < 1.4 + 2.0 / (n + 1);
            double ccn = Math.sqrt(cc * (2 - cc) * mueff);
            for (int i = 0; i < n; i++) {
                pc[i] = (1 - cc) * pc[i] + (hsig ? ccn * yw[i] : 0);
            }
            double dh = hsig ? 0 : c1 * cc * (2 - cc);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double rankMu = 0;
                    for (int k = 0; k < mu; k++) {
                        rankMu += w[k] * y[order[k]][i] * y[order[k]][j];
                    }
                    double v = (1 - c1 - cmu + dh) * c[i][j] + c1 * pc[i] * pc[j] + cmu * rankMu;
                    c[i][j] = v;
                    c[j][i] = v;
                }
            }
            sigma *= Math.exp((cs / damps) * (psn / chiN - 1));
            double[][] eig = new double[n][n];
            double[] ev = SymmetricEigen.decompose(c, eig);
            for (int i = 0; i < n; i++) {
                d[i] = Math.sqrt(Math.max(ev[i], 1e-300));
            }
            b = eig;
            double dt = (System.nanoTime() - t0) / 1e9;
            elapsed += dt;
            Generation g = new Generation(gen + 1, evals, bestLoss, sigma, dt, elapsed);
            history.add(g);
            if (listener != null) {
                listener.accept(g);
            }
            if (bestLoss <= targetLoss) {
                reason = "loss " + bestLoss + " <= target " + targetLoss;
                break;
            }
            if (!(sigma * Arrays.stream(d).max().orElse(0) > 1e-14)) {
                reason = "step size collapsed";
                break;
            }
        }
        return new Result(bestX, objective.toValues(bestX), bestLoss, history, reason);
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** Settings of {@link CmaEs}. */
    public static final class Builder {
        private double sigma0 = 0.5;
        private int lambda;
        private int maxGenerations = 100;
        private double maxSeconds = Double.POSITIVE_INFINITY;
        private Long seed;
        private double targetLoss = Double.NEGATIVE_INFINITY;
        private Consumer<Generation> listener;

        private Builder() {
        }

        /**
         * Initial step size in unconstrained units (default 0.5).
         *
         * @param s the step size
         * @return this builder
         */
        public Builder sigma0(double s) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new ModelException("CMA-ES initial step size must be positive, got " + s);
            }
            this.sigma0 = s;
            return this;
        }

        /**
         * Population size λ per generation (default 4 + ⌊3 ln P⌋).
         *
         * @param l λ (≥ 2)
         * @return this builder
         */
        public Builder populationSize(int l) {
            if (l < 2) {
                throw new ModelException("CMA-ES population must be >= 2, got " + l);
            }
            this.lambda = l;
            return this;
        }

        /**
         * Generation budget (default 100).
         *
         * @param g generations (≥ 1)
         * @return this builder
         */
        public Builder maxGenerations(int g) {
            if (g < 1) {
                throw new ModelException("generation budget must be >= 1, got " + g);
            }
            this.maxGenerations = g;
            return this;
        }

        /**
         * Wall-time budget, s (default none); checked before each generation.
         *
         * @param s seconds (&gt; 0)
         * @return this builder
         */
        public Builder maxSeconds(double s) {
            if (!(s > 0)) {
                throw new ModelException("time budget must be positive, got " + s);
            }
            this.maxSeconds = s;
            return this;
        }

        /**
         * The seed of the sampling (required: every random choice in Huxley takes an explicit seed).
         *
         * @param s the seed
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Stop when the best loss is at or below this value (default −∞: off).
         *
         * @param l the target
         * @return this builder
         */
        public Builder targetLoss(double l) {
            this.targetLoss = l;
            return this;
        }

        /**
         * Called after every generation.
         *
         * @param l the listener
         * @return this builder
         */
        public Builder listener(Consumer<Generation> l) {
            this.listener = l;
            return this;
        }

        /**
         * Builds the optimizer; throws {@link ModelException} if no seed was set.
         *
         * @return the optimizer
         */
        public CmaEs build() {
            if (seed == null) {
                throw new ModelException("CMA-ES needs an explicit seed: call seed(long) on the builder");
            }
            return new CmaEs(this);
        }
    }
}
