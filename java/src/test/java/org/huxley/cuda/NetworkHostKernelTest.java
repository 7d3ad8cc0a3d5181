package org.huxley.cuda;

import org.huxley.testing.HostTestSupport;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Recordings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated kernels of the network cases ({@link NetworkKernels}), built for the host, equal the Java engine. */
class NetworkHostKernelTest {
    @BeforeAll
    static void needsCompiler() {
        HostTestSupport.assumeHostCompiler();
    }

    static List<ParityModels.Case> cases() {
        return NetworkKernels.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64EqualsTheJavaEngine(ParityModels.Case c) {
        Recordings cpu = new CpuEngine(1).run(c.plan(), c.protocol(), c.batch());
        Recordings host = new HostEngine(Precision.FLOAT64).run(c.plan(), c.protocol(), c.batch());
        double d = TraceComparison.maxAbsDiff(cpu, host);
        System.out.printf("host-f64 %s: max |v - cpu| = %.3e%n", c.name(), d);
        assertTrue(d <= HostKernelParityTest.F64_TOL_MV, c + ": max |host - cpu| = " + d);
    }
}
