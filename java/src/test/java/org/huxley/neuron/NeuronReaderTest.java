package org.huxley.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.model.Cell;
import org.huxley.model.Network;
import org.huxley.model.Site;
import org.junit.jupiter.api.Test;

/** The reading rules: sites, topology, sampling, mechanisms, and what is refused. */
class NeuronReaderTest {
    private static final Map<String, Map<String, Double>> HH = Map.of("hh", Map.of());

    private static NeuronSection sec(String name, String parent, double parentX, int nseg) {
        return new NeuronSection(name, parent, parentX, 0.0, 100.0, 2.0, nseg, 100.0, 1.0, HH, Map.of());
    }

    private static NeuronModel model(List<NeuronSection> sections, List<NeuronLocation> record) {
        return new NeuronModel("t", sections, List.of(), record, NeuronSimulation.defaults(1.0), 1);
    }

    @Test
    void positionsLandOnNeuronsNodes() {
        NeuronModel m = NeuronReferences.model("c_ycell_hh");
        NeuronTopology topo = new NeuronTopology(m.sections());
        // x = 0.5 with even nseg is the centre of segment nseg/2 (NEURON), not Jaxley's loc(0.5).
        NeuronNode.Centre mid = assertInstanceOf(NeuronNode.Centre.class, topo.resolve(new NeuronLocation("dend1", 0.5)));
        assertEquals(new Site(0, 1, 4), mid.site());
        assertEquals(0.5625, mid.nodeX());
        // soma(1) and dend2(0) are the same junction: Huxley's branch point of the soma.
        NeuronNode.ZeroArea j1 = assertInstanceOf(NeuronNode.ZeroArea.class, topo.resolve(new NeuronLocation("soma", 1)));
        NeuronNode.ZeroArea j2 = assertInstanceOf(NeuronNode.ZeroArea.class, topo.resolve(new NeuronLocation("dend2", 0)));
        assertEquals(j1.key(), j2.key());
        assertEquals(List.of(new Site(0, 0, 0), new Site(0, 1, 0), new Site(0, 2, 0)), j1.neighbours());
        assertEquals(1.0, j1.share(0) + j1.share(1) + j1.share(2), 1e-15);
        // dend2(1) is a dead end: its last compartment only, half a segment away.
        NeuronNode.ZeroArea end = assertInstanceOf(NeuronNode.ZeroArea.class, topo.resolve(new NeuronLocation("dend2", 1)));
        assertEquals(List.of(new Site(0, 2, 11)), end.neighbours());
        double rHalf = 1e-2 * 100.0 * (300.0 / 12 / 2) / (Math.PI * 0.75 * 0.75);
        assertEquals(rHalf, end.halfResistancesMOhm()[0], 1e-12 * rHalf);
        assertEquals(1.0, end.share(0));
        assertEquals(-60.0 + 0.5 * rHalf, end.voltage(new double[] {-60.0}, 0.5), 1e-12);
    }

    @Test
    void zeroAreaVoltageIsTheCurrentBalance() {
        NeuronNode.ZeroArea z = new NeuronNode.ZeroArea("j", List.of(new Site(0, 0, 0), new Site(0, 1, 0)),
                new double[] {2.0, 6.0}, 1.0);
        double v = z.voltage(new double[] {-60.0, -70.0}, 0.3);
        assertEquals(0.0, (-60.0 - v) / 2.0 + (-70.0 - v) / 6.0 + 0.3, 1e-14, "currents into the node sum to 0");
        assertEquals(0.75, z.share(0), 1e-15);
    }

    @Test
    void childAtParentStartHangsFromTheParentsOwnNode() {
        NeuronModel m = model(List.of(sec("soma", null, Double.NaN, 1), sec("a", "soma", 1.0, 3),
                sec("b", "a", 0.0, 2), sec("c", "a", 1.0, 1)), List.of(new NeuronLocation("b", 0.0)));
        NeuronReading r = NeuronReader.read(m);
        Cell cell = assertInstanceOf(Cell.class, r.module());
        assertArrayEquals(new int[] {-1, 0, 0, 1}, cell.parents(0));
        NeuronNode.ZeroArea z = assertInstanceOf(NeuronNode.ZeroArea.class, r.sites().get(0));
        assertEquals("soma(1)", z.key());
        assertEquals(3, z.neighbours().size());
    }

    @Test
    void severalRootsMakeANetwork() {
        NeuronModel m = model(List.of(sec("s0", null, Double.NaN, 1), sec("s1", null, Double.NaN, 2),
                sec("d1", "s1", 1.0, 2)), List.of(new NeuronLocation("d1", 0.9)));
        NeuronReading r = NeuronReader.read(m);
        Network net = assertInstanceOf(Network.class, r.module());
        assertEquals(2, net.numCells());
        assertEquals(new Site(1, 1, 1), ((NeuronNode.Centre) r.sites().get(0)).site());
    }

