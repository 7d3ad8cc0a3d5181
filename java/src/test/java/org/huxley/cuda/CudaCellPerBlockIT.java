package org.huxley.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Recordings;
import org.huxley.testing.AgreementLog;
import org.huxley.testing.ParityModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opt-in cell-per-block kernel (hx_forward_cpb_*) on a GPU against the CPU engine (tag "gpu":
 * ci/gpu-check.sh runs it; skipped without a usable device): float64 within 1e-9 relative (max |Δv| /
 * max |v|) on tree252, ca1, the network and the CI parity models; float32 by the accuracy rule of
 * docs/gpu.md; and float64 equal to the thread-per-instance kernel to 1e-12 relative (the same
 * operations; only FMA-free roundings of the same exp could differ, so this is expected to be 0).
 */
@Tag("gpu")
class CudaCellPerBlockIT {
    static final double F64_REL_TOL = 1e-9;
    static CudaEngine f64;
    static CudaEngine f32;

    @BeforeAll
    static void open() {
        String why = CudaDriver.unavailableReason();
        assumeTrue(why == null, "no usable CUDA device: " + why);
        f64 = CudaEngine.create(Precision.FLOAT64);
        f32 = CudaEngine.create(Precision.FLOAT32);
    }

    @AfterAll
    static void close() {
        if (f64 != null) {
            f64.close();
        }
        if (f32 != null) {
            f32.close();
        }
    }

    static List<ParityModels.Case> cases() {
        List<ParityModels.Case> out = new ArrayList<>(ParityModels.ciCases());
        out.add(ParityModels.tree252(16, 100.0, 2520));
        out.add(ParityModels.ca1(8, 30.0, 620));
        out.add(ParityModels.network(32, 70));
        return out;
    }

    static Recordings cellPerBlock(CudaEngine e, ParityModels.Case c) {
        e.layout(KernelLayout.CELL_PER_BLOCK);
        try {
            assertEquals(KernelLayout.CELL_PER_BLOCK, e.layoutFor(c.plan()), c.name() + ": refused");
            return e.run(c.plan(), c.protocol(), c.batch());
        } finally {
            e.layout(KernelLayout.THREAD_PER_INSTANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64EqualsTheCpuEngine(ParityModels.Case c) {
        Recordings ref = new CpuEngine().run(c.plan(), c.protocol(), c.batch());
        Recordings gpu = cellPerBlock(f64, c);
        double scale = Math.max(1.0, HostCellPerBlockTest.maxAbs(ref));
        double rel = TraceComparison.maxAbsDiff(ref, gpu) / scale;
        AgreementLog.record("cuda-cpb-f64", c.name(), "max |v - cpu| / max |v|", rel, F64_REL_TOL);
        assertTrue(rel <= F64_REL_TOL, c + ": relative " + rel);
        assertTrue(TraceComparison.sameDivergence(ref, gpu), c + ": divergence flags differ");
        Recordings tpi = f64.run(c.plan(), c.protocol(), c.batch());
        double vsDefault = TraceComparison.maxAbsDiff(tpi, gpu) / scale;
        AgreementLog.record("cuda-cpb-f64", c.name(), "max |v - thread-per-instance| / max |v|", vsDefault, 1e-12);
        assertTrue(vsDefault <= 1e-12, c + ": vs thread-per-instance " + vsDefault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32FollowsTheAccuracyRule(ParityModels.Case c) {
        Recordings ref = new CpuEngine().run(c.plan(), c.protocol(), c.batch());
        Float32Accuracy.Report r = Float32Accuracy.check(ref, cellPerBlock(f32, c));
        AgreementLog.record("cuda-cpb-f32", c.name(), "worst |dv| off spikes mV", r.worstVoltageMv(),
                Float32Accuracy.VOLTAGE_TOL_MV);
        assertTrue(r.passes(), c + ": " + r);
    }
}
