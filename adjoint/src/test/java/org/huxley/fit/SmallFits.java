package org.huxley.fit;

import java.util.List;
import java.util.Map;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.Losses;
import org.huxley.adjoint.transform.ParameterTransform;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;

/** A single spiking compartment with three trainable conductances and two step amplitudes. */
final class SmallFits {
    static final double[] TRUTH = {0.05, 0.005, 1e-4};
    static final double DT = 0.025;
    static final double T_MAX = 15.0;

    private SmallFits() {
    }

    static double[] step(double amplitudeNa) {
        return Stimuli.stepCurrent(2.0, 10.0, amplitudeNa, DT, T_MAX);
    }

    /** The fit problem (target simulated from TRUTH); {@code threads} engine threads. */
    static FitProblem problem(int threads, ParameterTransform transform) {
        Compartment c = new Compartment();
        c.set(CompartmentField.LENGTH, 20.0);
        c.set(CompartmentField.RADIUS, 10.0);
        c.insert(Na.MECHANISM);
        c.insert(K.MECHANISM);
        c.insert(Leak.MECHANISM);
        c.initStates();
        c.stimulate(step(0.1));
        c.record();
        Plan plan = c.compile();
        ParameterLayout layout = new ParameterLayout(c).add(c.all(), Na.G_NA).add(c.all(), K.G_K)
                .add(c.all(), Leak.G_LEAK);
        Protocol protocol = Protocol.defaults().withDt(DT).withTMax(T_MAX);
        List<Experiment> draft = List.of(new Experiment("0.1 nA", Map.of(0, step(0.1)), Losses.stridedMean(1), 1),
                new Experiment("0.2 nA", Map.of(0, step(0.2)), Losses.stridedMean(1), 1));
        FitProblem.Builder b = FitProblem.builder(plan, layout).protocol(protocol)
                .gradientEngine(new CpuGradientEngine(threads, null)).engine(new CpuEngine(threads));
        if (transform != null) {
            b.transform(transform);
        }
        Recordings target = b.experiments(draft).build().simulate(TRUTH);
        FitProblem.Builder fb = FitProblem.builder(plan, layout).protocol(protocol)
                .gradientEngine(new CpuGradientEngine(threads, null)).engine(new CpuEngine(threads));
        if (transform != null) {
            fb.transform(transform);
        }
        for (int e = 0; e < draft.size(); e++) {
            double[][] t = {target.trace(e, 0)};
            fb.experiment(new Experiment(draft.get(e).name(), draft.get(e).stimuli(), Losses.meanSquaredError(t), 1));
        }
        return fb.build();
    }

    static FitProblem problem(int threads) {
        return problem(threads, null);
    }
}
