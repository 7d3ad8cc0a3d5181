package org.huxley.fit;

import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;

/**
 * Limited-memory BFGS with a weak-Wolfe line search, per start. Each line-search trial is one
 * evaluation, so in a multi-start fit the trials of all starts share one engine batch per round:
 * starts that accept a step and starts that back off advance together.
 *
 * <p>Direction: the two-loop recursion over the last {@code memory} pairs (s, y) with
 * H₀ = (sᵀy / yᵀy)·I; pairs with sᵀy ≤ 1e-12·‖s‖‖y‖ are skipped. Line search along d from x:
 * the first trial is α = 1 (steepest-descent steps: the step whose largest entry is
 * {@code firstStep}), every trial capped so that max|α·d| ≤ {@code maxStep}; Armijo with
 * c₁ = 1e-4 and curvature gᵀd ≥ c₂·g₀ᵀd (c₂ = 0.9): too long a step (or a non-finite loss, i.e.
 * a diverging simulation) is cut by quadratic interpolation (or bisection inside a bracket), too
 * short a step is doubled. After {@code maxLineSearch} trials the best Armijo point is taken; if
 * there is none the memory is dropped and steepest descent retried; if that fails too the start
 * has {@link Stepper#stalled() stalled} (it is at a minimum to working precision).
 */
public final class Lbfgs implements Optimizer {
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private final int memory;
    private final int maxLineSearch;
    private final double firstStep;
    private final double maxStep;

    /** memory 10, 20 trials per line search, first step 0.1, largest step 1 (in x units). */
    public Lbfgs() {
        this(10, 20, 0.1, 1.0);
    }

