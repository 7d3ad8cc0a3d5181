package org.huxley.cuda;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.huxley.ModelException;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.Network;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On a GPU: the CUDA engine (float64, built-in kernels with the network synapses) equals the CPU
 * engine to 1e-9 mV on the network cases, and refuses a delayed network with a clear message.
 */
@Tag("gpu")
class NetworkCudaIT {
    static CudaEngine f64;

    @BeforeAll
    static void open() {
        String why = CudaDriver.unavailableReason();
        assumeTrue(why == null, "no usable CUDA device: " + why);
        f64 = CudaEngine.create(Precision.FLOAT64);
        System.out.println("[gpu] device " + f64.context() + ", built-in kernels: " + f64.builtinKernelOrigin());
    }

    @AfterAll
    static void close() {
        if (f64 != null) {
            f64.close();
        }
    }

    static List<ParityModels.Case> cases() {
        return NetworkKernels.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64EqualsTheCpuEngine(ParityModels.Case c) {
        Recordings cpu = new CpuEngine().run(c.plan(), c.protocol(), c.batch());
        Recordings gpu = f64.run(c.plan(), c.protocol(), c.batch());
        double d = TraceComparison.maxAbsDiff(cpu, gpu);
        System.out.printf("[gpu] cuda-f64 %s: max |v - cpu| = %.3e mV%n", c.name(), d);
        assertTrue(d <= 1e-9, c + ": max |cuda - cpu| = " + d);
    }

    @Test
    void delayedNetworksAreRefused() {
        Network net = Network.of(2, 1, 2);
        net.insert(HH.MECHANISM);
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .setDelay(2);
        net.cell(1).branch(0).loc(0.0).record();
        var plan = net.compile();
        ModelException e = assertThrows(ModelException.class, () -> f64.run(plan, Protocol.defaults().withSteps(10)));
        assertTrue(e.getMessage().contains("CpuEngine"), e.getMessage());
    }
}
