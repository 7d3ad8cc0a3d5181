package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.huxley.SimulationDivergedException;
import org.huxley.engine.RunCancelledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: exit code 2, one line on stderr, no stack trace unless --verbose; and the other codes. */
class ExitCodesTest {
    static void assertOneCleanLine(CliRun run, int code, String... mentions) {
        assertEquals(code, run.code(), run.toString());
        assertEquals(1, run.errLines(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("huxley: "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        for (String m : mentions) {
            assertTrue(run.err().contains(m), "message should mention '" + m + "': " + run.err());
        }
    }

    @Test
    void unknownExampleNamesTheKnownOnes(@TempDir Path dir) {
        assertOneCleanLine(CliRun.of("simulate", "--model", "hh-three", "--out", dir.toString()), ExitCodes.BAD_INPUT,
                "hh-three", "hh-tree", "ca1");
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        assertOneCleanLine(CliRun.of("simulate", "--model", dir.resolve("none.json").toString()), ExitCodes.BAD_INPUT,
                "none.json");
    }

    @Test
    void unknownEngineAndPrecision(@TempDir Path dir) {
        assertOneCleanLine(CliRun.of("simulate", "--engine", "tpu", "--out", dir.toString()), ExitCodes.BAD_INPUT,
                "tpu", "auto, cpu or cuda");
        assertOneCleanLine(CliRun.of("simulate", "--precision", "half", "--out", dir.toString()), ExitCodes.BAD_INPUT,
                "half");
        assertOneCleanLine(CliRun.of("simulate", "--engine", "cpu", "--precision", "float32", "--out",
                dir.toString()), ExitCodes.BAD_INPUT, "float64");
    }

    @Test
    void badOptionsAndValues(@TempDir Path dir) {
        assertOneCleanLine(CliRun.of("simulate", "--t-max", "abc"), ExitCodes.BAD_INPUT, "--t-max");
        assertOneCleanLine(CliRun.of("simulate", "--frobnicate"), ExitCodes.BAD_INPUT, "--frobnicate");
        assertOneCleanLine(CliRun.of("simulate", "--out", dir.toString(), "--dt", "-1"), ExitCodes.BAD_INPUT, "dt");
        assertOneCleanLine(CliRun.of("nosuchcommand"), ExitCodes.BAD_INPUT, "nosuchcommand");
    }

    @Test
    void underJsonTheErrorIsAlsoAJsonObjectOnStdout(@TempDir Path dir) {
        CliRun run = CliRun.of("simulate", "--model", "hh-three", "--out", dir.toString(), "--json");
        assertOneCleanLine(run, ExitCodes.BAD_INPUT, "hh-three");
        assertEquals(ExitCodes.BAD_INPUT, run.json().get("exit_code").asInt());
        assertTrue(run.json().get("error").asString().contains("unknown example 'hh-three'"), run.out());
        CliRun usage = CliRun.of("--json", "simulate", "--t-max", "abc");
        assertEquals(ExitCodes.BAD_INPUT, usage.json().get("exit_code").asInt());
    }

    @Test
    void verbosePrintsTheStackTrace(@TempDir Path dir) {
        CliRun run = CliRun.of("simulate", "--model", "hh-three", "--out", dir.toString(), "--verbose");
        assertEquals(ExitCodes.BAD_INPUT, run.code());
        // a frame: "\tat org.huxley.cli.X" on the class path, "\tat org.huxley.cli@version/org.huxley.cli.X" on the module path
        assertTrue(run.err().matches("(?s).*\tat (org\\.huxley\\.cli@[^/]+/)?org\\.huxley\\.cli\\.ExampleModels\\..*"), run.err());
    }

    @Test
    void cudaAskedForWhereThereIsNoneIsARuntimeFailure(@TempDir Path dir) {
        CliRun info = CliRun.of("info", "--json");
        org.junit.jupiter.api.Assumptions.assumeFalse(info.json().get("engines").get(1).get("available").asBoolean(),
                "this machine has a usable CUDA engine");
        assertOneCleanLine(CliRun.of("simulate", "--engine", "cuda", "--out", dir.toString(), "--t-max", "1"),
                ExitCodes.FAILURE);
    }

    @Test
    void cancelledRunsExitWith130() {
        Cancellation.cancelAll();
        try {
            CliRun run = CliRun.of("simulate", "--t-max", "1", "--no-plot", "--quiet");
            assertOneCleanLine(run, ExitCodes.CANCELLED, "cancelled");
        } finally {
            Cancellation.reset();
        }
    }

    @Test
    void failuresMapToTheDocumentedCodes() {
        assertEquals(ExitCodes.DIVERGED, HuxleyCli.exitCode(new SimulationDivergedException("x")));
        assertEquals(ExitCodes.CANCELLED, HuxleyCli.exitCode(new RunCancelledException("x")));
        assertEquals(ExitCodes.BAD_INPUT, HuxleyCli.exitCode(new UncheckedIOException(new NoSuchFileException("f"))));
        assertEquals(ExitCodes.FAILURE, HuxleyCli.exitCode(new IllegalStateException("bug")));
        assertTrue(HuxleyCli.message(new IllegalStateException("bug"), ExitCodes.FAILURE).startsWith("internal error"));
    }
}
