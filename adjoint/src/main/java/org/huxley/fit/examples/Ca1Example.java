package org.huxley.fit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.Loss;
import org.huxley.adjoint.Losses;
import org.huxley.adjoint.transform.ParameterTransform;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.fit.Bounds;
import org.huxley.fit.Experiment;
import org.huxley.fit.FitProblem;
import org.huxley.fit.Fitter;
import org.huxley.fit.Lbfgs;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.model.Cell;
import org.huxley.model.Field;
import org.huxley.morph.SwcOptions;
import org.huxley.morph.SwcReader;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;

/**
 * The bundled fitting example (what {@code huxley fit} runs): the CA1 pyramidal cell n120
 * ({@code morph_ca1_n120.swc}, 155 branches, 2 compartments each: 310 compartments), Pospischil
 * Na, K and Leak everywhere and Km at the soma, with one density per region (soma / basal /
 * apical): 10 trainable conductances. Three step currents into the soma (0.1, 0.2, 0.4 nA from 2 to
 * 12 ms of 15 ms); voltage recorded at the soma, on the apical trunk (~135 µm from the soma) and on
 * the first basal branch (~45 µm). The target is simulated from {@link #TRUTH}; a fit recovers it
 * from starts drawn log-uniformly within ×/÷ 2 (see docs/fitting.md for the measured run).
 */
public final class Ca1Example {
    /** The morphology, bundled as a class-path resource (see the README next to it). */
    public static final String SWC_RESOURCE = "/org/huxley/fit/examples/morph_ca1_n120.swc";

    /** The trainables: region and field, in layout order. */
    public static final List<Trainable> TRAINABLES = List.of(
            new Trainable("soma", Na.G_NA), new Trainable("soma", K.G_K), new Trainable("soma", Km.G_KM),
            new Trainable("soma", Leak.G_LEAK),
            new Trainable("apical", Na.G_NA), new Trainable("apical", K.G_K), new Trainable("apical", Leak.G_LEAK),
            new Trainable("basal", Na.G_NA), new Trainable("basal", K.G_K), new Trainable("basal", Leak.G_LEAK));

    /** The parameters that generate the target, S/cm², in {@link #TRAINABLES} order. */
    public static final double[] TRUTH = {
        0.2, 0.05, 1e-3, 1e-4,
        0.01, 0.005, 5e-5,
        0.005, 0.003, 5e-5};

    /**
     * A trainable density: field in the region's group.
     *
     * @param region the group name
     * @param field the density
     */
    public record Trainable(String region, Field field) {
        /** {@return the label of the site in recordings and plots} */
        public String label() {
            return field.key() + "[" + region + "]";
        }
    }

