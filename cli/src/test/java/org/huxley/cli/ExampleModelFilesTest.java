package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.io.TraceCsv;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code huxley simulate} on every model file in examples/models gives the library's traces. */
class ExampleModelFilesTest {
    /** examples/models of this repository (tests run in the cli module's folder). */
    static final Path EXAMPLES = Path.of("..", "examples", "models");

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreExamples() throws IOException {
        assertTrue(exampleFiles().count() >= 3, "examples/models should hold model files");
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void simulateMatchesTheLibrary(Path file, @TempDir Path dir) {
        CliRun run = CliRun.of("simulate", "--model", file.toString(), "--engine", "cpu", "--out", dir.toString(),
                "--no-plot", "--quiet");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        HuxleyModel m = ModelFile.read(file);
        Recordings direct = new CpuEngine().run(m.compile(), m.protocol());
        SimulateCommandTest.assertSameTraces(direct, TraceCsv.read(dir.resolve("traces.csv")));
        List<String> csv = TraceCsvLines.comments(dir.resolve("traces.csv"));
        assertTrue(csv.contains("seed: " + m.seed()), csv.toString());
    }
}
