package org.huxley.fit;

/**
 * The bookkeeping shared by first-order optimizers (Adam, SGD): the point, iteration count, last
 * loss and gradient norm, the failure flag on non-finite input, clipping and the learning-rate
 * schedule. Subclasses only update the point and name their extra state.
 */
abstract class FirstOrderStepper implements Stepper {
    protected final double[] x;
    private final GradientClipping clipping;
    private final LearningRateSchedule rate;
    private int t;
    private double loss;
    private double gnorm;
    private boolean failed;

    FirstOrderStepper(double[] x, GradientClipping clipping, LearningRateSchedule rate, int t, double loss,
            double gnorm, boolean failed) {
        this.x = x;
        this.clipping = clipping;
        this.rate = rate;
        this.t = t;
        this.loss = loss;
        this.gnorm = gnorm;
        this.failed = failed;
    }

    /**
     * Moves {@link #x} with the clipped gradient.
     *
     * @param lr learning rate of this iteration
     * @param t the iteration number after this update (1 for the first)
     */
    abstract void update(double[] g, double lr, int t);

    /** Adds the optimizer's own state to a saved state. */
    abstract OptimizerState.Builder saveExtra(OptimizerState.Builder b);

    /** The optimizer's name, as saved. */
    abstract String optimizerName();

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
        update(g, lr, t);
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
        return saveExtra(OptimizerState.builder(optimizerName()).put("x", x)).put("t", t).put("loss", loss)
                .put("gradientNorm", gnorm).put("failed", failed).build();
    }
}
