package org.huxley.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.huxley.ModelException;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.GradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Loss;
import org.huxley.adjoint.transform.ParameterTransform;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Engine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;

/**
 * A model fit as a {@link BatchObjective}: the trainable parameters of a {@link ParameterLayout},
 * trained in unconstrained coordinates through a {@link ParameterTransform}, and S
 * {@link Experiment}s. Evaluating N points runs ONE gradient-engine batch of B = N·S sets (set
 * b = n·S + s is start n under experiment s, with the experiment's stimuli as per-set
 * overrides), and sums the weighted per-experiment losses and gradients of each start in
 * experiment order (so results are bitwise reproducible at any thread count). A start whose
 * simulation diverges gets NaN; the others are unaffected. {@link #values} runs the forward engine
 * only (for gradient-free methods).
 */
public final class FitProblem implements BatchObjective {
    private final Plan plan;
    private final Protocol protocol;
    private final ParameterLayout layout;
    private final ParameterTransform transform;
    private final List<Experiment> experiments;
    private final GradientEngine gradientEngine;
    private final Engine engine;
    private final ParameterGroups groups;
    private final Set<Integer> overridden;

    private FitProblem(Builder b) {
        this.plan = b.plan;
        this.protocol = b.protocol;
        this.layout = b.layout;
        this.transform = b.transform != null ? b.transform : ParameterTransform.fromBounds(layout);
        this.experiments = List.copyOf(b.experiments);
        this.gradientEngine = b.gradientEngine != null ? b.gradientEngine : new CpuGradientEngine();
        this.engine = b.engine != null ? b.engine : new CpuEngine();
        this.groups = b.groups != null ? b.groups : ParameterGroups.byEntry(layout);
        if (experiments.isEmpty()) {
            throw new ModelException("a fit needs at least one experiment (stimulus protocol with a loss)");
        }
        if (transform.size() != layout.size()) {
            throw new ModelException("the transform has " + transform.size() + " entries, the layout "
                    + layout.size() + " parameters");
        }
        if (groups.size() != layout.size()) {
            throw new ModelException("the parameter groups cover " + groups.size() + " parameters, the layout has "
                    + layout.size());
        }
        if (layout.size() == 0) {
            throw new ModelException("the parameter layout declares no trainable parameters");
        }
        overridden = new TreeSet<>();
        for (Experiment e : experiments) {
            for (int k : e.stimuli().keySet()) {
                if (k < 0 || k >= plan.numStimuli()) {
                    throw new ModelException("experiment '" + e.name() + "' replaces stimulus " + k
                            + ", but the model has " + plan.numStimuli() + " stimuli");
                }
                overridden.add(k);
            }
        }
        int nrec = plan.recordings().size();
        if (nrec == 0) {
            throw new ModelException("the model records nothing: add record() at the sites the loss compares");
        }
    }

    /**
     * {@return settings of a problem on a compiled plan, whose trainable parameters are {@code layout}}
     *
     * @param plan the compiled model
     * @param layout the fitted parameters
     */
    public static Builder builder(Plan plan, ParameterLayout layout) {
        return new Builder(plan, layout);
    }

    /** {@return the compiled model} */
    public Plan plan() {
        return plan;
    }

    /** {@return the time step, duration and recording stride} */
    public Protocol protocol() {
        return protocol;
    }

    /** {@return the fitted parameters} */
    public ParameterLayout layout() {
        return layout;
    }

    /** {@return the map between parameter values y and unconstrained x} */
    public ParameterTransform transform() {
        return transform;
    }

    /** {@return the experiments whose weighted losses are summed} */
    public List<Experiment> experiments() {
        return experiments;
    }

    /** {@return the engine computing losses and gradients} */
    public GradientEngine gradientEngine() {
        return gradientEngine;
    }

    @Override
    public int dimension() {
        return layout.size();
    }

    @Override
    public List<String> parameterNames() {
        return layout.names();
    }

    @Override
    public ParameterGroups groups() {
        return groups;
    }

    @Override
    public double[] toValues(double[] x) {
        return transform.toValues(x);
    }

