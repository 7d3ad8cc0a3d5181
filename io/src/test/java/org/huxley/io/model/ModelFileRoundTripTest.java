package org.huxley.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.params.ParameterLayout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Save a model built in code, load it, simulate both on the CPU engine: the traces are bit-identical. */
class ModelFileRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        return Stream.of(Arguments.of("hh-compartment", (Supplier<HuxleyModel>) CodeModels::hhCompartment),
                Arguments.of("binary-tree", (Supplier<HuxleyModel>) CodeModels::binaryTree),
                Arguments.of("small-network", (Supplier<HuxleyModel>) CodeModels::network),
                Arguments.of("user-channel", (Supplier<HuxleyModel>) CodeModels::userChannel));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void savedAndLoadedModelGivesBitIdenticalTraces(String name, Supplier<HuxleyModel> build) {
        HuxleyModel original = build.get();
        Path file = dir.resolve(name + ".json");
        ModelFile.write(original, file);
        HuxleyModel loaded = ModelFile.read(file);

        Recordings a = new CpuEngine(1).run(original.compile(), original.protocol());
        Recordings b = new CpuEngine(1).run(loaded.compile(), loaded.protocol());
        assertEquals(a.labels(), b.labels());
        assertEquals(a.numSamples(), b.numSamples());
        for (int r = 0; r < a.numRecordings(); r++) {
            assertArrayEquals(a.trace(0, r), b.trace(0, r), "trace " + a.labels().get(r));
        }
        double[] v = a.trace(0, 0);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        assertTrue(hi - lo > 5.0, "the first trace should respond to the stimulus, range " + (hi - lo) + " mV");

        assertEquals(original.name(), loaded.name());
        assertEquals(original.protocol(), loaded.protocol());
        assertEquals(original.precision(), loaded.precision());
        assertEquals(original.engine(), loaded.engine());
        assertEquals(original.seed(), loaded.seed());
        assertEquals(original.trainables(), loaded.trainables());
        ParameterLayout la = original.layout();
        ParameterLayout lb = loaded.layout();
        assertEquals(la.names(), lb.names());
        assertArrayEquals(la.initialValues(), lb.initialValues());
        assertEquals(ModelFile.toJson(original), ModelFile.toJson(loaded), "writing the loaded model gives the same file");
    }

    static Stream<Path> examples() throws java.io.IOException {
        return ExampleModelsTest.examples();
    }

    /** Example files rewritten by the writer (SWC cells become explicit branches with measured geometry) simulate identically. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void rewrittenExampleGivesBitIdenticalTraces(Path example) {
        HuxleyModel original = ModelFile.read(example);
        Path copy = dir.resolve(example.getFileName());
        ModelFile.write(original, copy);
        HuxleyModel loaded = ModelFile.read(copy);
        ExampleModelsTest.assertSameTraces(ExampleModelsTest.simulate(original), ExampleModelsTest.simulate(loaded), 0.0);
        assertEquals(original.layout().names(), loaded.layout().names());
    }

    @org.junit.jupiter.api.Test
    void aChangedValueInTheFileChangesTheTraces() {
        HuxleyModel original = CodeModels.network();
        String json = ModelFile.toJson(original);
        assertTrue(json.contains("\"gS\" : [ 0.02, 0.05 ]"), "the per-edge conductances are in the file");
        HuxleyModel changed = ModelFile.parse(json.replace("\"gS\" : [ 0.02, 0.05 ]", "\"gS\" : [ 0.02, 0.5 ]"),
                dir.resolve("changed.json").toString());
        Recordings a = new CpuEngine(1).run(original.compile(), original.protocol());
        Recordings b = new CpuEngine(1).run(changed.compile(), changed.protocol());
        int post = a.labels().indexOf("v @ cell 2 branch 0 comp 0");
        assertTrue(post >= 0, "cell 2 is recorded: " + a.labels());
        assertTrue(!java.util.Arrays.equals(a.trace(0, post), b.trace(0, post)), "a 10x stronger synapse onto cell 2 "
                + "changes its voltage");
    }
}
