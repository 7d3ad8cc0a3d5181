package org.huxley.cuda;

import org.huxley.testing.HostTestSupport;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.huxley.HuxleyException;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Recordings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA engine's whole device path (driver bindings, context, buffers, uploads, the hx_run struct
 * with device addresses, launch geometry, status word, downloads, chunking, refusal, event timing)
 * without a GPU: against a CPU stand-in of libcuda.so.1 (test resource fake_cuda.cpp, compiled here
 * with g++) whose "kernel launch" runs the host build of the built-in module on the uploaded struct.
 * Built-in mechanisms only (a run-time compiled module would need real device code).
 */
class FakeDriverTest {
    static CudaEngine f64;
    static CudaEngine f32;

    @BeforeAll
    static void build() throws Exception {
        HostTestSupport.assumeHostCompiler();
        Path host = HostLibrary.forSource(KernelSources.builtins(), false).file();
        Path dir = Files.createTempDirectory("fake-cuda");
        Path src = dir.resolve("fake_cuda.cpp");
        try (InputStream in = FakeDriverTest.class.getResourceAsStream("/org/huxley/cuda/fake/fake_cuda.cpp")) {
            Files.write(src, in.readAllBytes());
        }
        Path so = dir.resolve("libfakecuda.so");
        Process p = new ProcessBuilder(System.getProperty("huxley.cxx", "g++"), "-std=c++17", "-O1", "-shared", "-fPIC",
                "-DHX_HOSTLIB=\"" + host.toAbsolutePath() + "\"", src.toString(), "-o", so.toString(), "-ldl")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "fake driver did not compile:\n" + log);
        CudaDriver driver = CudaDriver.load(so);
        f64 = CudaEngine.create(driver, Precision.FLOAT64, true);
        f32 = CudaEngine.create(driver, Precision.FLOAT32, true);
    }

    @AfterAll
    static void close() {
        if (f64 != null) {
            f64.close();
            f32.close();
        }
    }

    static List<ParityModels.Case> cases() {
        List<ParityModels.Case> out = new ArrayList<>(ParityModels.jaxleyParity());
        out.addAll(ParityModels.gradientReferences());
        out.add(ParityModels.tree252(3, 20.0, 252));
        out.add(ParityModels.hh1(5, 100.0, 1));
        out.add(ParityModels.network(4, 7));
        out.add(ParityModels.stimulusOverrides(3));
        out.add(ParityModels.clampForwardDifference());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void devicePathEqualsTheCpuEngine(ParityModels.Case c) {
        Recordings cpu = new CpuEngine(1).run(c.plan(), c.protocol(), c.batch());
        Recordings a = f64.run(c.plan(), c.protocol(), c.batch());
        assertTrue(TraceComparison.maxAbsDiff(cpu, a) <= 1e-9, c + " f64: " + TraceComparison.maxAbsDiff(cpu, a));
        Recordings b = f32.run(c.plan(), c.protocol(), c.batch());
        Float32Accuracy.Report r = Float32Accuracy.check(cpu, b);
        assertTrue(r.passes(), c + " f32: " + r);
    }

    @Test
    void engineReportsTheFakeDeviceAndThePrebuiltKernels() {
        assertEquals("Fake CPU device", f64.context().deviceName());
        assertEquals(90, f64.context().computeCapability());
        if (KernelSources.resource(KernelSources.NATIVE_RESOURCES + "huxley_builtin_f64.fatbin") != null) {
            assertEquals("prebuilt fatbin", f64.builtinKernelOrigin());
        }
    }

    @Test
    void chunkedLaunchesGiveTheSameResult() {
        ParityModels.Case c = ParityModels.tree252(10, 5.0, 9);
        Recordings whole = f64.run(c.plan(), c.protocol(), c.batch());
        RunImage.Shape s = CudaEngineIT.shapeOf(c, Precision.FLOAT64);
        String old = System.getProperty("huxley.cuda.maxBytes");
        System.setProperty("huxley.cuda.maxBytes", Long.toString(s.bytes(0) + 3 * s.bytesPerSet()));
        try {
            assertEquals(0.0, TraceComparison.maxAbsDiff(whole, f64.run(c.plan(), c.protocol(), c.batch())));
            System.setProperty("huxley.cuda.maxBytes", "1000");
            HuxleyException e = assertThrows(HuxleyException.class, () -> f64.run(c.plan(), c.protocol(), c.batch()));
            assertTrue(e.getMessage().contains("does not fit on Fake CPU device"), e.getMessage());
        } finally {
            CudaEngineIT.restore(old);
        }
    }

    @Test
    void preparedRunsTimeAndDownload() {
        ParityModels.Case c = ParityModels.hh1(7, 20.0, 3);
        try (CudaEngine.Prepared p = f32.prepare(c.plan(), c.protocol(), c.batch())) {
            assertTrue(p.launchTimedMs() >= 0);
            assertTrue(p.launchTimedMs() >= 0, "repeatable");
            Recordings r = p.recordings();
            assertEquals(0.0, TraceComparison.maxAbsDiff(r, f32.run(c.plan(), c.protocol(), c.batch())));
            assertTrue(p.deviceBytes() > 0 && p.registers() > 0);
        }
    }

    @Test
    void driverErrorsAreTyped() {
        CudaException e = assertThrows(CudaException.class, () -> f64.context().allocate(1L << 40));
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", e.name());
        assertEquals(2, e.code());
        assertTrue(e.call().startsWith("cuMemAlloc_v2"));
    }

    /** The cell-per-block launch path (kernel name, grid = sets, block, shared bytes checked by the fake). */
    @Test
    void cellPerBlockLaunchPathEqualsTheDefaultKernel() {
        List<ParityModels.Case> cs = List.of(ParityModels.tree252(3, 10.0, 5), ParityModels.ca1(2, 5.0, 6),
                ParityModels.network(3, 8), ParityModels.clampForwardDifference());
        for (CudaEngine e : List.of(f64, f32)) {
            for (ParityModels.Case c : cs) {
                Recordings tpi = e.run(c.plan(), c.protocol(), c.batch());
                e.layout(KernelLayout.CELL_PER_BLOCK);
                try {
                    assertEquals(KernelLayout.CELL_PER_BLOCK, e.layoutFor(c.plan()));
                    HostCellPerBlockTest.assertBitwiseEqual(tpi, e.run(c.plan(), c.protocol(), c.batch()),
                            c.name() + " " + e.name());
                    try (CudaEngine.Prepared p = e.prepare(c.plan(), c.protocol(), c.batch())) {
                        assertEquals(KernelLayout.CELL_PER_BLOCK, p.layout());
                        assertTrue(p.launchTimedMs() >= 0);
                        HostCellPerBlockTest.assertBitwiseEqual(tpi, p.recordings(), c.name() + " prepared");
                    }
                } finally {
                    e.layout(KernelLayout.THREAD_PER_INSTANCE);
                }
            }
        }
    }
}
