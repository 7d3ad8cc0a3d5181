package org.huxley.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.Losses;
import org.huxley.engine.Protocol;
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
import org.huxley.params.ParameterLayout;
import org.junit.jupiter.api.Test;

/**
 * End to end: the NWB fixture (written by h5py) is read, its stimuli and responses are put on the
 * simulation grid, and a 3-conductance single-compartment model is fitted to both sweeps at once.
 * The data came from known conductances, so the fit must find them (up to the float32 storage).
 */
class NwbFitTest {
    @Test
    void fitsASingleCompartmentToTheNwbSweeps() {
        NwbFile nwb = NwbReader.read(Fixtures.path("single_comp.nwb"));
        Protocol protocol = SingleCompartment.protocol();
        int steps = (int) Math.round(29.9 / protocol.dtMs()); // the data cover 30 ms
        protocol = protocol.withSteps(steps);
        Compartment model = SingleCompartment.model(new double[] {0.03, 0.01, 2e-4}); // not the truth
        ParameterLayout layout = new ParameterLayout(model).add(model.all(), Na.G_NA).add(model.all(), K.G_K)
                .add(model.all(), Leak.G_LEAK);
        List<Experiment> experiments = new ArrayList<>();
        for (NwbFile.CurrentClampSweep sweep : nwb.sweeps()) {
            double[] stimulus = DataTargets.stimulus(sweep.stimulus(), protocol.dtMs(), steps);
            double[][] target = DataTargets.target(List.of(sweep.response()), protocol, steps);
            experiments.add(new Experiment(sweep.name(), Map.of(0, stimulus), Losses.meanSquaredError(target), 1.0));
        }
        FitProblem problem = FitProblem.builder(model.compile(), layout).protocol(protocol)
                .gradientEngine(new CpuGradientEngine(2, null)).experiments(experiments).build();
        double[][] starts = Starts.logUniform(new double[] {0.05, 0.005, 1e-4}, 1.5, 3, 3);
        FitResult r = Fitter.builder().optimizer(new Lbfgs()).maxRounds(120).gradientTolerance(1e-9).build()
                .fit(problem, starts, 3);
        double[] truth = SingleCompartment.TRUTH;
        assertTrue(r.best().bestLoss() < 1e-6, "loss " + r.best().bestLoss());
        for (int p = 0; p < 3; p++) {
            assertEquals(truth[p], r.best().bestValues()[p], 0.005 * truth[p], problem.parameterNames().get(p));
        }
    }
}
