package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.io.Trace;
import org.huxley.io.TraceCsv;
import org.huxley.io.model.HuxleyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulateCommandTest {
    /** simulate's CSV holds exactly the traces of the library run on the same model. */
    @ParameterizedTest
    @ValueSource(strings = {"hh-tree", "hh-single", "ca1"})
    void everyExampleMatchesTheLibraryRunDirectly(String example, @TempDir Path dir) {
        CliRun run = CliRun.of("simulate", "--model", example, "--out", dir.toString(), "--t-max", "12",
                "--engine", "cpu", "--no-plot", "--quiet");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        HuxleyModel m = ExampleModels.model(example, 0.025, 12.0);
        Recordings direct = new CpuEngine().run(m.compile(), m.protocol());
        assertSameTraces(direct, TraceCsv.read(dir.resolve("traces.csv")));
    }

    static void assertSameTraces(Recordings direct, List<Trace> csv) {
        assertEquals(direct.numRecordings(), csv.size());
        for (int r = 0; r < csv.size(); r++) {
            double[] want = direct.trace(0, r);
            double[] got = csv.get(r).values();
            assertEquals(want.length, got.length, "samples of recording " + r);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[k], 0.0, "recording " + r + " sample " + k);
            }
            assertEquals(direct.dtMs() * direct.stride(), csv.get(r).dtMs(), 1e-12);
        }
    }

    @Test
    void writesCsvPngAndRunJsonWithProvenance(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("simulate", "--out", dir.toString(), "--t-max", "20", "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        List<String> lines = Files.readAllLines(dir.resolve("traces.csv"));
        for (String key : new String[] {"huxley", "commit", "engine", "precision", "seed", "model", "command"}) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("# " + key + ": ")), key);
        }
        assertTrue(lines.contains("# engine: cpu-float64"), "no CUDA here: the CPU engine runs");
        assertTrue(lines.contains("# precision: float64"));
        String header = lines.stream().filter(l -> l.startsWith("t_ms")).findFirst().orElseThrow();
        assertEquals(3, header.split(",").length, header);
        assertTrue(header.contains("(mV)"), header);
        long rows = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("t_ms")).count();
        assertEquals(801, rows); // 20 // 0.025 + 1 = 800 steps, plus the initial state
        JsonNode json = run.json();
        JsonNode file = JsonMapper.builder().build().readTree(dir.resolve("run.json").toFile());
        assertEquals(json, file, "stdout under --json is run.json");
        assertEquals("cpu-float64", json.get("engine").asString());
        assertEquals("float64", json.get("precision").asString());
        assertTrue(json.has("seed") && json.has("commit") && json.has("huxley"));
        assertEquals(800, json.get("steps").asInt());
        // The soma receives 0.2 nA from 5 ms: it spikes.
        assertTrue(json.get("recordings").get(0).get("spikes").asInt() >= 1, json.toString());
        assertTrue(json.get("recordings").get(0).get("max").asDouble() > 0.0);
        PngAssertions.assertPlot(dir.resolve("traces.png"), 1000, TracePlot.PANEL_HEIGHT + PngFile.FOOTER_HEIGHT);
    }

    @Test
    void quietPrintsNothingAndTextModePrintsATable(@TempDir Path dir) {
        CliRun quiet = CliRun.of("simulate", "--out", dir.toString(), "--t-max", "5", "--quiet", "--no-plot");
        assertEquals(ExitCodes.OK, quiet.code(), quiet.toString());
        assertEquals("", quiet.out());
        assertEquals("", quiet.err());
        CliRun text = CliRun.of("simulate", "--out", dir.toString(), "--t-max", "5", "--no-plot");
        assertEquals(ExitCodes.OK, text.code(), text.toString());
        assertTrue(text.out().startsWith("Simulated 5 ms of example hh-tree (20 compartments, 200 steps"), text.out());
        assertTrue(text.out().contains("spikes"), text.out());
    }

    @Test
    void globalOptionsWorkBeforeTheSubcommandToo(@TempDir Path dir) {
        CliRun run = CliRun.of("--json", "simulate", "--out", dir.toString(), "--t-max", "2", "--no-plot");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertEquals("simulate", run.json().get("subcommand").asString());
        assertTrue(run.json().get("command").asString().startsWith("huxley --json simulate"));
    }
}
