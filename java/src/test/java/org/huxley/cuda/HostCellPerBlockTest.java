package org.huxley.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Recordings;
import org.huxley.testing.AgreementLog;
import org.huxley.testing.HostTestSupport;
import org.huxley.testing.ParityModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cell-per-block kernel's code (huxley_coop.cuh: level-scheduled Hines solve, node arrays in
 * block memory, phases spread over threads), compiled for the host by g++ and run with the items of
 * every phase in reverse order: float64 within 1e-12 relative of the Java engine, and bit for bit
 * the thread-per-instance kernel in both precisions (same operations in the same order; an item that
 * read another item of its own phase, a race on the device, would change the bits).
 */
class HostCellPerBlockTest {
    static final double F64_REL_TOL = 1e-12;

    @BeforeAll
    static void needsCompiler() {
        HostTestSupport.assumeHostCompiler();
    }

    static List<ParityModels.Case> cases() {
        List<ParityModels.Case> out = new ArrayList<>(ParityModels.ciCases());
        out.add(ParityModels.tree252(4, 30.0, 2520));
        out.add(ParityModels.ca1(2, 20.0, 620));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64EqualsTheJavaEngineAndTheDefaultKernelBitwise(ParityModels.Case c) {
        assertNull(KernelLayout.cellPerBlockRefusal(c.plan(), Precision.FLOAT64), c.name());
        Recordings cpu = new CpuEngine(1).run(c.plan(), c.protocol(), c.batch());
        Recordings cpb = new HostEngine(Precision.FLOAT64, true, KernelLayout.CELL_PER_BLOCK)
                .run(c.plan(), c.protocol(), c.batch());
        Recordings tpi = new HostEngine(Precision.FLOAT64).run(c.plan(), c.protocol(), c.batch());
        double rel = TraceComparison.maxAbsDiff(cpu, cpb) / Math.max(1.0, maxAbs(cpu));
        AgreementLog.record("host-cpb-f64", c.name(), "max |v - cpu| / max |v|", rel, F64_REL_TOL);
        assertTrue(rel <= F64_REL_TOL, c + ": max |cpb - cpu| / max|v| = " + rel);
        assertTrue(TraceComparison.sameDivergence(cpu, cpb), c + ": divergence flags differ");
        assertBitwiseEqual(tpi, cpb, c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32EqualsTheDefaultKernelBitwise(ParityModels.Case c) {
        Recordings cpb = new HostEngine(Precision.FLOAT32, true, KernelLayout.CELL_PER_BLOCK)
                .run(c.plan(), c.protocol(), c.batch());
        Recordings tpi = new HostEngine(Precision.FLOAT32).run(c.plan(), c.protocol(), c.batch());
        assertBitwiseEqual(tpi, cpb, c.name());
    }

    @Test
    void layoutPropertyIsParsedAndBadValuesNamed() {
        assertEquals(KernelLayout.CELL_PER_BLOCK, KernelLayout.parse(" Cell-Per-Block"));
        assertEquals(KernelLayout.THREAD_PER_INSTANCE, KernelLayout.parse("thread-per-instance"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelLayout.parse("warp"));
        assertTrue(e.getMessage().contains("huxley.cuda.layout"), e.getMessage());
        assertEquals("hx_forward_cpb_f64", KernelLayout.CELL_PER_BLOCK.kernelName(Precision.FLOAT64));
        assertEquals("hx_forward_f32", KernelLayout.THREAD_PER_INSTANCE.kernelName(Precision.FLOAT32));
    }

    @Test
    void autoLayoutUsesCellPerBlockForBigCellsOnly() {
        assertEquals(KernelLayout.AUTO, KernelLayout.parse("auto"));
        assertThrows(IllegalStateException.class, () -> KernelLayout.AUTO.kernelName(Precision.FLOAT32));
        org.huxley.plan.Plan hh1 = ParityModels.hh1(1, 1.0, 1).plan();
        org.huxley.plan.Plan tree = ParityModels.tree252(1, 1.0, 1).plan();
        for (Precision p : Precision.values()) {
            assertEquals(KernelLayout.THREAD_PER_INSTANCE, KernelLayout.AUTO.resolve(hh1, p));
            assertEquals(KernelLayout.CELL_PER_BLOCK, KernelLayout.AUTO.resolve(tree, p));
            assertEquals(KernelLayout.CELL_PER_BLOCK, KernelLayout.CELL_PER_BLOCK.resolve(hh1, p));
            assertEquals(KernelLayout.THREAD_PER_INSTANCE, KernelLayout.THREAD_PER_INSTANCE.resolve(tree, p));
        }
        org.huxley.model.Cell big = org.huxley.model.Cell.binaryTree(300, 4);
        big.insert(org.huxley.mech.builtin.HH.MECHANISM);
        big.branch(0).comp(0).record();
        org.huxley.plan.Plan bigPlan = big.compile();
        assertEquals(KernelLayout.THREAD_PER_INSTANCE, KernelLayout.AUTO.resolve(bigPlan, Precision.FLOAT64),
                "too big for shared memory: thread-per-instance");
        assertEquals(KernelLayout.THREAD_PER_INSTANCE, KernelLayout.CELL_PER_BLOCK.resolve(bigPlan, Precision.FLOAT64));
    }

    @Test
    void blockThreadsFollowTheMeasuredRuleOrTheProperty() {
        String before = System.getProperty(KernelLayout.THREADS_PROPERTY);
        int tree = ParityModels.tree252(1, 1.0, 1).plan().numNodes();
        int ca1 = ParityModels.ca1(1, 1.0, 1).plan().numNodes();
        try {
            System.clearProperty(KernelLayout.THREADS_PROPERTY);
            // few sets: the whole block on one cell; batches: 128 threads, except big float64 cells
            assertEquals(256, KernelLayout.blockThreads(tree, 1, Precision.FLOAT32, 132));
            assertEquals(256, KernelLayout.blockThreads(tree, 263, Precision.FLOAT64, 132));
            assertEquals(128, KernelLayout.blockThreads(tree, 264, Precision.FLOAT32, 132));
            assertEquals(128, KernelLayout.blockThreads(tree, 1000, Precision.FLOAT64, 132));
            assertEquals(128, KernelLayout.blockThreads(ca1, 1000, Precision.FLOAT32, 132));
            assertEquals(256, KernelLayout.blockThreads(ca1, 1000, Precision.FLOAT64, 132));
            assertEquals(32, KernelLayout.blockThreads(5, 1, Precision.FLOAT32, 132));
            System.setProperty(KernelLayout.THREADS_PROPERTY, "64");
            assertEquals(64, KernelLayout.blockThreads(tree, 1, Precision.FLOAT32, 132));
            assertEquals(64, KernelLayout.blockThreads(ca1, 1000, Precision.FLOAT64, 132));
            assertEquals(32, KernelLayout.blockThreads(5, 1000, Precision.FLOAT32, 132));
            for (String bad : new String[] {"48", "0", "512", "many"}) {
                System.setProperty(KernelLayout.THREADS_PROPERTY, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> KernelLayout.blockThreads(tree, 1, Precision.FLOAT32, 132), bad);
                assertTrue(e.getMessage().contains(KernelLayout.THREADS_PROPERTY + "=" + bad), e.getMessage());
            }
        } finally {
            if (before == null) {
                System.clearProperty(KernelLayout.THREADS_PROPERTY);
            } else {
                System.setProperty(KernelLayout.THREADS_PROPERTY, before);
            }
        }
    }

    @Test
    void geometryAndRefusals() {
        ParityModels.Case tree = ParityModels.tree252(1, 1.0, 1);
        int n = tree.plan().numNodes();
        CudaEngine.Geometry g = CudaEngine.Geometry.of(KernelLayout.CELL_PER_BLOCK, 1000, n, Precision.FLOAT64, 132);
        assertEquals(1000, g.grid());
        assertEquals(128, g.block());
        assertEquals(4L * n * 8 + (5L * n + 7) * 4, g.sharedBytes());
        CudaEngine.Geometry t = CudaEngine.Geometry.of(KernelLayout.THREAD_PER_INSTANCE, 1000, n, Precision.FLOAT64, 132);
        assertEquals(8, t.grid());
        assertEquals(0, t.sharedBytes());
        assertNull(KernelLayout.cellPerBlockRefusal(ParityModels.ca1(1, 1.0, 1).plan(), Precision.FLOAT64));
        // a cell of more than 1024 nodes does not fit a block's 48 KiB in float64
        org.huxley.model.Cell big = org.huxley.model.Cell.binaryTree(300, 4);
        big.insert(org.huxley.mech.builtin.HH.MECHANISM);
        big.branch(0).comp(0).record();
        String why = KernelLayout.cellPerBlockRefusal(big.compile(), Precision.FLOAT64);
        assertNotNull(why);
        assertTrue(why.contains("shared memory"), why);
    }

    static double maxAbs(Recordings r) {
        double m = 0;
        for (int b = 0; b < r.numSets(); b++) {
            for (int k = 0; k < r.numRecordings(); k++) {
                for (double x : r.trace(b, k)) {
                    if (Double.isFinite(x)) {
                        m = Math.max(m, Math.abs(x));
                    }
                }
            }
        }
        return m;
    }

    static void assertBitwiseEqual(Recordings a, Recordings b, String what) {
        assertEquals(a.numSets(), b.numSets());
        for (int s = 0; s < a.numSets(); s++) {
            assertEquals(a.divergedAtStep(s), b.divergedAtStep(s), what + " set " + s + ": divergence step");
            for (int k = 0; k < a.numRecordings(); k++) {
                double[] x = a.trace(s, k);
                double[] y = b.trace(s, k);
                for (int i = 0; i < x.length; i++) {
                    if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(y[i])) {
                        throw new AssertionError(what + ": set " + s + " recording " + k + " sample " + i + ": "
                                + x[i] + " (thread-per-instance) vs " + y[i] + " (cell-per-block)");
                    }
                }
            }
        }
    }
}