    @Override
    public double[] toUnconstrained(double[] y) {
        if (y.length != dimension()) {
            throw new ModelException(y.length + " values for " + dimension() + " parameters");
        }
        double[] out = new double[y.length];
        for (int p = 0; p < out.length; p++) {
            try {
                out[p] = transform.get(p).inverse(y[p]);
            } catch (ModelException e) {
                throw new ModelException(layout.names().get(p) + ": " + e.getMessage());
            }
            if (!Double.isFinite(out[p])) {
                throw new ModelException(layout.names().get(p) + " = " + y[p]
                        + " lies on or outside the bounds of its transform " + transform.get(p));
            }
        }
        return out;
    }

    /** Rows of x whose values are finite and in range, with those values; others null. */
    private double[][] valuesOf(double[][] x) {
        double[][] y = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            if (x[n].length != dimension()) {
                throw new ModelException("point " + n + " has " + x[n].length + " entries, the fit has " + dimension()
                        + " parameters");
            }
            if (!Vectors.allFinite(x[n])) {
                continue;
            }
            double[] v = transform.toValues(x[n]);
            boolean ok = true;
            for (int p = 0; p < v.length && ok; p++) {
                ok = layout.parameters().get(p).field().info().accepts(v[p]);
            }
            y[n] = ok ? v : null;
        }
        return y;
    }

    /** The batch of valid rows × experiments; index[k] = row of valid row k. */
    private Batch batchOf(double[][] y, int[] rows) {
        int s = experiments.size();
        ParameterSets sets = layout.batch(rows.length * s);
        for (int k = 0; k < rows.length; k++) {
            for (int e = 0; e < s; e++) {
                for (int p = 0; p < dimension(); p++) {
                    sets.set(k * s + e, p, y[rows[k]][p]);
                }
            }
        }
        Batch batch = new Batch(sets);
        for (int idx : overridden) {
            double[][] per = new double[rows.length * s][];
            for (int k = 0; k < rows.length; k++) {
                for (int e = 0; e < s; e++) {
                    double[] w = experiments.get(e).stimuli().get(idx);
                    per[k * s + e] = w != null ? w : plan.stimulusCurrentNa(idx);
                }
            }
            batch.stimulus(idx, per);
        }
        return batch;
    }

    private static int[] validRows(double[][] y) {
        return java.util.stream.IntStream.range(0, y.length).filter(n -> y[n] != null).toArray();
    }

    private Loss combinedLoss(int[] rows) {
        int s = experiments.size();
        return new Loss() {
            @Override
            public double evaluate(int set, double[][] rec, double[][] grad) {
                Experiment e = experiments.get(set % s);
                double l = e.loss().evaluate(rows[set / s], rec, grad);
                if (e.weight() != 1.0) {
                    for (double[] row : grad) {
                        for (int k = 0; k < row.length; k++) {
                            row[k] *= e.weight();
                        }
                    }
                }
                return e.weight() * l;
            }

            @Override
            public void checkShape(int recordings, int samples) {
                for (Experiment e : experiments) {
                    e.loss().checkShape(recordings, samples);
                }
            }
        };
    }

    @Override
    public Evaluation evaluate(double[][] x) {
        return evaluate(x, RunControl.none());
    }

    /** As {@link #evaluate(double[][])}; the gradient engine stops within one checkpoint segment. */
    @Override
    public Evaluation evaluate(double[][] x, RunControl control) {
        double[][] y = valuesOf(x);
        int[] rows = validRows(y);
        double[] losses = new double[x.length];
        double[][] grads = new double[x.length][];
        java.util.Arrays.fill(losses, Double.NaN);
        if (rows.length == 0) {
            return new Evaluation(losses, grads);
        }
        int s = experiments.size();
        GradientResult r = gradientEngine.valueAndGradient(plan, protocol, batchOf(y, rows), combinedLoss(rows),
                control);
        for (int k = 0; k < rows.length; k++) {
            double sum = 0;
            double[] gy = new double[dimension()];
            boolean ok = true;
            for (int e = 0; e < s && ok; e++) {
                int b = k * s + e;
                ok = r.valid(b);
                if (ok) {
                    sum += r.loss(b);
                    double[] g = r.gradient(b);
                    for (int p = 0; p < g.length; p++) {
                        gy[p] += g[p];
                    }
                }
            }
            if (ok && Double.isFinite(sum) && Vectors.allFinite(gy)) {
                losses[rows[k]] = sum;
                grads[rows[k]] = transform.chainGradient(x[rows[k]], gy);
            }
        }
        return new Evaluation(losses, grads);
    }

    @Override
    public double[] values(double[][] x) {
        double[][] y = valuesOf(x);
        int[] rows = validRows(y);
        double[] losses = new double[x.length];
        java.util.Arrays.fill(losses, Double.NaN);
        if (rows.length == 0) {
            return losses;
        }
        Recordings rec = engine.run(plan, protocol, batchOf(y, rows));
        Loss loss = combinedLoss(rows);
        loss.checkShape(rec.numRecordings(), rec.numSamples());
        int s = experiments.size();
        for (int k = 0; k < rows.length; k++) {
            double sum = 0;
            for (int e = 0; e < s; e++) {
                int b = k * s + e;
                if (rec.diverged(b)) {
                    sum = Double.NaN;
                    break;
                }
                double[][] traces = new double[rec.numRecordings()][];
                double[][] scratch = new double[rec.numRecordings()][rec.numSamples()];
                for (int r = 0; r < traces.length; r++) {
                    traces[r] = rec.trace(b, r);
                }
                sum += loss.evaluate(b, traces, scratch);
            }
            losses[rows[k]] = sum;
        }
        return losses;
    }

    /**
     * Simulates parameter values (not transformed) under every experiment: set e of the result is
     * experiment e. Used to make synthetic targets and to plot fitted traces.
     *
     * @param values parameter values
     * @return set e: experiment e
     */
    public Recordings simulate(double[] values) {
        double[][] y = {values.clone()};
        for (int p = 0; p < values.length; p++) {
            var info = layout.parameters().get(p).field().info();
            if (!info.accepts(values[p])) {
                throw new ModelException(layout.names().get(p) + " = " + values[p] + " is outside its valid range ["
                        + info.lo() + ", " + info.hi() + "] " + info.unit());
            }
        }
        return engine.run(plan, protocol, batchOf(y, new int[] {0}));
    }

    /** Builds a {@link FitProblem}; plan, layout and at least one experiment are required. */
    public static final class Builder {
        private final Plan plan;
        private final ParameterLayout layout;
        private Protocol protocol = Protocol.defaults();
        private ParameterTransform transform;
        private final List<Experiment> experiments = new ArrayList<>();
        private GradientEngine gradientEngine;
        private Engine engine;
        private ParameterGroups groups;

        private Builder(Plan plan, ParameterLayout layout) {
            if (plan == null || layout == null) {
                throw new ModelException("a fit needs a compiled plan and a parameter layout");
            }
            this.plan = plan;
            this.layout = layout;
        }

        /**
         * The simulation protocol (default {@link Protocol#defaults()}).
         *
         * @param p the protocol
         * @return this builder
         */
        public Builder protocol(Protocol p) {
            this.protocol = p;
            return this;
        }

        /**
         * Bounds: default {@link ParameterTransform#fromBounds} (each field's valid range).
         *
         * @param t the transform
         * @return this builder
         */
        public Builder transform(ParameterTransform t) {
            this.transform = t;
            return this;
        }

        /**
         * Adds an experiment.
         *
         * @param e the experiment
         * @return this builder
         */
        public Builder experiment(Experiment e) {
            this.experiments.add(e);
            return this;
        }

        /**
         * Adds experiments, in order.
         *
         * @param list the experiments
         * @return this builder
         */
        public Builder experiments(List<Experiment> list) {
            this.experiments.addAll(list);
            return this;
        }

        /**
         * Default: {@link CpuGradientEngine} on all processors.
         *
         * @param g the engine
         * @return this builder
         */
        public Builder gradientEngine(GradientEngine g) {
            this.gradientEngine = g;
            return this;
        }

        /**
         * The forward engine for {@link FitProblem#values} and {@link FitProblem#simulate}; default {@link CpuEngine}.
         *
         * @param e the engine
         * @return this builder
         */
        public Builder engine(Engine e) {
            this.engine = e;
            return this;
        }

        /**
         * Default: {@link ParameterGroups#byEntry}.
         *
         * @param g the groups
         * @return this builder
         */
        public Builder groups(ParameterGroups g) {
            this.groups = g;
            return this;
        }

        /**
         * Builds the problem, checking the settings.
         *
         * @return the problem
         */
        public FitProblem build() {
            return new FitProblem(this);
        }
    }
}
