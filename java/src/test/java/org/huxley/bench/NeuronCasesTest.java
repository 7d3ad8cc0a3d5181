package org.huxley.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.model.Network;
import org.huxley.neuron.NeuronLocation;
import org.huxley.neuron.NeuronModel;
import org.huxley.neuron.NeuronReader;
import org.huxley.neuron.NeuronTraces;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NEURON's benchmark cases i–iii: sizes, the two forms agree, the stimulated cells spike. */
class NeuronCasesTest {
    @Test
    void descriptionsHaveNeuronsSizes() {
        int[][] expect = {{1000, 1000, 1000}, {1, 1023, 4092}, {100, 25500, 102000}};
        for (int c = 0; c < 3; c++) {
            NeuronModel m = NeuronCases.model(NeuronCases.NAMES.get(c));
            assertEquals(expect[c][0], m.sections().stream().filter(s -> s.parent() == null).count());
            assertEquals(expect[c][1], m.sections().size());
            assertEquals(expect[c][2], m.sections().stream().mapToInt(s -> s.nseg()).sum());
            assertEquals(expect[c][0], m.stimuli().size());
            assertEquals(NeuronCases.STEPS, m.simulation().steps());
        }
    }

    @ParameterizedTest(name = "case {0}")
    @CsvSource({"i, 1000, 1000", "ii, 1, 4092"})
    void networkAndBatchFormsAgree(String name, int cells, int compartments) {
        checkForms(name, cells, compartments, 200);
    }

    /** Reading 102,000 compartments takes ~15 s (Cell/Network copies and compiling), so: slow. */
    @Test
    @Tag("slow")
    void caseIiiForms() {
        checkForms("iii", 100, 102000, 20);
    }

    private static void checkForms(String name, int cells, int compartments, int steps) {
        Workload net = NeuronCases.network(name);
        assertEquals(cells, net.model().numCells());
        assertEquals(cells > 1, net.model() instanceof Network);
        assertEquals(compartments, net.plan().numCompartments());
        assertEquals(1, net.batch().size());
        assertEquals(cells, net.plan().recordings().size());
        assertEquals(compartments * (double) NeuronCases.STEPS, net.compartmentSteps());
        Workload one = NeuronCases.batch(name);
        assertEquals(cells, one.batch().size());
        assertEquals(compartments * (double) NeuronCases.STEPS, one.compartmentSteps());
        Recordings a = new CpuEngine(1).run(net.plan(), net.protocol().withSteps(steps));
        Recordings b = new CpuEngine(1).run(one.plan(), one.protocol().withSteps(steps), one.batch());
        assertArrayEquals(b.trace(0, 0), a.trace(0, cells - 1), 1e-12);
        assertArrayEquals(b.trace(cells - 1, 0), a.trace(0, 0), 1e-12);
    }

    @Test
    void caseIFiresRepeatedly() {
        Workload one = NeuronCases.batch("i");
        Recordings r = new CpuEngine(1).run(one.plan(), one.protocol());
        double[] v = r.trace(0, 0);
        int spikes = 0;
        for (int k = 1; k < v.length; k++) {
            spikes += v[k - 1] < 0 && v[k] >= 0 ? 1 : 0;
        }
        assertTrue(spikes >= 5, spikes + " spikes");
    }

    @Test
    void caseIiiSpikeInvadesTheTree() {
        assertSpikeReachesLeaf("iii", 255);
    }

    @Test
    @Tag("slow")
    void caseIiSpikeInvadesTheTree() {
        assertSpikeReachesLeaf("ii", 1023);
    }

    private static void assertSpikeReachesLeaf(String name, int sections) {
        NeuronModel full = NeuronCases.model(name);
        NeuronModel tree = new NeuronModel(name, full.sections().subList(0, sections), full.stimuli().subList(0, 1),
                List.of(new NeuronLocation("c0_s0", 0.5), new NeuronLocation("c0_s" + (sections - 1), 1.0)),
                full.simulation(), 1);
        NeuronTraces t = NeuronReader.read(tree).run(new CpuEngine(1));
        assertEquals(1, t.crossingsMs(0, 0.0).size(), "stimulated compartment");
        assertEquals(1, t.crossingsMs(1, 0.0).size(), "last leaf");
        assertTrue(t.crossingsMs(1, 0.0).get(0) > t.crossingsMs(0, 0.0).get(0));
    }
}
