package org.huxley.cuda;

import org.huxley.testing.HostTestSupport;

import org.huxley.testing.ParityModels;

import org.huxley.testing.AgreementLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Recordings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernels' numerics (kernels/include + generated mechanism code), compiled for the host and
 * called through the hx_run ABI, equal the Java engine to 1e-9 mV in float64 on every parity model:
 * a GPU-less CI check of the kernel math, the generator and the marshalling.
 */
class HostKernelParityTest {
    static final double F64_TOL_MV = 1e-9;

    @BeforeAll
    static void needsCompiler() {
        HostTestSupport.assumeHostCompiler();
    }

    static List<ParityModels.Case> cases() {
        return ParityModels.ciCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64EqualsTheJavaEngine(ParityModels.Case c) {
        Recordings cpu = new CpuEngine(1).run(c.plan(), c.protocol(), c.batch());
        Recordings host = new HostEngine(Precision.FLOAT64).run(c.plan(), c.protocol(), c.batch());
        double d = TraceComparison.maxAbsDiff(cpu, host);
        AgreementLog.record("host-f64", c.name(), "max |v - cpu| mV", d, F64_TOL_MV);
        assertTrue(d <= F64_TOL_MV, c + ": max |host - cpu| = " + d + " mV");
        assertTrue(TraceComparison.sameDivergence(cpu, host), c + ": divergence flags differ");
        assertEquals(cpu.labels(), host.labels());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32FollowsTheAccuracyRule(ParityModels.Case c) {
        Recordings cpu = new CpuEngine(1).run(c.plan(), c.protocol(), c.batch());
        Recordings host = new HostEngine(Precision.FLOAT32).run(c.plan(), c.protocol(), c.batch());
        Float32Accuracy.Report r = Float32Accuracy.check(cpu, host);
        AgreementLog.record("host-f32", c.name(), "worst |dv| off spikes mV", r.worstVoltageMv(),
                Float32Accuracy.VOLTAGE_TOL_MV);
        assertTrue(r.passes(), c + ": " + r);
    }
}
