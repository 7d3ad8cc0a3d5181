package org.huxley.neuron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.huxley.engine.CpuEngine;
import org.junit.jupiter.api.Test;

/**
 * The reading rules where the NEURON files have no case (an IClamp at a junction and at both kinds
 * of dead end, a child at parent(0), several cells, unequal diameters at a junction), checked
 * against {@link PassiveNeuronScheme}, a literal dense implementation of NEURON's node scheme.
 */
class NeuronPassiveSchemeTest {
    private static NeuronSection sec(String name, String parent, double parentX, double l, double diam, int nseg,
            double ra) {
        return new NeuronSection(name, parent, parentX, 0.0, l, diam, nseg, ra, 1.0,
                Map.of("pas", Map.of("g", 2e-4, "e", -65.0)), Map.of());
    }

    @Test
    void junctionsDeadEndsAndReattachedChildrenMatchNeuronsScheme() {
        List<NeuronSection> sections = List.of(
                sec("soma", null, Double.NaN, 20, 15, 3, 80),
                sec("d1", "soma", 1.0, 150, 2, 4, 120),
                sec("d2", "soma", 1.0, 90, 1.2, 2, 100),
                sec("d3", "d1", 1.0, 60, 0.8, 3, 150),
                sec("d4", "d1", 0.0, 40, 1.5, 1, 100),
                sec("iso", null, Double.NaN, 50, 3, 2, 100));
        List<NeuronIClamp> stimuli = List.of(
                NeuronIClamp.pulse(new NeuronLocation("soma", 0.0), 1.0, 3.0, 0.2),
                NeuronIClamp.pulse(new NeuronLocation("d2", 0.0), 2.0, 4.0, -0.15),
                NeuronIClamp.pulse(new NeuronLocation("d1", 1.0), 0.5, 2.0, 0.1),
                NeuronIClamp.pulse(new NeuronLocation("d3", 1.0), 3.0, 2.0, 0.05),
                NeuronIClamp.pulse(new NeuronLocation("d2", 0.3), 0.0, 8.0, 0.02),
                new NeuronIClamp(new NeuronLocation("iso", 1.0), 0.0, 9.0, 0.0, new double[] {0, 4, 9},
                        new double[] {0, 0.3, -0.1}));
        List<NeuronLocation> sites = new ArrayList<>();
        for (NeuronSection s : sections) {
            for (double x : new double[] {0.0, 0.3, 0.5, 1.0}) {
                sites.add(new NeuronLocation(s.name(), x));
            }
        }
        NeuronModel model = new NeuronModel("passive tree", sections, stimuli, sites,
                new NeuronSimulation(0.025, 10.0, 6.3, -70.0), 2);

        double[][] expected = new PassiveNeuronScheme(sections).run(model);
        NeuronTraces got = NeuronReader.read(model).run(new CpuEngine(1));
        double worst = 0;
        for (int i = 0; i < sites.size(); i++) {
            double err = 0;
            for (int k = 0; k < expected[i].length; k++) {
                err = Math.max(err, Math.abs(expected[i][k] - got.voltage(i)[k]));
            }
            assertTrue(err <= 1e-9, sites.get(i) + ": max |dv| " + err + " mV");
            worst = Math.max(worst, err);
        }
        System.out.printf(Locale.ROOT, "passive NEURON scheme, %d sites: worst %.3e mV%n", sites.size(), worst);
    }
}
