package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.huxley.HuxleyException;
import org.huxley.adjoint.cuda.CudaGradientEngine;
import org.huxley.cuda.CudaEngine;
import org.huxley.adjoint.cuda.FakeCuda;
import org.huxley.engine.Precision;
import org.huxley.engine.RunControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CudaGradientEngine}'s whole device path (buffers, the hx_adj struct with device addresses, the
 * three kernels per launch, segment index, status word, uploads of ∂L/∂recording, downloads, batch
 * splitting and refusal) against the CPU stand-in of libcuda.so.1, whose launches run the host build
 * of the gradient kernels; compared with the CPU adjoint.
 */
class FakeDriverGradientTest {
    static CudaEngine f64;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(FakeCuda.available(), "no host C++ compiler: fake-driver gradient tests skipped");
        f64 = FakeCuda.engine(Precision.FLOAT64);
    }

    @AfterAll
    static void close() {
        if (f64 != null) {
            f64.close();
        }
    }

    static List<HostKernelGradientTest.Case> cases() {
        List<HostKernelGradientTest.Case> all = HostKernelGradientTest.testModels();
        return List.of(all.get(0), all.get(2), all.get(all.size() - 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void devicePathEqualsTheCpuAdjoint(HostKernelGradientTest.Case c) {
        GradientResult cpu = new CpuGradientEngine(1, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), c.loss());
        GradientResult dev = new CudaGradientEngine(f64, CheckpointPolicy.uniform(7)).valueAndGradient(c.plan(),
                c.protocol(), c.batch(), c.loss());
        for (int b = 0; b < cpu.numSets(); b++) {
            assertTrue(dev.valid(b), c + " set " + b);
            assertTrue(Math.abs(dev.loss(b) - cpu.loss(b)) <= 1e-9 * Math.abs(cpu.loss(b)), c + " loss");
            double rel = HostKernelGradientTest.relative(dev.gradient(b), cpu.gradient(b));
            assertTrue(rel <= HostKernelGradientTest.F64_BOUND, c + " set " + b + ": " + rel);
        }
        assertEquals(7, dev.memory().chunkSizes()[0]);
    }

    @Test
    void aBatchThatDoesNotFitIsSplitAndGivesTheSameGradients() {
        HostKernelGradientTest.Case c = HostKernelGradientTest.testModels().get(0);
        CudaGradientEngine engine = new CudaGradientEngine(f64, null);
        GradientResult whole = engine.valueAndGradient(c.plan(), c.protocol(), c.batch(), c.loss());
        long deviceBytes = engine.run(c.plan(), c.protocol(), c.batch(), c.loss(), true, RunControl.none()).peakBytes();
        String old = System.getProperty("huxley.cuda.maxBytes");
        try {
            // room for about two thirds of the batch: at least two launches
            System.setProperty("huxley.cuda.maxBytes", Long.toString(deviceBytes * 2 / 3));
            GradientResult split = engine.valueAndGradient(c.plan(), c.protocol(), c.batch(), c.loss());
            assertTrue(split.memory().concurrentSets() < c.batch().size(), "split: " + split.memory());
            for (int b = 0; b < c.batch().size(); b++) {
                assertEquals(whole.loss(b), split.loss(b), 0.0);
                assertTrue(java.util.Arrays.equals(whole.gradient(b), split.gradient(b)), "set " + b);
            }
            System.setProperty("huxley.cuda.maxBytes", "1000");
            HuxleyException e = assertThrows(HuxleyException.class,
                    () -> engine.valueAndGradient(c.plan(), c.protocol(), c.batch(), c.loss()));
            assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("stored states"),
                    e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("huxley.cuda.maxBytes");
            } else {
                System.setProperty("huxley.cuda.maxBytes", old);
            }
        }
    }
}