    /**
     * How the example is simulated and compared.
     *
     * @param dtMs time step, ms
     * @param tMaxMs simulated time per stimulus, ms
     * @param delayMs step onset, ms
     * @param durationMs step length, ms
     * @param amplitudesNa the step amplitudes, nA (one experiment each)
     * @param smoothingMs width σ of the blurred loss term, ms (0: plain mean-squared error)
     * @param rawWeight weight of the unblurred term when smoothing
     * @param threads CPU threads
     */
    public record Config(double dtMs, double tMaxMs, double delayMs, double durationMs, double[] amplitudesNa,
            double smoothingMs, double rawWeight, int threads) {
        /** Copies the amplitudes and checks the settings. */
        public Config {
            amplitudesNa = amplitudesNa.clone();
            if (amplitudesNa.length == 0) {
                throw new ModelException("the example needs at least one stimulus amplitude");
            }
            if (threads < 1) {
                throw new ModelException("threads must be >= 1, got " + threads);
            }
            if (!(smoothingMs >= 0) || !(rawWeight >= 0)) {
                throw new ModelException("smoothing and raw weight must be >= 0, got " + smoothingMs + ", " + rawWeight);
            }
        }

        /** {@return the default run} */
        public static Config defaults() {
            return new Config(0.05, 15.0, 2.0, 10.0, new double[] {0.1, 0.2, 0.4}, 1.0, 1.0,
                    Runtime.getRuntime().availableProcessors());
        }

        /**
         * {@return a copy with another number of engine threads}
         *
         * @param n engine threads (≥ 1)
         */
        public Config withThreads(int n) {
            return new Config(dtMs, tMaxMs, delayMs, durationMs, amplitudesNa, smoothingMs, rawWeight, n);
        }

        /**
         * {@return a copy with other timing: step and duration, stimulus delay and length, all ms}
         *
         * @param dt time step, ms
         * @param tMax duration, ms
         * @param delay stimulus onset, ms
         * @param duration stimulus length, ms
         */
        public Config withTiming(double dt, double tMax, double delay, double duration) {
            return new Config(dt, tMax, delay, duration, amplitudesNa, smoothingMs, rawWeight, threads);
        }

        /**
         * {@return a copy with other step amplitudes, nA (one experiment each)}
         *
         * @param a amplitudes, nA
         */
        public Config withAmplitudes(double... a) {
            return new Config(dtMs, tMaxMs, delayMs, durationMs, a, smoothingMs, rawWeight, threads);
        }

        /**
         * A copy with another smoothed loss: Gaussian width in ms and weight of the raw MSE.
         *
         * @param sigmaMs Gaussian width, ms
         * @param raw weight of the raw MSE
         * @return a copy with this loss
         */
        public Config withSmoothing(double sigmaMs, double raw) {
            return new Config(dtMs, tMaxMs, delayMs, durationMs, amplitudesNa, sigmaMs, raw, threads);
        }

        /** {@return the simulation protocol of this configuration} */
        public Protocol protocol() {
            return Protocol.defaults().withDt(dtMs).withTMax(tMaxMs);
        }

        /**
         * {@return the step current of one amplitude, nA per time step}
         *
         * @param amplitudeNa the amplitude, nA
         */
        public double[] step(double amplitudeNa) {
            return Stimuli.stepCurrent(delayMs, durationMs, amplitudeNa, dtMs, tMaxMs);
        }

        /**
         * {@return the loss against a target [recording][sample]}
         *
         * @param target [recording][sample], mV
         */
        public Loss loss(double[][] target) {
            return smoothingMs > 0 ? Losses.smoothedMeanSquaredError(target, smoothingMs / dtMs, rawWeight)
                    : Losses.meanSquaredError(target);
        }
    }

    private Ca1Example() {
    }

