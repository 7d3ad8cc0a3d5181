package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @Test
    void writesTracesWithProvenanceAndTheExampleSpikes(@TempDir Path dir) throws Exception {
        int code = HuxleyCli.execute("simulate", "--out", dir.toString(), "--t-max", "20", "--quiet");
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(dir.resolve("traces.csv"));
        assertTrue(lines.get(0).startsWith("# huxley: "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# engine: cpu-float64")));
        String header = lines.stream().filter(l -> l.startsWith("t_ms")).findFirst().orElseThrow();
        assertEquals(3, header.split(",").length, header);
        long rows = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("t_ms")).count();
        assertEquals(801, rows); // 20 // 0.025 + 1 = 800 steps, plus the initial state
        // The soma receives 0.2 nA from 5 ms: a depolarisation well above rest must show.
        double max = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("t_ms"))
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).max().orElseThrow();
        assertTrue(max > 0.0, "soma should spike, max " + max);
    }

    @Test
    void badOptionIsAUsageError() {
        assertEquals(HuxleyCli.EXIT_USAGE, HuxleyCli.execute("simulate", "--t-max", "abc"));
    }

    @Test
    void invalidModelInputIsExitCodeOne(@TempDir Path dir) {
        assertEquals(HuxleyCli.EXIT_INPUT, HuxleyCli.execute("simulate", "--out", dir.toString(), "--dt", "-1"));
    }
}