    /**
     * L-BFGS with every setting given.
     *
     * @param memory number of (s, y) pairs kept
     * @param maxLineSearch trials per line search before giving up on it
     * @param firstStep largest entry of a steepest-descent step (the first step, and after resets)
     * @param maxStep largest entry of any step
     */
    public Lbfgs(int memory, int maxLineSearch, double firstStep, double maxStep) {
        if (memory < 1 || maxLineSearch < 1 || !(firstStep > 0) || !(maxStep > 0) || firstStep > maxStep) {
            throw new ModelException("L-BFGS needs memory >= 1, maxLineSearch >= 1 and 0 < firstStep <= maxStep; got "
                    + memory + ", " + maxLineSearch + ", " + firstStep + ", " + maxStep);
        }
        this.memory = memory;
        this.maxLineSearch = maxLineSearch;
        this.firstStep = firstStep;
        this.maxStep = maxStep;
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    @Override
    public boolean firstOrder() {
        return false;
    }

    @Override
    public Stepper start(double[] x0, ParameterGroups groups) {
        return new LbfgsStepper(x0.clone());
    }

    @Override
    public Stepper restore(OptimizerState s, ParameterGroups groups) {
        s.requireOptimizer(name());
        return new LbfgsStepper(s);
    }

    private final class LbfgsStepper implements Stepper {
        private final int n;
        private double[] x;
        private double f = Double.NaN;
        private double[] g;
        private final List<double[]> ss = new ArrayList<>();
        private final List<double[]> ys = new ArrayList<>();
        private double[] d;
        private double alpha;
        private double dg0;
        private boolean started;
        private int trials;
        private boolean hasLo;
        private double loAlpha;
        private double loF;
        private double[] loG;
        private boolean hasHi;
        private double hiAlpha;
        private int iterations;
        private boolean stalled;
        private boolean failed;
        private boolean steepest;

        LbfgsStepper(double[] x0) {
            this.n = x0.length;
            this.x = x0;
        }

        LbfgsStepper(OptimizerState s) {
            this.x = s.array("x");
            this.n = x.length;
            this.f = s.scalar("f");
            this.started = s.flag("started");
            if (started) {
                this.g = s.array("g");
                this.d = s.array("d");
            }
            int k = s.integer("pairs");
            double[] sf = s.array("s");
            double[] yf = s.array("y");
            for (int i = 0; i < k; i++) {
                ss.add(java.util.Arrays.copyOfRange(sf, i * n, (i + 1) * n));
                ys.add(java.util.Arrays.copyOfRange(yf, i * n, (i + 1) * n));
            }
            this.alpha = s.scalar("alpha");
            this.dg0 = s.scalar("dg0");
            this.trials = s.integer("trials");
            this.hasLo = s.flag("hasLo");
            this.loAlpha = s.scalar("loAlpha");
            this.loF = s.scalar("loF");
            if (hasLo) {
                this.loG = s.array("loG");
            }
            this.hasHi = s.flag("hasHi");
            this.hiAlpha = s.scalar("hiAlpha");
            this.iterations = s.integer("iterations");
            this.stalled = s.flag("stalled");
            this.failed = s.flag("failed");
            this.steepest = s.flag("steepest");
        }

        @Override
        public double[] point() {
            return started ? Vectors.axpy(x, alpha, d) : x.clone();
        }

        @Override
        public void tell(double loss, double[] grad) {
            if (stalled || failed) {
                return;
            }
            boolean finite = Double.isFinite(loss) && Vectors.allFinite(grad);
            if (!started) {
                if (!finite) {
                    failed = true;
                    return;
                }
                f = loss;
                g = grad.clone();
                started = true;
                newDirection();
                return;
            }
            trials++;
            if (finite && loss <= f + C1 * alpha * dg0) {
                double dg = Vectors.dot(grad, d);
                if (dg >= C2 * dg0) {
                    accept(alpha, loss, grad);
                    return;
                }
                if (!hasLo || loss < loF) {
                    hasLo = true;
                    loAlpha = alpha;
                    loF = loss;
                    loG = grad.clone();
                }
                if (trials >= maxLineSearch) {
                    accept(loAlpha, loF, loG);
                    return;
                }
                if (hasHi) {
                    alpha = 0.5 * (alpha + hiAlpha);
                } else {
                    double cap = maxStep / Vectors.maxAbs(d);
                    if (alpha >= cap) {
                        accept(loAlpha, loF, loG);
                        return;
                    }
                    alpha = Math.min(2 * alpha, cap);
                }
                return;
            }
            // too long (Armijo fails) or the simulation diverged
            hasHi = true;
            hiAlpha = alpha;
            if (trials >= maxLineSearch) {
                if (hasLo) {
                    accept(loAlpha, loF, loG);
                } else {
                    lineSearchFailed();
                }
                return;
            }
            if (hasLo) {
                alpha = 0.5 * (loAlpha + hiAlpha);
            } else if (finite) {
                double denom = 2 * (loss - f - dg0 * alpha);
                double q = denom > 0 ? -dg0 * alpha * alpha / denom : 0.5 * alpha;
                alpha = Math.max(0.1 * alpha, Math.min(0.5 * alpha, q));
            } else {
                alpha *= 0.25;
            }
            if (alpha * Vectors.maxAbs(d) <= 1e-14 * (1 + Vectors.maxAbs(x))) {
                lineSearchFailed();
            }
        }

        private void lineSearchFailed() {
            if (!steepest) {
                ss.clear();
                ys.clear();
                newDirection();
            } else {
                stalled = true;
            }
        }

        private void accept(double a, double loss, double[] grad) {
            double[] xNew = Vectors.axpy(x, a, d);
            double[] s = Vectors.sub(xNew, x);
            double[] y = Vectors.sub(grad, g);
            double sy = Vectors.dot(s, y);
            if (sy > 1e-12 * Vectors.norm(s) * Vectors.norm(y)) {
                ss.add(s);
                ys.add(y);
                if (ss.size() > memory) {
                    ss.remove(0);
                    ys.remove(0);
                }
            }
            x = xNew;
            f = loss;
            g = grad.clone();
            iterations++;
            newDirection();
        }

        /** d = −H·g by the two-loop recursion; steepest descent when there is no memory or no descent. */
        private void newDirection() {
            trials = 0;
            hasLo = false;
            hasHi = false;
            loG = null;
            int k = ss.size();
            double[] q = g.clone();
            steepest = k == 0;
            if (k > 0) {
                double[] a = new double[k];
                for (int i = k - 1; i >= 0; i--) {
                    double rho = 1.0 / Vectors.dot(ys.get(i), ss.get(i));
                    a[i] = rho * Vectors.dot(ss.get(i), q);
                    double[] yi = ys.get(i);
                    for (int j = 0; j < n; j++) {
                        q[j] -= a[i] * yi[j];
                    }
                }
                double[] sl = ss.get(k - 1);
                double[] yl = ys.get(k - 1);
                double gamma = Vectors.dot(sl, yl) / Vectors.dot(yl, yl);
                for (int j = 0; j < n; j++) {
                    q[j] *= gamma;
                }
                for (int i = 0; i < k; i++) {
                    double rho = 1.0 / Vectors.dot(ys.get(i), ss.get(i));
                    double b = rho * Vectors.dot(ys.get(i), q);
                    double[] si = ss.get(i);
                    for (int j = 0; j < n; j++) {
                        q[j] += (a[i] - b) * si[j];
                    }
                }
            }
            d = new double[n];
            for (int j = 0; j < n; j++) {
                d[j] = -q[j];
            }
            dg0 = Vectors.dot(g, d);
            if (!(dg0 < 0) && !steepest) {
                ss.clear();
                ys.clear();
                newDirection();
                return;
            }
            double dmax = Vectors.maxAbs(d);
            if (!(dmax > 0)) {
                stalled = true; // zero gradient: at a stationary point
                alpha = 0;
                return;
            }
            alpha = steepest ? firstStep / dmax : Math.min(1.0, maxStep / dmax);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double loss() {
            return f;
        }

        @Override
        public double gradientNorm() {
            return g == null ? Double.NaN : Vectors.norm(g);
        }

        @Override
        public int iterations() {
            return iterations;
        }

        @Override
        public boolean stalled() {
            return stalled;
        }

        @Override
        public boolean failed() {
            return failed;
        }

        @Override
        public OptimizerState save() {
            double[] sf = new double[ss.size() * n];
            double[] yf = new double[ys.size() * n];
            for (int i = 0; i < ss.size(); i++) {
                System.arraycopy(ss.get(i), 0, sf, i * n, n);
                System.arraycopy(ys.get(i), 0, yf, i * n, n);
            }
            OptimizerState.Builder b = OptimizerState.builder(name()).put("x", x).put("f", f).put("started", started);
            if (started) {
                b.put("g", g).put("d", d);
            }
            b.put("pairs", ss.size()).put("s", sf).put("y", yf).put("alpha", alpha).put("dg0", dg0)
                    .put("trials", trials).put("hasLo", hasLo).put("loAlpha", loAlpha).put("loF", loF);
            if (hasLo) {
                b.put("loG", loG);
            }
            return b.put("hasHi", hasHi).put("hiAlpha", hiAlpha).put("iterations", iterations)
                    .put("stalled", stalled).put("failed", failed).put("steepest", steepest).build();
        }
    }
}