    @Test
    void unrepresentableAttachmentsAreRefused() {
        NeuronSection soma = sec("soma", null, Double.NaN, 1);
        ModelException atRootStart = assertThrows(ModelException.class, () -> NeuronReader.read(
                model(List.of(soma, sec("d", "soma", 0.0, 1)), List.of(new NeuronLocation("soma", 0.5)))));
        assertTrue(atRootStart.getMessage().contains("soma(0)"), atRootStart.getMessage());
        ModelException mid = assertThrows(ModelException.class, () -> NeuronReader.read(
                model(List.of(soma, sec("d", "soma", 0.5, 1)), List.of(new NeuronLocation("soma", 0.5)))));
        assertTrue(mid.getMessage().contains("segment centre"), mid.getMessage());
        NeuronSection reversed = new NeuronSection("d", "soma", 1.0, 1.0, 100, 2, 1, 100, 1, HH, Map.of());
        assertThrows(ModelException.class, () -> NeuronReader.read(
                model(List.of(soma, reversed), List.of(new NeuronLocation("soma", 0.5)))));
        assertThrows(ModelException.class, () -> NeuronReader.read(model(List.of(soma),
                List.of(new NeuronLocation("axon", 0.5)))));
        assertThrows(ModelException.class, () -> model(List.of(sec("d", "soma", 1.0, 1), soma),
                List.of(new NeuronLocation("soma", 0.5))));
    }

    @Test
    void unknownMechanismsAndParametersAreRefused() {
        NeuronSection kdr = new NeuronSection("soma", null, Double.NaN, 0, 10, 10, 1, 100, 1,
                Map.of("kdr", Map.of()), Map.of());
        assertThrows(ModelException.class, () -> NeuronReader.read(model(List.of(kdr),
                List.of(new NeuronLocation("soma", 0.5)))));
        NeuronSection badParam = new NeuronSection("soma", null, Double.NaN, 0, 10, 10, 1, 100, 1,
                Map.of("hh", Map.of("gnabar_hh", 0.1)), Map.of());
        assertThrows(ModelException.class, () -> NeuronReader.read(model(List.of(badParam),
                List.of(new NeuronLocation("soma", 0.5)))));
    }

    @Test
    void iclampIsSampledAtMidStep() {
        NeuronIClamp c = NeuronIClamp.pulse(new NeuronLocation("soma", 0.5), 5.0, 40.0, 0.1);
        double[] s = c.midStepSamples(0.025, 2000);
        assertEquals(2001, s.length);
        assertEquals(0.0, s[199]);     // t_mid 4.9875
        assertEquals(0.1, s[200]);     // t_mid 5.0125
        assertEquals(0.1, s[1799]);    // t_mid 44.9875
        assertEquals(0.0, s[1800]);    // t_mid 45.0125
        NeuronIClamp played = new NeuronIClamp(new NeuronLocation("soma", 0.5), 0.0, 10.0, 0.0,
                new double[] {0.0, 1.0, 2.0}, new double[] {0.0, 1.0, 3.0});
        assertEquals(0.5, played.currentNa(0.5), 1e-15);
        assertEquals(2.0, played.currentNa(1.5), 1e-15);
        assertEquals(3.0, played.currentNa(5.0));
        assertEquals(0.0, played.currentNa(10.0));
    }

    @Test
    void gatesStartAtSteadyStateAndRatesScaleWithTemperature() {
        NeuronSection soma = new NeuronSection("soma", null, Double.NaN, 0, 10, 10, 1, 100, 1, HH,
                Map.of("ena", 55.0));
        NeuronModel m = new NeuronModel("t", List.of(soma), List.of(), List.of(new NeuronLocation("soma", 0.5)),
                new NeuronSimulation(0.025, 1.0, 16.3, -65.0), 1);
        NeuronReading r = NeuronReader.read(m);
        assertEquals(3.0, r.module().all().get(NeuronHh.Q10)[0], 1e-15);
        assertEquals(55.0, r.module().all().get(NeuronHh.ENA)[0]);
        assertEquals(-77.0, r.module().all().get(NeuronHh.EK)[0]);
        double v = -65.0;
        double am = 0.1 * (-(v + 40)) / (Math.exp(-(v + 40) / 10) - 1);
        double bm = 4 * Math.exp(-(v + 65) / 18);
        assertEquals(am / (am + bm), r.module().all().get(NeuronHh.M)[0], 1e-15);
        assertEquals(1.0, NeuronMechanisms.hhQ10(6.3));
        assertEquals(2000, NeuronSimulation.defaults(50.0).steps());
    }
}
