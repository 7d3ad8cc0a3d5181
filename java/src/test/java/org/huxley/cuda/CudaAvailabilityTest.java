package org.huxley.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Engine;
import org.huxley.engine.Engines;
import org.huxley.engine.Precision;
import org.junit.jupiter.api.Test;

/**
 * Without a usable GPU (CI) the bindings say why, cleanly: no exception escapes
 * {@link Engines#best()}, which returns the CPU engine, and {@link CudaEngine#create} throws a
 * {@link CudaUnavailableException} whose message names the cause (a missing libcuda.so.1, or the
 * CUDA error name of a failing cuInit).
 */
class CudaAvailabilityTest {

    @Test
    void unavailableCudaFallsBackToTheCpuEngineWithAReason() {
        String reason = CudaDriver.unavailableReason();
        assumeTrue(reason != null, "a CUDA device is usable here; the GPU tests cover this machine");
        assertTrue(reason.contains("libcuda.so.1") || reason.contains("CUDA_ERROR") || reason.contains("no device")
                || reason.contains("native access"), "reason should name the cause: " + reason);
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaEngine.create(Precision.FLOAT64));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().equals(reason) || !e.getMessage().isBlank());
        Engine best = Engines.best();
        assertInstanceOf(CpuEngine.class, best);
        assertInstanceOf(CpuEngine.class, Engines.best(Precision.FLOAT32));
    }

    @Test
    void forcedCudaFailsWithTheReasonInsteadOfFallingBack() {
        assumeTrue(CudaDriver.unavailableReason() != null, "a CUDA device is usable here");
        String old = System.getProperty("huxley.engine");
        System.setProperty("huxley.engine", "cuda");
        try {
            assertThrows(CudaUnavailableException.class, Engines::best);
        } finally {
            if (old == null) {
                System.clearProperty("huxley.engine");
            } else {
                System.setProperty("huxley.engine", old);
            }
        }
    }

    @Test
    void forcedCpuNeedsNoDriver() {
        String old = System.getProperty("huxley.engine");
        System.setProperty("huxley.engine", "cpu");
        try {
            assertInstanceOf(CpuEngine.class, Engines.best());
        } finally {
            if (old == null) {
                System.clearProperty("huxley.engine");
            } else {
                System.setProperty("huxley.engine", old);
            }
        }
    }

    @Test
    void missingLibraryIsReportedWithWhatWasTried() {
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> NativeLibs.load(
                "libnothing", "huxley.test.none", List.of("libhuxley-does-not-exist.so.9"), List.of(Path.of("/nonexistent"))));
        assertTrue(e.getMessage().contains("libhuxley-does-not-exist.so.9"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void cudaExceptionCarriesCallCodeNameAndDescription() {
        CudaException e = new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory");
        assertTrue(e.getMessage().contains("cuMemAlloc_v2") && e.getMessage().contains("CUDA_ERROR_OUT_OF_MEMORY")
                && e.getMessage().contains("(2)"), e.getMessage());
        assertFalse(e.description().isEmpty());
        assertInstanceOf(org.huxley.HuxleyException.class, e);
    }
}
