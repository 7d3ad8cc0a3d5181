package org.huxley.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.Losses;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import org.huxley.fit.Experiment;
import org.huxley.fit.FitProblem;
import org.huxley.fit.FitResult;
import org.huxley.fit.Fitter;
import org.huxley.fit.Lbfgs;
import org.huxley.fit.Starts;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;

/**
 * Example 3 (docs/library.md): recover two conductances of a spiking compartment from a synthetic
 * voltage trace, with seeded random starts, L-BFGS, the CPU adjoint and per-round progress.
 */
public final class FitConductances {
    private FitConductances() {
    }

    /**
     * Prints the true and the fitted conductances.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        double dtMs = 0.025;
        double tMaxMs = 10.0;
        double[] truth = {0.05, 0.005}; // gNa, gK in S/cm²
        long seed = 2026;

        Compartment c = new Compartment();
        c.set(CompartmentField.LENGTH, 20.0);
        c.set(CompartmentField.RADIUS, 10.0);
        c.insert(Na.MECHANISM);
        c.insert(K.MECHANISM);
        c.insert(Leak.MECHANISM);
        c.initStates();
        double[] step = Stimuli.stepCurrent(1.0, 8.0, 0.1, dtMs, tMaxMs); // 0.1 nA
        c.stimulate(step);
        c.record();
        Plan plan = c.compile();
        ParameterLayout layout = new ParameterLayout(c).add(c.all(), Na.G_NA).add(c.all(), K.G_K);
        Protocol protocol = Protocol.defaults().withDt(dtMs).withTMax(tMaxMs);
        int threads = 2; // results are bitwise the same for any fixed thread count

        // The target: the model simulated at the true values.
        FitProblem draft = FitProblem.builder(plan, layout).protocol(protocol)
                .experiment(new Experiment("0.1 nA", Map.of(0, step), Losses.stridedMean(1), 1))
                .engine(new CpuEngine(threads)).build();
        Recordings target = draft.simulate(truth);
        double[][] targetTrace = {target.trace(0, 0)};

        FitProblem problem = FitProblem.builder(plan, layout).protocol(protocol)
                .experiment(new Experiment("0.1 nA", Map.of(0, step), Losses.meanSquaredError(targetTrace), 1))
                .gradientEngine(new CpuGradientEngine(threads, CheckpointPolicy.uniform(20)))
                .engine(new CpuEngine(threads)).build();
        double[][] starts = Starts.logUniform(truth, 1.5, 2, seed); // within ×/÷ 1.5 of the truth
        RunControl control = new RunControl(p -> {
            if (p.phase().equals("fit") && p.done() % 10 == 0) {
                System.out.printf(Locale.ROOT, "fit: round %d of %d%n", p.done(), p.total());
            }
        });
        FitResult result = Fitter.builder().optimizer(new Lbfgs()).maxRounds(40).gradientTolerance(1e-12).build()
                .fit(problem, starts, seed, control);
        double[] best = result.best().bestValues();
        System.out.printf(Locale.ROOT, "fit: truth %s, fitted %s, loss %.3g after %d rounds%n", Arrays.toString(truth),
                Arrays.toString(best), result.best().bestLoss(), result.rounds());
        List<String> names = problem.parameterNames();
        for (int p = 0; p < best.length; p++) {
            System.out.printf(Locale.ROOT, "fit: %s relative error %.2e%n", names.get(p),
                    Math.abs(best[p] - truth[p]) / truth[p]);
        }
    }
}
