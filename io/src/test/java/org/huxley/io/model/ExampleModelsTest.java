package org.huxley.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.expr.Exprs;
import org.huxley.fit.examples.Ca1Example;
import org.huxley.io.TraceCsv;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.params.ParameterLayout;
import org.huxley.stim.Stimuli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled example model files load, simulate, and equal the same models built in code. */
class ExampleModelsTest {
    static final Path EXAMPLES = Path.of("..", "examples", "models");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(files.size() >= 5, "expected the five example models in " + EXAMPLES.toAbsolutePath());
            return files.stream();
        }
    }

    static Recordings simulate(HuxleyModel m) {
        return new CpuEngine(1).run(m.compile(), m.protocol());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void loadsAndSimulates(Path file) {
        HuxleyModel m = ModelFile.read(file);
        assertFalse(m.description().isBlank(), "every example explains itself in its description");
        Recordings r = simulate(m);
        assertTrue(r.numRecordings() > 0);
        for (int i = 0; i < r.numRecordings(); i++) {
            for (double x : r.trace(0, i)) {
                assertTrue(Double.isFinite(x), file + ": " + r.labels().get(i) + " is not finite");
            }
        }
        double[] v = r.trace(0, 0);
        double range = Stream.of(v).flatMapToDouble(java.util.Arrays::stream).max().orElseThrow()
                - Stream.of(v).flatMapToDouble(java.util.Arrays::stream).min().orElseThrow();
        assertTrue(range > 20.0, file + ": the first recording should spike, range " + range + " mV");
        ParameterLayout layout = m.layout();
        assertTrue(layout.size() > 0, file + ": examples declare trainables");
        m.bounds(layout).transform();
    }

    @Test
    void hhCompartmentFileEqualsTheModelBuiltInCode() {
        HuxleyModel m = ModelFile.read(EXAMPLES.resolve("hh-compartment.json"));
        Compartment c = new Compartment();
        c.set(CompartmentField.LENGTH, 20.0);
        c.set(CompartmentField.RADIUS, 10.0);
        c.insert(HH.MECHANISM);
        c.set(HH.G_NA, 0.12);
        c.set(HH.G_K, 0.036);
        c.initStates();
        c.stimulate(Stimuli.stepCurrent(2.0, 10.0, 0.2, 0.025, 15.0));
        c.record();
        c.record(HH.M);
        Protocol p = Protocol.defaults().withDt(0.025).withTMax(15.0);
        assertEquals(p, m.protocol());
        assertEquals(Precision.FLOAT64, m.precision());
        assertEquals(42L, m.seed());
        assertSameTraces(new CpuEngine(1).run(c.compile(), p), simulate(m), 0.0);
    }

    @Test
    void ca1FileEqualsTheBundledFittingExample() {
        HuxleyModel m = ModelFile.read(EXAMPLES.resolve("ca1-swc.json"));
        Ca1Example.Config cfg = Ca1Example.Config.defaults().withThreads(1);
        Cell cell = Ca1Example.cell(cfg, Ca1Example.TRUTH);
        assertEquals(cfg.protocol(), m.protocol());
        assertSameTraces(new CpuEngine(1).run(cell.compile(), cfg.protocol()), simulate(m), 0.0);
        ParameterLayout layout = m.layout();
        assertEquals(Ca1Example.layout(cell).names(), layout.names());
        assertArrayEquals(Ca1Example.TRUTH, layout.initialValues(), 1e-15); // means over each region
    }

    @Test
    void userHhWrittenAsExpressionsSimulatesLikeTheBuiltInHh() {
        HuxleyModel m = ModelFile.read(EXAMPLES.resolve("user-channel.json"));
        Branch br = Branch.of(3);
        br.set(CompartmentField.LENGTH, 20.0);
        br.set(CompartmentField.RADIUS, 5.0);
        br.insert(HH.MECHANISM);
        br.insert(ih());
        br.initStates();
        double[] ramp = TraceCsv.read(EXAMPLES.resolve("ramp-current.csv")).get(0).values();
        br.comp(0).stimulate(ramp);
        br.comp(0, 2).record();
        br.comp(2).record(ih().current());
        Recordings expected = new CpuEngine(1).run(br.compile(), m.protocol());
        Recordings actual = simulate(m);
        assertEquals(3, actual.numRecordings());
        assertSameTraces(expected, actual, 1e-12);
    }

    /** The file's Ih, built in code. */
    private static Mechanism ih() {
        MechanismBuilder b = Mechanism.channel("Ih");
        Param g = b.param("gh", "S/cm^2", 1e-4, 0.0, 1.0);
        Param e = b.param("eh", "mV", -30.0, -200.0, 200.0);
        StateVar q = b.state("q", "1", 0.0, 0.0, 1.0);
        var v = b.v();
        b.gateInfTau(q, Exprs.div(Exprs.c(1.0), Exprs.add(Exprs.c(1.0), Exprs.saveExp(Exprs.div(Exprs.add(v,
                Exprs.c(80.0)), Exprs.c(6.0))))), Exprs.add(Exprs.c(100.0), Exprs.mul(Exprs.c(500.0), Exprs.saveExp(
                Exprs.neg(Exprs.pow(Exprs.div(Exprs.add(v, Exprs.c(70.0)), Exprs.c(20.0)), 2))))));
        return b.current("i_h", Exprs.mul(g.expr(), q.expr(), Exprs.sub(v, e.expr()))).build();
    }

    static void assertSameTraces(Recordings expected, Recordings actual, double toleranceMv) {
        assertEquals(expected.numRecordings(), actual.numRecordings());
        assertEquals(expected.numSamples(), actual.numSamples());
        for (int i = 0; i < expected.numRecordings(); i++) {
            assertArrayEquals(expected.trace(0, i), actual.trace(0, i), toleranceMv, "recording " + i + " ("
                    + actual.labels().get(i) + ")");
        }
    }
}
