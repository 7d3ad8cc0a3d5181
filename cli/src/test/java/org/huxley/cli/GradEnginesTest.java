package org.huxley.cli;

import static org.huxley.cli.ExitCodesTest.assertOneCleanLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Function;
import org.huxley.adjoint.GradientEngine;
import org.huxley.adjoint.cuda.HostGradientEngine;
import org.huxley.cuda.CudaUnavailableException;
import org.huxley.engine.Precision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * grad's engine choice: {@code --engine cuda} runs the CUDA gradient engine (here the host build of
 * the same kernels, schedule and marshalling, since this machine has no GPU), {@code auto} is the
 * CPU adjoint, and the errors are one line.
 */
class GradEnginesTest {
    private static JsonNode grad(Path dir, String... engineArgs) {
        String[] base = {"grad", "--model", "hh-tree", "--t-max", "10", "--perturb", "0.2", "--stride", "2",
            "--out", dir.toString(), "--json"};
        String[] args = new String[base.length + engineArgs.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(engineArgs, 0, args, base.length, engineArgs.length);
        CliRun run = CliRun.of(args);
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        return run.json();
    }

    private static double[] gradient(JsonNode json) {
        JsonNode g = json.get("gradient");
        double[] out = new double[g.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = g.get(p).get("dloss_dvalue").asDouble();
        }
        return out;
    }

    private static void withCudaFactory(Function<Precision, GradientEngine> factory, Runnable body) {
        Function<Precision, GradientEngine> before = SelectedGradientEngine.cudaFactory;
        SelectedGradientEngine.cudaFactory = factory;
        try {
            body.run();
        } finally {
            SelectedGradientEngine.cudaFactory = before;
        }
    }

    @Test
    void cudaPathEqualsTheCpuAdjointInFloat64AndMeetsTheCosineRuleInFloat32(@TempDir Path dir) {
        JsonNode cpu = grad(dir.resolve("cpu"), "--engine", "cpu");
        Assumptions.assumeTrue(hostKernelsUsable(), "no host build of the gradient kernels here (g++)");
        withCudaFactory(HostGradientEngine::new, () -> {
            JsonNode f64 = grad(dir.resolve("f64"), "--engine", "cuda");
            assertEquals("host-kernels-f64-adjoint", f64.get("engine").asString());
            assertEquals("float64", f64.get("precision").asString());
            double loss = cpu.get("loss").get("value").asDouble();
            assertTrue(loss > 0);
            assertEquals(loss, f64.get("loss").get("value").asDouble(), 1e-12 * loss);
            double[] want = gradient(cpu);
            double[] got = gradient(f64);
            for (int p = 0; p < want.length; p++) {
                assertTrue(want[p] != 0, "parameter " + p);
                assertEquals(want[p], got[p], 1e-10 * Math.abs(want[p]), "parameter " + p);
            }
            JsonNode f32 = grad(dir.resolve("f32"), "--engine", "cuda", "--precision", "float32");
            assertEquals("host-kernels-f32-adjoint", f32.get("engine").asString());
            assertEquals("float32", f32.get("precision").asString());
            double[] g32 = gradient(f32);
            double dot = 0;
            double n1 = 0;
            double n2 = 0;
            for (int p = 0; p < want.length; p++) {
                dot += want[p] * g32[p];
                n1 += want[p] * want[p];
                n2 += g32[p] * g32[p];
            }
            assertTrue(dot / Math.sqrt(n1 * n2) >= 0.99, "float32 cosine " + dot / Math.sqrt(n1 * n2));
            // auto stays on the CPU adjoint even where CUDA opens (faster for one set today)
            assertEquals("cpu-float64-adjoint", grad(dir.resolve("auto"), "--engine", "auto").get("engine")
                    .asString());
        });
    }

    private static boolean hostKernelsUsable() {
        try {
            org.huxley.cuda.HostLibrary.forSource(org.huxley.cuda.KernelSources.builtinGradients(), true);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void autoIsTheCpuAdjointInFloat64(@TempDir Path dir) {
        withCudaFactory(p -> {
            throw new AssertionError("auto must not open CUDA");
        }, () -> {
            JsonNode json = grad(dir, "--engine", "auto", "--precision", "float32");
            assertEquals("cpu-float64-adjoint", json.get("engine").asString());
            assertEquals("float64", json.get("precision").asString());
        });
    }

    @Test
    void cudaAskedForWhereThereIsNoneIsARuntimeFailure(@TempDir Path dir) {
        withCudaFactory(p -> {
            throw new CudaUnavailableException("no device in this test");
        }, () -> assertOneCleanLine(CliRun.of("grad", "--engine", "cuda", "--t-max", "1", "--out", dir.toString()),
                ExitCodes.FAILURE, "no device in this test"));
    }

    @Test
    void theCpuAdjointInFloat32IsBadInput(@TempDir Path dir) {
        assertOneCleanLine(CliRun.of("grad", "--engine", "cpu", "--precision", "float32", "--out", dir.toString()),
                ExitCodes.BAD_INPUT, "float64");
    }
}
