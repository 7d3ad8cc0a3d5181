package org.huxley.fit;

import org.huxley.ModelException;

/**
 * Gradient descent with (optionally Nesterov) momentum: u ← μu + g, x ← x − η_t·u (Nesterov:
 * x ← x − η_t·(g + μu)). The gradient is clipped first if configured. A non-finite loss or gradient
 * marks the start failed (diverged).
 */
public final class Sgd implements Optimizer {
    private final LearningRateSchedule rate;
    private final double momentum;
    private final boolean nesterov;
    private final GradientClipping clipping;

    /** Constant rate, momentum μ (0 for plain gradient descent), no clipping. */
    public Sgd(double learningRate, double momentum) {
        this(LearningRateSchedule.constant(learningRate), momentum, false, GradientClipping.none());
    }

    public Sgd(LearningRateSchedule rate, double momentum, boolean nesterov, GradientClipping clipping) {
        if (rate == null || clipping == null) {
            throw new ModelException("SGD needs a learning-rate schedule and a clipping rule (GradientClipping.none())");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new ModelException("SGD momentum must be in [0, 1), got " + momentum);
        }
        this.rate = rate;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.clipping = clipping;
    }

    public Sgd withClipping(GradientClipping clip) {
        return new Sgd(rate, momentum, nesterov, clip);
    }

    public Sgd withNesterov(boolean on) {
        return new Sgd(rate, momentum, on, clipping);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public boolean firstOrder() {
        return true;
    }

    @Override
    public Stepper start(double[] x0, ParameterGroups groups) {
        return new SgdStepper(x0.clone(), new double[x0.length], 0, Double.NaN, Double.NaN, false);
    }

    @Override
    public Stepper restore(OptimizerState s, ParameterGroups groups) {
        s.requireOptimizer(name());
        return new SgdStepper(s.array("x"), s.array("u"), s.integer("t"), s.scalar("loss"), s.scalar("gradientNorm"),
                s.flag("failed"));
    }

    private final class SgdStepper implements Stepper {
        private final double[] x;
        private final double[] u;
        private int t;
        private double loss;
        private double gnorm;
        private boolean failed;

        SgdStepper(double[] x, double[] u, int t, double loss, double gnorm, boolean failed) {
            this.x = x;
            this.u = u;
            this.t = t;
            this.loss = loss;
            this.gnorm = gnorm;
            this.failed = failed;
        }

        @Override
        public double[] point() {
            return x.clone();
        }

        @Override
        public void tell(double f, double[] gradient) {
            if (failed) {
                return;
            }
            if (!Double.isFinite(f) || !Vectors.allFinite(gradient)) {
                failed = true;
                return;
            }
            loss = f;
            gnorm = Vectors.norm(gradient);
            double[] g = clipping.apply(gradient);
            double lr = rate.at(t);
            t++;
            for (int i = 0; i < x.length; i++) {
                u[i] = momentum * u[i] + g[i];
                x[i] -= lr * (nesterov ? g[i] + momentum * u[i] : u[i]);
            }
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double loss() {
            return loss;
        }

        @Override
        public double gradientNorm() {
            return gnorm;
        }

        @Override
        public int iterations() {
            return t;
        }

        @Override
        public boolean stalled() {
            return false;
        }

        @Override
        public boolean failed() {
            return failed;
        }

        @Override
        public OptimizerState save() {
            return OptimizerState.builder(name()).put("x", x).put("u", u).put("t", t).put("loss", loss)
                    .put("gradientNorm", gnorm).put("failed", failed).build();
        }
    }
}
