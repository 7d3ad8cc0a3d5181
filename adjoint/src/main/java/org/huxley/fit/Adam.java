package org.huxley.fit;

import org.huxley.ModelException;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * x ← x − η_t·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The gradient is clipped first
 * (if configured); η_t comes from a {@link LearningRateSchedule}. A non-finite loss or gradient
 * marks the start failed (diverged).
 */
public final class Adam implements Optimizer {
    private final LearningRateSchedule rate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final GradientClipping clipping;

    /**
     * Constant learning rate, β = (0.9, 0.999), ε = 1e-8, no clipping.
     *
     * @param learningRate the constant learning rate
     */
    public Adam(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-8, GradientClipping.none());
    }

    /**
     * Adam with every setting given.
     *
     * @param rate the learning-rate schedule
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param epsilon the denominator's offset
     * @param clipping gradient clipping
     */
    public Adam(LearningRateSchedule rate, double beta1, double beta2, double epsilon, GradientClipping clipping) {
        if (rate == null || clipping == null) {
            throw new ModelException("Adam needs a learning-rate schedule and a clipping rule (GradientClipping.none())");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new ModelException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0, got beta1 " + beta1
                    + ", beta2 " + beta2 + ", epsilon " + epsilon);
        }
        this.rate = rate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.clipping = clipping;
    }

    /**
     * {@return a copy with another learning-rate schedule}
     *
     * @param schedule the schedule
     */
    public Adam withSchedule(LearningRateSchedule schedule) {
        return new Adam(schedule, beta1, beta2, epsilon, clipping);
    }

    /**
     * {@return a copy with another gradient clipping}
     *
     * @param clip the clipping
     */
    public Adam withClipping(GradientClipping clip) {
        return new Adam(rate, beta1, beta2, epsilon, clip);
    }

    /**
     * {@return a copy with other moment decay rates β₁, β₂}
     *
     * @param b1 β₁
     * @param b2 β₂
     */
    public Adam withBetas(double b1, double b2) {
        return new Adam(rate, b1, b2, epsilon, clipping);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public boolean firstOrder() {
        return true;
    }

    @Override
    public Stepper start(double[] x0, ParameterGroups groups) {
        return new AdamStepper(x0.clone(), new double[x0.length], new double[x0.length], 0, Double.NaN, Double.NaN,
                false);
    }

    @Override
    public Stepper restore(OptimizerState s, ParameterGroups groups) {
        s.requireOptimizer(name());
        return new AdamStepper(s.array("x"), s.array("m"), s.array("v"), s.integer("t"), s.scalar("loss"),
                s.scalar("gradientNorm"), s.flag("failed"));
    }

    private final class AdamStepper extends FirstOrderStepper {
        private final double[] m;
        private final double[] v;

        AdamStepper(double[] x, double[] m, double[] v, int t, double loss, double gnorm, boolean failed) {
            super(x, clipping, rate, t, loss, gnorm, failed);
            this.m = m;
            this.v = v;
        }

        @Override
        void update(double[] g, double lr, int t) {
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < x.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                x[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
            }
        }

        @Override
        OptimizerState.Builder saveExtra(OptimizerState.Builder b) {
            return b.put("m", m).put("v", v);
        }

        @Override
        String optimizerName() {
            return name();
        }
    }
}
