package org.huxley.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.stim.Stimuli;

/**
 * The single-compartment model behind the NWB fixture: a 20 µm × 10 µm-radius soma with
 * Pospischil Na, K and Leak. {@link #main} wrote {@code single_comp_sweeps.csv} (the data that
 * {@code make_nwb_fixture.py} turned into {@code single_comp.nwb}); see the README there.
 */
final class SingleCompartment {
    static final double[] TRUTH = {0.05, 0.005, 1e-4};
    static final double DT = 0.025;
    static final int RECORD_EVERY = 2;
    static final double T_MAX = 30.0;
    static final double[] AMPLITUDES = {0.1, 0.2};

    private SingleCompartment() {
    }

    static Compartment model(double[] g) {
        Compartment c = new Compartment();
        c.set(CompartmentField.LENGTH, 20.0);
        c.set(CompartmentField.RADIUS, 10.0);
        c.insert(Na.MECHANISM);
        c.insert(K.MECHANISM);
        c.insert(Leak.MECHANISM);
        c.set(Na.G_NA, g[0]);
        c.set(K.G_K, g[1]);
        c.set(Leak.G_LEAK, g[2]);
        c.initStates();
        c.stimulate(step(AMPLITUDES[0]));
        c.record();
        return c;
    }

    static double[] step(double amplitudeNa) {
        return Stimuli.stepCurrent(5.0, 20.0, amplitudeNa, DT, T_MAX);
    }

    static Protocol protocol() {
        return Protocol.defaults().withDt(DT).withTMax(T_MAX).withRecordEvery(RECORD_EVERY);
    }

    /** Writes the fixture's source data: per amplitude the voltage (mV) and the current (nA) at 20 kHz. */
    public static void main(String[] args) {
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < AMPLITUDES.length; i++) {
            Compartment c = model(TRUTH);
            c.deleteStimuli();
            double[] stim = step(AMPLITUDES[i]);
            c.stimulate(stim);
            Recordings rec = new CpuEngine(1).run(c.compile(), protocol());
            double[] v = rec.trace(0, 0);
            double[] cur = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                cur[k] = stim[k * RECORD_EVERY];
            }
            traces.add(new Trace("v_sweep" + i + "_mV", "mV", 0, DT * RECORD_EVERY, v));
            traces.add(new Trace("i_sweep" + i + "_nA", "nA", 0, DT * RECORD_EVERY, cur));
        }
        TraceCsv.write(Path.of(args.length > 0 ? args[0] : "single_comp_sweeps.csv"), traces, List.of(
                "single compartment (length 20 um, radius 10 um), Pospischil Na, K, Leak",
                "gNa = 0.05, gK = 0.005, gLeak = 1e-4 S/cm^2; steps from 5 ms for 20 ms",
                "simulated by Huxley (CpuEngine, dt 0.025 ms), every 2nd sample kept (20 kHz)"));
    }
}
