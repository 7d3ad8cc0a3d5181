package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.ModelFile;
import org.huxley.params.ParameterSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code huxley fit --model M --data D}: recovers known parameters from CSV and NWB data. */
class FitModelCommandTest {
    private static final Path BALL = TestModels.path("ball-and-stick.json");

    @Test
    void recoversTheParametersBehindACsv(@TempDir Path dir) throws Exception {
        // data: the ball-and-stick model with gNa 0.15 (model 0.12) and dendrite radius 0.8 um (model 1.0)
        HuxleyModel m = ModelFile.read(BALL);
        ParameterSets truth = m.layout().batch(1).set(0, 0, 0.15).set(0, 1, 0.8);
        Recordings rec = new CpuEngine().run(m.compile(), m.protocol(), new Batch(truth));
        Path csv = dir.resolve("data.csv");
        TraceFiles.write(csv, rec, 0, m.module(), List.of("synthetic data for FitModelCommandTest"));

        CliRun run = CliRun.of("fit", "--model", BALL.toString(), "--data", csv.toString(), "--starts", "2",
                "--rounds", "40", "--out", dir.resolve("fit").toString(), "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode json = run.json();
        assertEquals(0.15, json.get("parameters").get(0).get("fitted").asDouble(), 1e-4 * 0.15);
        assertEquals(0.8, json.get("parameters").get(1).get("fitted").asDouble(), 1e-4 * 0.8);
        assertEquals(0.12, json.get("parameters").get(0).get("initial").asDouble(), 0.0, "start 0 is the model");
        assertTrue(json.get("best_loss").asDouble() < 1e-8, json.toString());
        assertEquals(1L, json.get("seed").asLong());
        assertEquals("cpu-float64-adjoint", json.get("engine").asString());
        assertEquals(json, Console.mapper().readTree(dir.resolve("fit/fitted-parameters.json").toFile()));
        for (String png : new String[] {"loss-curve.png", "traces.png"}) {
            assertTrue(PngAssertions.textChunks(dir.resolve("fit").resolve(png)).containsKey("commit"), png);
        }
        assertTrue(Files.readString(dir.resolve("fit/summary.txt")).contains("HH.gNa[all]"));
    }

    @Test
    void recoversTheConductancesBehindTheNwbSweeps(@TempDir Path dir) {
        CliRun run = CliRun.of("fit", "--model", TestModels.path("single-comp.json").toString(), "--data",
                TestModels.path("single_comp.nwb").toString(), "--starts", "1", "--rounds", "40", "--out",
                dir.toString(), "--json", "--quiet");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode p = run.json().get("parameters");
        double[] truth = {0.05, 0.005, 1e-4}; // io's SingleCompartment.TRUTH, which made the fixture
        for (int i = 0; i < 3; i++) {
            assertEquals(truth[i], p.get(i).get("fitted").asDouble(), 0.01 * truth[i], p.get(i).toString());
        }
    }

    @Test
    void badCombinationsAreInputErrors(@TempDir Path dir) {
        ExitCodesTest.assertOneCleanLine(CliRun.of("fit", "--model", BALL.toString(), "--out", dir.toString()),
                ExitCodes.BAD_INPUT, "--data");
        ExitCodesTest.assertOneCleanLine(CliRun.of("fit", "--model", BALL.toString(), "--data",
                dir.resolve("none.csv").toString(), "--out", dir.toString(), "--quiet"), ExitCodes.BAD_INPUT,
                "none.csv");
        ExitCodesTest.assertOneCleanLine(CliRun.of("fit", "--model", BALL.toString(), "--data",
                TestModels.path("single_comp.nwb").toString(), "--out", dir.toString(), "--quiet"),
                ExitCodes.BAD_INPUT, "one recording");
    }
}
