package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Losses;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.io.TraceCsv;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.ModelFile;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** simulate and grad on model files, and the errors of bad ones (exit code 2, one line, where). */
class ModelFileCommandsTest {
    private static final Path BALL = TestModels.path("ball-and-stick.json");

    @Test
    void simulateMatchesTheLibraryOnTheFile(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("simulate", "--model", BALL.toString(), "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        HuxleyModel m = ModelFile.read(BALL);
        Recordings direct = new CpuEngine().run(m.compile(), m.protocol());
        SimulateCommandTest.assertSameTraces(direct, TraceCsv.read(dir.resolve("traces.csv")));
        JsonNode json = run.json();
        assertEquals(42, json.get("seed").asLong(), "the file's seed is recorded");
        assertEquals(600, json.get("steps").asInt());
        assertTrue(Files.readAllLines(dir.resolve("traces.csv")).contains("# seed: 42"));
        // v (two recordings) and HH.m: two panels
        PngAssertions.assertPlot(dir.resolve("traces.png"), TracePlot.WIDTH,
                2 * TracePlot.PANEL_HEIGHT + PngFile.FOOTER_HEIGHT);
    }

    @Test
    void tMaxAndDtOverridesResampleTheFilesStimuli(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("simulate", "--model", BALL.toString(), "--t-max", "6", "--dt", "0.05", "--out",
                dir.toString(), "--json", "--no-plot");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        String text = Files.readString(BALL).replace("\"dt\": 0.025, \"t_max\": 15.0", "\"dt\": 0.05, \"t_max\": 6.0");
        assertTrue(text.contains("\"t_max\": 6.0"), "test setup: protocol text replaced");
        HuxleyModel m = ModelFile.parse(text, BALL.toString());
        Recordings direct = new CpuEngine().run(m.compile(), m.protocol());
        SimulateCommandTest.assertSameTraces(direct, TraceCsv.read(dir.resolve("traces.csv")));
        assertEquals(120, run.json().get("steps").asInt());
    }

    @Test
    void gradMatchesTheGradientEngineOnTheFile(@TempDir Path dir) {
        CliRun run = CliRun.of("grad", "--model", BALL.toString(), "--perturb", "-0.1", "--out", dir.toString(),
                "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        HuxleyModel m = ModelFile.read(BALL);
        Plan plan = m.compile();
        ParameterSets target = m.layout().batch(1);
        for (int p = 0; p < target.layout().size(); p++) {
            target.set(0, p, target.get(0, p) * 0.9);
        }
        Recordings t = new CpuEngine().run(plan, m.protocol(), new Batch(target));
        double[][] tt = new double[t.numRecordings()][];
        for (int r = 0; r < tt.length; r++) {
            tt[r] = t.trace(0, r);
        }
        GradientResult g = new CpuGradientEngine().valueAndGradient(plan, m.protocol(), new Batch(m.layout().batch(1)),
                Losses.meanSquaredError(tt));
        JsonNode json = run.json();
        assertEquals(g.loss(0), json.get("loss").get("value").asDouble(), 1e-12 * g.loss(0));
        List<String> names = m.layout().names();
        assertEquals(names.size(), json.get("gradient").size());
        for (int p = 0; p < names.size(); p++) {
            JsonNode gp = json.get("gradient").get(p);
            assertEquals(names.get(p), gp.get("name").asString());
            assertEquals(g.gradient(0)[p], gp.get("dloss_dvalue").asDouble(), 1e-10 * Math.abs(g.gradient(0)[p]));
        }
        assertEquals("radius", json.get("gradient").get(1).get("field").asString());
        assertEquals(42, json.get("seed").asLong());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ExitCodesTest.assertOneCleanLine(CliRun.of("simulate", "--model", TestModels.path("malformed.json").toString()),
                ExitCodes.BAD_INPUT, "malformed.json:4:3", "malformed JSON");
    }

    @Test
    void schemaViolationGivesTheJsonPath() {
        ExitCodesTest.assertOneCleanLine(CliRun.of("simulate", "--model", TestModels.path("bad-field.json").toString()),
                ExitCodes.BAD_INPUT, "bad-field.json", "$.cells[0].branches[0].radius");
    }

    @Test
    void missingSwcNamesTheFile() {
        ExitCodesTest.assertOneCleanLine(CliRun.of("simulate", "--model",
                TestModels.path("missing-swc.json").toString()),
                ExitCodes.BAD_INPUT, "$.cells[0].swc", "no-such-morphology.swc");
    }

    @Test
    void unknownEngineInTheFile() {
        ExitCodesTest.assertOneCleanLine(CliRun.of("simulate", "--model",
                TestModels.path("unknown-engine.json").toString()), ExitCodes.BAD_INPUT, "$.protocol.engine", "tpu");
    }

    @Test
    void aDivergingModelExitsWith3(@TempDir Path dir) {
        CliRun run = CliRun.of("simulate", "--model", TestModels.path("diverges.json").toString(), "--out",
                dir.toString(), "--engine", "cpu");
        assertEquals(ExitCodes.DIVERGED, run.code(), run.toString());
        assertTrue(run.err().contains("diverged") && run.err().contains("at step"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }
}
