package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InfoCommandTest {
    @Test
    void listsEnginesWithTheReasonWhyNot() {
        CliRun run = CliRun.of("info", "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode json = run.json();
        assertTrue(json.has("huxley") && json.has("commit"));
        assertEquals(System.getProperty("java.version"), json.get("java").get("version").asString());
        JsonNode engines = json.get("engines");
        assertEquals("cpu-float64", engines.get(0).get("name").asString());
        assertTrue(engines.get(0).get("available").asBoolean());
        JsonNode cuda = engines.get(1);
        assertEquals("cuda-f64", cuda.get("name").asString());
        if (!cuda.get("available").asBoolean()) {
            assertFalse(cuda.get("reason").asString().isBlank(), "an unavailable engine says why");
            assertTrue(json.get("device").isNull());
        } else {
            assertFalse(json.get("device").get("name").asString().isBlank());
        }
        assertTrue(json.get("examples").toString().contains("hh-tree"));
        assertTrue(json.get("workloads").toString().contains("tree252"));
    }

    @Test
    void textListsVersionsAndEngines() {
        CliRun run = CliRun.of("info");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.out().startsWith("huxley "), run.out());
        assertTrue(run.out().contains("cpu-float64") && run.out().contains("cuda-f64"), run.out());
        assertTrue(run.out().contains("os ") && run.out().contains("java "), run.out());
    }
}
