package org.huxley.fit;

import java.util.function.ToDoubleFunction;

/** Analytic test objectives (batched trivially, row by row). */
final class Analytic {
    private Analytic() {
    }

    /** A loss with its gradient, one point at a time. */
    interface Function {
        double value(double[] x, double[] gradOut);
    }

    static BatchObjective of(int n, Function f) {
        return new BatchObjective() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public Evaluation evaluate(double[][] x) {
                double[] l = new double[x.length];
                double[][] g = new double[x.length][];
                for (int k = 0; k < x.length; k++) {
                    double[] gk = new double[n];
                    l[k] = f.value(x[k], gk);
                    boolean ok = Double.isFinite(l[k]);
                    for (double v : gk) {
                        ok &= Double.isFinite(v);
                    }
                    g[k] = ok ? gk : null;
                    if (!ok) {
                        l[k] = Double.NaN;
                    }
                }
                return new Evaluation(l, g);
            }
        };
    }

    /** Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²; minimum 0 at (1, …, 1). */
    static double rosenbrock(double[] x, double[] g) {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    /** ½ Σ c_i (x_i − i)², an ill-conditioned quadratic with minimum at x_i = i. */
    static Function quadratic(double[] c) {
        return (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - i;
                f += 0.5 * c[i] * d * d;
                g[i] = c[i] * d;
            }
            return f;
        };
    }

    static ToDoubleFunction<double[]> valueOf(Function f, int n) {
        return x -> f.value(x, new double[n]);
    }
}
