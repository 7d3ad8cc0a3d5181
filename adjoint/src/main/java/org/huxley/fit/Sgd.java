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

    /**
     * Constant rate, momentum μ (0 for plain gradient descent), no clipping.
     *
     * @param learningRate the constant learning rate
     * @param momentum the momentum coefficient
     */
    public Sgd(double learningRate, double momentum) {
        this(LearningRateSchedule.constant(learningRate), momentum, false, GradientClipping.none());
    }

    /**
     * SGD with every setting given.
     *
     * @param rate the learning-rate schedule
     * @param momentum the momentum coefficient
     * @param nesterov whether to use Nesterov momentum
     * @param clipping gradient clipping
     */
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

    /**
     * {@return a copy with another gradient clipping}
     *
     * @param clip the clipping
     */
    public Sgd withClipping(GradientClipping clip) {
        return new Sgd(rate, momentum, nesterov, clip);
    }

    /**
     * {@return a copy with Nesterov momentum on or off}
     *
     * @param on true for Nesterov momentum
     */
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

    private final class SgdStepper extends FirstOrderStepper {
        private final double[] u;

        SgdStepper(double[] x, double[] u, int t, double loss, double gnorm, boolean failed) {
            super(x, clipping, rate, t, loss, gnorm, failed);
            this.u = u;
        }

        @Override
        void update(double[] g, double lr, int t) {
            for (int i = 0; i < x.length; i++) {
                u[i] = momentum * u[i] + g[i];
                x[i] -= lr * (nesterov ? g[i] + momentum * u[i] : u[i]);
            }
        }

        @Override
        OptimizerState.Builder saveExtra(OptimizerState.Builder b) {
            return b.put("u", u);
        }

        @Override
        String optimizerName() {
            return name();
        }
    }
}
