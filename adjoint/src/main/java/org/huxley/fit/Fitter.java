package org.huxley.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.huxley.ModelException;
import org.huxley.engine.RunCancelledException;
import org.huxley.engine.RunControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched multi-start optimization: N starts, one {@link Stepper} each, and per round ONE call of
 * {@link BatchObjective#evaluate} for all running starts (for a {@link FitProblem}: one
 * gradient-engine batch of N × experiments sets).
 *
 * <p>Per-start early stopping: a start stops (and leaves the batch) when its optimizer has
 * {@linkplain Stepper#stalled() stalled}, its loss reaches {@code targetLoss}, its gradient norm
 * falls to {@code gradientTolerance}, or its best loss improved by no more than
 * {@code relativeTolerance} (relative) over the last {@code patience} iterations. A start whose
 * loss becomes non-finite and whose optimizer cannot back off is flagged
 * {@link StartStatus#DIVERGED} and frozen; the others continue. The best point each start ever
 * evaluated is kept; {@link FitResult#bestStart()} is the best over all starts.
 *
 * <p>Reproducible: with the same starts, optimizer and objective the result is bitwise the same
 * (the CPU engines do not depend on the thread count). Resumable: a checkpoint sink receives the
 * {@link FitState} every k rounds; {@link #resume} continues it exactly as if uninterrupted (except
 * for wall times).
 *
 * <p>Cancellable: the {@link RunControl} variants check for cancellation before every round and pass
 * the control on to the objective (a {@link FitProblem} hands it to its gradient engine, which stops
 * within one checkpoint segment). A cancelled fit hands its state after the last completed round to
 * the checkpoint sink, if any (so it can be {@linkplain #resume resumed}), then throws
 * {@link RunCancelledException} (listeners are not told it finished). Progress: one report per
 * round in phase {@code "fit"}, units = rounds, total = the round budget (besides the gradient
 * engine's own {@code "gradient"} reports).
 */
public final class Fitter {
    private static final Logger LOG = LoggerFactory.getLogger(Fitter.class);
    private final Optimizer optimizer;
    private final int maxRounds;
    private final double maxSeconds;
    private final double gradientTolerance;
    private final double relativeTolerance;
    private final int patience;
    private final double targetLoss;
    private final List<FitListener> listeners;
    private final int checkpointEvery;
    private final Consumer<FitState> checkpoint;

    private Fitter(Builder b) {
        this.optimizer = b.optimizer;
        this.maxRounds = b.maxRounds;
        this.maxSeconds = b.maxSeconds;
        this.gradientTolerance = b.gradientTolerance;
        this.relativeTolerance = b.relativeTolerance;
        this.patience = b.patience;
        this.targetLoss = b.targetLoss;
        this.listeners = List.copyOf(b.listeners);
        this.checkpointEvery = b.checkpointEvery;
        this.checkpoint = b.checkpoint;
    }

    /** {@return settings, starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the optimizer every start uses} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Fits from starts given as parameter values ([N][P], inside the transform's bounds).
     *
     * @param seed recorded in the state and result (e.g. the seed that drew the starts)
     * @param objective what to minimise
     * @param startValues [N][P] parameter values of the starts
     * @return every start's outcome and the best
     */
    public FitResult fit(BatchObjective objective, double[][] startValues, long seed) {
        return fit(objective, startValues, seed, RunControl.none());
    }

    /**
     * As {@link #fit(BatchObjective, double[][], long)}, cancellable and reporting progress.
     *
     * @param objective what to minimise
     * @param startValues [N][P] parameter values of the starts
     * @param seed recorded in the state and result
     * @param control cancellation and progress
     * @return every start's outcome and the best
     * @throws RunCancelledException if {@code control} was cancelled before the budget was used up
     */
    public FitResult fit(BatchObjective objective, double[][] startValues, long seed, RunControl control) {
        double[][] x0 = new double[startValues.length][];
        for (int n = 0; n < x0.length; n++) {
            if (startValues[n].length != objective.dimension()) {
                throw new ModelException("start " + n + " has " + startValues[n].length + " values, the fit has "
                        + objective.dimension() + " parameters");
            }
            try {
                x0[n] = objective.toUnconstrained(startValues[n]);
            } catch (ModelException e) {
                throw new ModelException("start " + n + ": " + e.getMessage());
            }
        }
        return fitUnconstrained(objective, x0, seed, control);
    }

    /**
     * Fits from starts in unconstrained coordinates x ([N][P]).
     *
     * @param objective what to minimise
     * @param x0 [N][P] unconstrained starts
     * @param seed recorded in the state and result
     * @return every start's outcome and the best
     */
    public FitResult fitUnconstrained(BatchObjective objective, double[][] x0, long seed) {
        return fitUnconstrained(objective, x0, seed, RunControl.none());
    }

    /**
     * As {@link #fitUnconstrained(BatchObjective, double[][], long)}, cancellable and reporting
     * progress.
     *
     * @param objective what to minimise
     * @param x0 [N][P] unconstrained starts
     * @param seed recorded in the state and result
     * @param control cancellation and progress
     * @return every start's outcome and the best
     * @throws RunCancelledException if {@code control} was cancelled before the budget was used up
     */
    public FitResult fitUnconstrained(BatchObjective objective, double[][] x0, long seed, RunControl control) {
        requireControl(control);
        if (x0.length == 0) {
            throw new ModelException("a fit needs at least one start");
        }
        List<Run> runs = new ArrayList<>();
        for (int n = 0; n < x0.length; n++) {
            if (x0[n].length != objective.dimension() || !Vectors.allFinite(x0[n])) {
                throw new ModelException("start " + n + " must have " + objective.dimension()
                        + " finite unconstrained values, got " + Arrays.toString(x0[n]));
            }
            runs.add(new Run(x0[n].clone(), optimizer.start(x0[n].clone(), objective.groups())));
        }
        return loop(objective, runs, 0, 0.0, new ArrayList<>(), seed, control);
    }

    /**
     * Continues a saved fit (same objective and optimizer settings) up to this fitter's budget.
     *
     * @param objective the same objective as the saved fit
     * @param state the saved state
     * @return every start's outcome and the best
     */
    public FitResult resume(BatchObjective objective, FitState state) {
        return resume(objective, state, RunControl.none());
    }

    /**
     * As {@link #resume(BatchObjective, FitState)}, cancellable and reporting progress.
     *
     * @param objective the same objective as the saved fit
     * @param state the saved state
     * @param control cancellation and progress
     * @return every start's outcome and the best
     * @throws RunCancelledException if {@code control} was cancelled before the budget was used up
     */
    public FitResult resume(BatchObjective objective, FitState state, RunControl control) {
        requireControl(control);
        if (state.version() != FitState.VERSION) {
            throw new ModelException("cannot resume: saved fit state has format version " + state.version()
                    + ", this Huxley reads version " + FitState.VERSION);
        }
        if (!state.parameterNames().equals(objective.parameterNames())) {
            throw new ModelException("cannot resume: the saved fit has parameters " + state.parameterNames()
                    + ", this problem has " + objective.parameterNames());
        }
        if (!state.optimizer().equals(optimizer.name())) {
            throw new ModelException("cannot resume: the saved fit used optimizer '" + state.optimizer()
                    + "', this fitter uses '" + optimizer.name() + "'");
        }
        List<Run> runs = new ArrayList<>();
        for (FitState.Start s : state.starts()) {
            Run r = new Run(s.x0(), optimizer.restore(s.optimizer(), objective.groups()));
            r.status = s.status();
            r.reason = s.reason();
            r.stoppedAt = s.stoppedAtRound();
            r.evaluations = s.evaluations();
            r.bestLoss = s.bestLoss();
            r.bestX = s.bestX() == null ? null : s.bestX().clone();
            for (double l : s.iterationLosses()) {
                r.iterationLosses.add(l);
            }
            if (r.status == StartStatus.BUDGET) {
                r.status = StartStatus.RUNNING; // a larger budget continues it
                r.reason = "";
                r.stoppedAt = -1;
            }
            runs.add(r);
        }
        return loop(objective, runs, state.round(), state.elapsedSeconds(), new ArrayList<>(state.history()),
                state.seed(), control);
    }

    private static void requireControl(RunControl control) {
        if (control == null) {
            throw new IllegalArgumentException("control must not be null (use RunControl.none())");
        }
    }

    private FitResult loop(BatchObjective objective, List<Run> runs, int round0, double elapsed0,
            List<FitState.Round> history, long seed, RunControl control) {
        for (FitListener l : listeners) {
            l.started(runs.size(), maxRounds, objective.parameterNames());
        }
        int round = round0;
        double elapsed = elapsed0;
        double sessionSeconds = 0;
        int sessionRounds = 0;
        while (round < maxRounds) {
            List<Run> active = runs.stream().filter(r -> r.status == StartStatus.RUNNING).toList();
            if (active.isEmpty()) {
                break;
            }
            if (elapsed >= maxSeconds) {
                break;
            }
            long t0 = System.nanoTime();
            double[][] points = new double[active.size()][];
            for (int k = 0; k < points.length; k++) {
                points[k] = active.get(k).stepper.point();
            }
            BatchObjective.Evaluation ev;
            try {
                control.throwIfCancelled("before fit round " + (round + 1) + " of " + maxRounds);
                ev = objective.evaluate(points, control);
            } catch (RunCancelledException e) {
                // Steppers have not been told this round: the state is the one after the last round.
                if (checkpoint != null) {
                    checkpoint.accept(state(runs, round, elapsed, history, seed, objective.parameterNames()));
                }
                throw e;
            }
            round++;
            for (int k = 0; k < points.length; k++) {
                Run r = active.get(k);
                double l = ev.losses()[k];
                double[] g = ev.gradients()[k];
                boolean finite = Double.isFinite(l) && g != null && Vectors.allFinite(g);
                r.evaluations++;
                if (finite && !(l >= r.bestLoss)) {
                    r.bestLoss = l;
                    r.bestX = points[k];
                }
                r.stepper.tell(finite ? l : Double.NaN, finite ? g : null);
                while (r.iterationLosses.size() < r.stepper.iterations()) {
                    r.iterationLosses.add(r.stepper.loss());
                }
                String why = stopReason(r, round);
                if (why != null) {
                    r.reason = why;
                    r.stoppedAt = round;
                }
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            elapsed += dt;
            sessionSeconds += dt;
            sessionRounds++;
            double best = Double.POSITIVE_INFINITY;
            int bestStart = -1;
            double[] losses = new double[runs.size()];
            for (int n = 0; n < runs.size(); n++) {
                Run r = runs.get(n);
                losses[n] = r.status == StartStatus.DIVERGED ? Double.NaN : r.stepper.loss();
                if (r.bestLoss < best) {
                    best = r.bestLoss;
                    bestStart = n;
                }
            }
            history.add(new FitState.Round(elapsed, losses, bestStart < 0 ? Double.NaN : best));
            int running = (int) runs.stream().filter(r -> r.status == StartStatus.RUNNING).count();
            double eta = (maxRounds - round) * sessionSeconds / sessionRounds;
            if (maxSeconds < Double.POSITIVE_INFINITY) {
                eta = Math.min(eta, Math.max(0, maxSeconds - elapsed));
            }
            if (running == 0) {
                eta = 0;
            }
            Progress p = new Progress(round, maxRounds, running, points.length, losses,
                    bestStart < 0 ? Double.NaN : best, bestStart, dt, elapsed, eta);
            for (int k = 0; k < active.size(); k++) {
                Run r = active.get(k);
                if (r.status != StartStatus.RUNNING) {
                    int n = runs.indexOf(r);
                    if (r.status == StartStatus.DIVERGED) {
                        LOG.warn("start {} diverged in round {}: {}", n, round, r.reason);
                    }
                    for (FitListener l : listeners) {
                        l.startStopped(n, r.status, r.reason, round);
                    }
                }
            }
            for (FitListener l : listeners) {
                l.round(p);
            }
            control.report("fit", round, maxRounds);
            if (checkpoint != null && checkpointEvery > 0 && round % checkpointEvery == 0) {
                checkpoint.accept(state(runs, round, elapsed, history, seed, objective.parameterNames()));
            }
        }
        for (int n = 0; n < runs.size(); n++) {
            Run r = runs.get(n);
            if (r.status == StartStatus.RUNNING) {
                r.status = StartStatus.BUDGET;
                r.reason = round >= maxRounds ? "round budget (" + maxRounds + ") reached"
                        : "time budget (" + maxSeconds + " s) reached";
                r.stoppedAt = round;
                for (FitListener l : listeners) {
                    l.startStopped(n, r.status, r.reason, round);
                }
            }
        }
        FitState state = state(runs, round, elapsed, history, seed, objective.parameterNames());
        if (checkpoint != null) {
            checkpoint.accept(state);
        }
        List<FitResult.StartOutcome> outcomes = new ArrayList<>();
        int bestStart = -1;
        for (int n = 0; n < runs.size(); n++) {
            Run r = runs.get(n);
            double[] bx = r.bestX == null ? r.x0 : r.bestX;
            outcomes.add(new FitResult.StartOutcome(n, r.status, r.reason, r.stepper.iterations(), r.evaluations,
                    r.stepper.loss(), r.bestLoss, bx.clone(), objective.toValues(bx), objective.toValues(r.x0)));
            if (Double.isFinite(r.bestLoss) && (bestStart < 0 || r.bestLoss < runs.get(bestStart).bestLoss)) {
                bestStart = n;
            }
        }
        FitResult result = new FitResult(outcomes, bestStart, round, elapsed, history, state);
        for (FitListener l : listeners) {
            l.finished(result);
        }
        return result;
    }

    /** Sets the status of a start that should stop now; returns the reason or null. */
    private String stopReason(Run r, int round) {
        Stepper s = r.stepper;
        if (s.failed()) {
            r.status = StartStatus.DIVERGED;
            return "non-finite loss or gradient in round " + round
                    + " (the simulation diverged); frozen, best point kept";
        }
        if (s.stalled()) {
            r.status = StartStatus.CONVERGED;
            return "no further decrease along any search direction (stationary to working precision)";
        }
        int it = r.iterationLosses.size();
        if (it == 0) {
            return null;
        }
        double now = s.loss();
        if (now <= targetLoss) {
            r.status = StartStatus.CONVERGED;
            return "loss " + now + " <= target " + targetLoss;
        }
        if (gradientTolerance > 0 && s.gradientNorm() <= gradientTolerance) {
            r.status = StartStatus.CONVERGED;
            return "gradient norm " + s.gradientNorm() + " <= " + gradientTolerance;
        }
        if (patience > 0 && it > patience && r.checkedIterations < it) {
            r.checkedIterations = it;
            double before = Double.POSITIVE_INFINITY;
            double after = Double.POSITIVE_INFINITY;
            for (int i = 0; i < it; i++) {
                double l = r.iterationLosses.get(i);
                if (i < it - patience) {
                    before = Math.min(before, l);
                }
                after = Math.min(after, l);
            }
            if (before - after <= relativeTolerance * Math.abs(before)) {
                r.status = StartStatus.CONVERGED;
                return "best loss improved by <= " + relativeTolerance + " (relative) in the last " + patience
                        + " iterations";
            }
        }
        return null;
    }

    private FitState state(List<Run> runs, int round, double elapsed, List<FitState.Round> history, long seed,
            List<String> names) {
        List<FitState.Start> starts = new ArrayList<>();
        for (Run r : runs) {
            starts.add(new FitState.Start(r.x0.clone(), r.status, r.reason, r.stoppedAt, r.evaluations, r.bestLoss,
                    r.bestX == null ? null : r.bestX.clone(),
                    r.iterationLosses.stream().mapToDouble(Double::doubleValue).toArray(), r.stepper.save()));
        }
        return new FitState(FitState.VERSION, optimizer.name(), seed, names, round, elapsed,
                starts, history);
    }

    /** Per-start bookkeeping. */
    private static final class Run {
        final double[] x0;
        final Stepper stepper;
        StartStatus status = StartStatus.RUNNING;
        String reason = "";
        int stoppedAt = -1;
        int evaluations;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] bestX;
        final List<Double> iterationLosses = new ArrayList<>();
        int checkedIterations;

        Run(double[] x0, Stepper stepper) {
            this.x0 = x0;
            this.stepper = stepper;
        }
    }

    /** Settings of a {@link Fitter}. */
    public static final class Builder {
        private Optimizer optimizer = new Lbfgs();
        private int maxRounds = 100;
        private double maxSeconds = Double.POSITIVE_INFINITY;
        private double gradientTolerance;
        private double relativeTolerance = 1e-8;
        private int patience = 20;
        private double targetLoss = Double.NEGATIVE_INFINITY;
        private final List<FitListener> listeners = new ArrayList<>();
        private int checkpointEvery;
        private Consumer<FitState> checkpoint;

        private Builder() {
        }

        /**
         * Default: {@link Lbfgs} with its defaults.
         *
         * @param o the optimizer
         * @return this builder
         */
        public Builder optimizer(Optimizer o) {
            if (o == null) {
                throw new ModelException("optimizer must not be null");
            }
            this.optimizer = o;
            return this;
        }

        /**
         * Round budget (engine batches), default 100.
         *
         * @param n rounds (≥ 0)
         * @return this builder
         */
        public Builder maxRounds(int n) {
            if (n < 0) {
                throw new ModelException("round budget must be >= 0, got " + n);
            }
            this.maxRounds = n;
            return this;
        }

        /**
         * Wall-time budget, s (default none); checked before each round.
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
         * Stop a start when ‖∂L/∂x‖ ≤ tol (default 0: off).
         *
         * @param tol the gradient-norm threshold (≥ 0)
         * @return this builder
         */
        public Builder gradientTolerance(double tol) {
            if (!(tol >= 0)) {
                throw new ModelException("gradient tolerance must be >= 0, got " + tol);
            }
            this.gradientTolerance = tol;
            return this;
        }

        /**
         * Stop a start when its best loss improved by at most {@code relTol} (relative) over the last
         * {@code patience} iterations (default 1e-8 over 20; patience 0 turns it off).
         *
         * @param patience iterations looked back (0: off)
         * @param relTol relative improvement below which a start stops
         * @return this builder
         */
        public Builder stallAfter(int patience, double relTol) {
            if (patience < 0 || !(relTol >= 0)) {
                throw new ModelException("need patience >= 0 and relative tolerance >= 0, got " + patience + ", " + relTol);
            }
            this.patience = patience;
            this.relativeTolerance = relTol;
            return this;
        }

        /**
         * Stop a start when its loss is at or below this value (default −∞: off).
         *
         * @param loss the target
         * @return this builder
         */
        public Builder targetLoss(double loss) {
            this.targetLoss = loss;
            return this;
        }

        /**
         * Adds a listener, called on the fitting thread.
         *
         * @param l the listener
         * @return this builder
         */
        public Builder listener(FitListener l) {
            this.listeners.add(l);
            return this;
        }

        /**
         * Receives the state every {@code everyRounds} rounds and at the end.
         *
         * @param everyRounds rounds between states (≥ 1)
         * @param sink receives each state (for example to save it as JSON)
         * @return this builder
         */
        public Builder checkpoint(int everyRounds, Consumer<FitState> sink) {
            if (everyRounds < 1) {
                throw new ModelException("checkpoint interval must be >= 1 round, got " + everyRounds);
            }
            this.checkpointEvery = everyRounds;
            this.checkpoint = sink;
            return this;
        }

        /**
         * Builds the fitter.
         *
         * @return the fitter
         */
        public Fitter build() {
            return new Fitter(this);
        }
    }
}
