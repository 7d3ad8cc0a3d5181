package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny run of {@code huxley fit} (2 starts, 2 rounds, a 2 s baseline): every output is written. */
class FitCommandTest {
    @Test
    void writesParametersPlotsSummaryAndAResumableState(@TempDir Path dir) throws Exception {
        int code = HuxleyCli.execute("fit", "--out", dir.toString(), "--starts", "2", "--rounds", "2", "--quiet",
                "--baseline", "--baseline-seconds", "2");
        assertEquals(0, code);
        JsonNode root = JsonMapper.builder().build().readTree(dir.resolve("fitted-parameters.json").toFile());
        assertEquals(10, root.get("parameters").size());
        assertEquals(2, root.get("starts").size());
        assertEquals(1, root.get("seed").asLong());
        assertEquals(2, root.get("rounds").asInt());
        assertTrue(root.get("command").asString().startsWith("huxley fit --out"), root.get("command").asString());
        assertTrue(root.has("baseline"));
        for (String png : new String[] {"loss-curve.png", "traces.png", "baseline.png"}) {
            byte[] b = Files.readAllBytes(dir.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
        assertTrue(Files.readString(dir.resolve("summary.txt")).contains("Na.gNa[soma]"));
        assertTrue(Files.readString(dir.resolve("summary.txt")).startsWith("huxley "), "provenance line first");
        assertEquals("cpu-float64-adjoint", root.get("engine").asString());
        assertEquals("float64", root.get("precision").asString());
        // resume for one more round from the saved state
        int again = HuxleyCli.execute("fit", "--out", dir.resolve("more").toString(), "--starts", "2", "--rounds", "3",
                "--quiet", "--resume", dir.resolve("fit-state.json").toString());
        assertEquals(0, again);
        JsonNode more = JsonMapper.builder().build().readTree(dir.resolve("more/fitted-parameters.json").toFile());
        assertEquals(3, more.get("rounds").asInt());
    }

    @Test
    void badOptionsAreInputErrors(@TempDir Path dir) {
        assertEquals(ExitCodes.BAD_INPUT, HuxleyCli.execute("fit", "--out", dir.toString(), "--optimizer", "nope",
                "--quiet"));
        assertEquals(ExitCodes.BAD_INPUT, HuxleyCli.execute("fit", "--out", dir.toString(), "--resume",
                dir.resolve("missing.json").toString(), "--quiet"));
    }
}
