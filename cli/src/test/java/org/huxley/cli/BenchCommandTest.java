package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huxley.bench.StandardWorkloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class BenchCommandTest {
    @Test
    void timesTheAskedWorkloadsAndWritesJsonAndCsv(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("bench", "--workload", "hh1,tree252", "--batch", "3", "--repeat", "2",
                "--engine", "cpu", "--threads", "1", "--out", dir.toString(), "--json");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        JsonNode json = run.json();
        JsonNode results = json.get("results");
        assertEquals(2, results.size());
        JsonNode hh1 = results.get(0);
        assertEquals("hh1", hh1.get("workload").asString());
        assertEquals("cpu-float64", hh1.get("engine").asString());
        assertEquals(3, hh1.get("batch").asInt());
        assertEquals(StandardWorkloads.STEPS, hh1.get("steps").asInt());
        assertEquals(3.0 * StandardWorkloads.STEPS, hh1.get("compartment_steps").asDouble());
        assertEquals(2, hh1.get("seconds").size());
        assertTrue(hh1.get("compartment_steps_per_second").asDouble() > 0);
        assertEquals("tree252", results.get(1).get("workload").asString());
        assertEquals(252, results.get(1).get("compartments").asInt());
        assertEquals(1, json.get("threads").asInt());
        assertEquals(1L, json.get("seed").asLong());
        List<String> csv = Files.readAllLines(dir.resolve("bench.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("# commit: ")));
        assertEquals(3, csv.stream().filter(l -> !l.startsWith("#")).count(), "header and two rows");
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("hh1,cpu-float64,float64,3,1,4000,12000,")), csv.toString());
    }

    @Test
    void knowsTheNeuronCasesInBothForms() {
        var network = BenchWorkloads.build("neuron-i", 5, 1);
        assertEquals(1, network.batch().size(), "all 1000 cells in one model, one parameter set");
        assertEquals(1000, network.plan().numCompartments());
        var batch = BenchWorkloads.build("neuron-i-batch", 5, 1);
        assertEquals(1000, batch.batch().size(), "one cell, 1000 parameter sets");
        assertEquals(network.compartmentSteps(), batch.compartmentSteps());
    }

    @Test
    void printsATable(@TempDir Path dir) {
        CliRun run = CliRun.of("bench", "-w", "hh1", "-b", "1", "-r", "1", "--engine", "cpu", "--out", dir.toString());
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.out().contains("comp-steps/s") && run.out().contains("hh1"), run.out());
    }

    @Test
    void unknownWorkloadIsBadInputNamingTheKnownOnes(@TempDir Path dir) {
        CliRun run = CliRun.of("bench", "--workload", "hh2", "--out", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.code(), run.toString());
        assertEquals(1, run.errLines(), run.err());
        assertTrue(run.err().contains("hh2") && run.err().contains("tree252"), run.err());
    }
}