    /**
     * Reads the bundled morphology with 2 compartments per branch.
     *
     * @return the cell, without mechanisms
     */
    public static Cell morphology() {
        try (InputStream in = Ca1Example.class.getResourceAsStream(SWC_RESOURCE)) {
            if (in == null) {
                throw new ModelException("bundled morphology " + SWC_RESOURCE + " is missing from the class path");
            }
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
            return SwcReader.readMorphology("morph_ca1_n120.swc", r, SwcOptions.ncomp(2)).cell();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model with the given densities ({@link #TRAINABLES} order), gates at steady state, the
     * first amplitude's step into the soma and the three recordings.
     *
     * @param cfg timing and amplitudes
     * @param densities one value per trainable, S/cm²
     * @return the model
     */
    public static Cell cell(Config cfg, double[] densities) {
        Cell cell = morphology();
        cell.insert(Na.MECHANISM);
        cell.insert(K.MECHANISM);
        cell.insert(Leak.MECHANISM);
        cell.group("soma").insert(Km.MECHANISM);
        for (int p = 0; p < TRAINABLES.size(); p++) {
            Trainable t = TRAINABLES.get(p);
            cell.group(t.region()).set(t.field(), densities[p]);
        }
        cell.initStates();
        cell.group("soma").branch(1).loc(0.0).stimulate(cfg.step(cfg.amplitudesNa()[0]));
        cell.group("soma").branch(1).loc(0.0).record();
        cell.group("apical").branch(15).loc(0.0).record();
        cell.group("basal").branch(0).loc(1.0).record();
        return cell;
    }

    /**
     * {@return one parameter per trainable (shared over its region)}
     *
     * @param cell a cell from {@link #cell}
     */
    public static ParameterLayout layout(Cell cell) {
        ParameterLayout layout = new ParameterLayout(cell);
        for (Trainable t : TRAINABLES) {
            layout.add(cell.group(t.region()), t.field());
        }
        return layout;
    }

    /**
     * Labels of the trainables, e.g. {@code Na.gNa[soma]}.
     *
     * @return the labels, in {@link #TRAINABLES} order
     */
    public static List<String> labels() {
        return TRAINABLES.stream().map(Trainable::label).toList();
    }

    /**
     * {@return every conductance bounded to [1e-7, 1] S/cm² on a log scale (the optimizer works on x ∈ ℝ)}
     *
     * @param layout the layout of {@link #layout}
     */
    public static ParameterTransform transform(ParameterLayout layout) {
        Bounds b = Bounds.of(layout);
        for (int p = 0; p < TRAINABLES.size(); p++) {
            b.logScale(p, 1e-7, 1.0);
        }
        return b.transform();
    }

    /** Rounds of the default run ({@code huxley fit}). */
    public static final int DEFAULT_ROUNDS = 200;

    /**
     * The default fitter settings: L-BFGS (memory 10), stop a start at loss 1e-12 or when its best
     * loss improved by less than 1e-9 (relative) over 25 iterations, {@code rounds} rounds at most.
     *
     * @param rounds the round budget
     * @return the settings, to adjust further
     */
    public static Fitter.Builder fitter(int rounds) {
        return Fitter.builder().optimizer(new Lbfgs()).maxRounds(rounds).stallAfter(25, 1e-9).targetLoss(1e-12);
    }

    /**
     * The fit problem with a synthetic target simulated from {@code truth}: one experiment per
     * amplitude, mean-squared error on all three recordings.
     *
     * @param cfg timing, amplitudes, loss and threads
     * @param truth the densities that make the target, S/cm²
     * @return the problem
     */
    public static FitProblem problem(Config cfg, double[] truth) {
        Cell cell = cell(cfg, truth);
        Plan plan = cell.compile();
        ParameterLayout layout = layout(cell);
        List<Experiment> proto = new ArrayList<>();
        for (double a : cfg.amplitudesNa()) {
            proto.add(new Experiment(String.format(java.util.Locale.ROOT, "step %.2f nA", a),
                    java.util.Map.of(0, cfg.step(a)), Losses.meanSquaredErrorTo(0, 1), 1.0));
        }
        FitProblem.Builder b = FitProblem.builder(plan, layout).protocol(cfg.protocol())
                .transform(transform(layout))
                .gradientEngine(new CpuGradientEngine(cfg.threads(), CheckpointPolicy.full()))
                .engine(new CpuEngine(cfg.threads()));
        FitProblem draft = b.experiments(proto).build();
        Recordings target = draft.simulate(truth);
        List<Experiment> withTargets = new ArrayList<>();
        for (int e = 0; e < proto.size(); e++) {
            double[][] t = new double[target.numRecordings()][];
            for (int r = 0; r < t.length; r++) {
                t[r] = target.trace(e, r);
            }
            Experiment x = proto.get(e);
            withTargets.add(new Experiment(x.name(), x.stimuli(), cfg.loss(t), 1.0));
        }
        return FitProblem.builder(plan, layout).protocol(cfg.protocol()).transform(transform(layout))
                .gradientEngine(new CpuGradientEngine(cfg.threads(), CheckpointPolicy.full()))
                .engine(new CpuEngine(cfg.threads())).experiments(withTargets).build();
    }
}
