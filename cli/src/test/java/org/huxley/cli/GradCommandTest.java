package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Losses;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.io.model.HuxleyModel;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GradCommandTest {
    /** grad's loss and gradient equal CpuGradientEngine's on the same model, target and loss. */
    @Test
    void matchesTheGradientEngineDirectly(@TempDir Path dir) {
        CliRun run = CliRun.of("grad", "--model", "hh-tree", "--t-max", "10", "--perturb", "0.2", "--stride", "2",
                "--engine", "cpu", "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode json = run.json();

        HuxleyModel m = ExampleModels.model("hh-tree", 0.025, 10.0);
        Plan plan = m.compile();
        ParameterLayout layout = m.layout();
        ParameterSets perturbed = layout.batch(1);
        for (int p = 0; p < layout.size(); p++) {
            perturbed.set(0, p, perturbed.get(0, p) * 1.2);
        }
        Recordings target = new CpuEngine(1).run(plan, m.protocol(), new Batch(perturbed));
        double[][] t = new double[target.numRecordings()][];
        for (int r = 0; r < t.length; r++) {
            t[r] = target.trace(0, r);
        }
        GradientResult g = new CpuGradientEngine(1, null).valueAndGradient(plan, m.protocol(),
                new Batch(layout.batch(1)), Losses.meanSquaredError(t, 2));

        assertTrue(g.loss(0) > 0);
        assertEquals(g.loss(0), json.get("loss").get("value").asDouble(), 1e-12 * g.loss(0));
        JsonNode grads = json.get("gradient");
        assertEquals(3, grads.size());
        double[] want = g.gradient(0);
        for (int p = 0; p < want.length; p++) {
            assertEquals(layout.names().get(p), grads.get(p).get("name").asString());
            assertEquals(want[p], grads.get(p).get("dloss_dvalue").asDouble(), 1e-10 * Math.abs(want[p]),
                    layout.names().get(p));
            assertTrue(want[p] != 0, "a gradient that cannot be zero is zero: " + layout.names().get(p));
        }
        assertEquals("HH.gNa", grads.get(0).get("field").asString());
        assertEquals("S/cm^2", grads.get(0).get("unit").asString());
        assertEquals("cpu-float64-adjoint", json.get("engine").asString());
        assertTrue(json.has("seed") && json.has("commit"));
        JsonNode file = JsonMapper.builder().build().readTree(dir.resolve("grad.json").toFile());
        assertEquals(json, file);
    }

    /** simulate's CSV read back as grad's target is the model's own trace: loss and gradient exactly 0. */
    @Test
    void aTargetCsvFromSimulateIsReadBackExactly(@TempDir Path dir) {
        assertEquals(ExitCodes.OK, CliRun.of("simulate", "--model", "hh-single", "--t-max", "8", "--out",
                dir.resolve("sim").toString(), "--no-plot", "--quiet").code());
        CliRun run = CliRun.of("grad", "--model", "hh-single", "--t-max", "8", "--target",
                dir.resolve("sim/traces.csv").toString(), "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertEquals(0.0, run.json().get("loss").get("value").asDouble());
        for (JsonNode p : run.json().get("gradient")) {
            assertEquals(0.0, p.get("dloss_dvalue").asDouble(), p.toString());
        }
    }

    @Test
    void printsATableOfTrainables(@TempDir Path dir) {
        CliRun run = CliRun.of("grad", "--model", "hh-single", "--t-max", "5", "--out", dir.toString());
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.out().startsWith("loss "), run.out());
        assertTrue(run.out().contains("HH.gNa") && run.out().contains("dloss/dvalue"), run.out());
    }

    @Test
    void badTargetsAreInputErrors(@TempDir Path dir) {
        CliRun missing = CliRun.of("grad", "--target", dir.resolve("nope.csv").toString(), "--out", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code(), missing.toString());
        assertTrue(missing.err().contains("nope.csv"), missing.err());
    }
}
