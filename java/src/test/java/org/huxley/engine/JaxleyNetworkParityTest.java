package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.huxley.model.Network;
import org.huxley.testing.JaxleyNetworks;
import org.huxley.testing.JaxleyReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jaxley's seven-cell networks (test_basic_modules.py::test_complex_net, bwd_euler, and
 * test_mixed_net): 24 synapses of two types in four fully_connect calls, at every stored sample.
 * Jaxley's linearisation is a 1e-3 mV forward difference; both synapse types are affine in v, so the
 * analytic slope agrees to roundoff, and both are checked.
 */
class JaxleyNetworkParityTest {
    @ParameterizedTest(name = "test_complex_net bwd_euler, {0} slope")
    @EnumSource(SlopeMode.class)
    void complexNet(SlopeMode slope) {
        JaxleyReference ref = JaxleyReference.load("test_complex_net_bwd_euler");
        Network net = JaxleyNetworks.build(ref, false);
        assertEquals(24, net.numSynapses());
        Recordings rec = new CpuEngine().run(net.compile(), Protocol.defaults().withSlope(slope));
        assertEquals(402, rec.numSamples());
        System.out.printf("test_complex_net (%s slope): max |dv| = %.3e mV%n", slope, ref.maxError(rec, 0));
        ref.assertReproduced(rec, JaxleyParityTest.TOLERANCE_MV, "bwd_euler, 24 synapses, " + slope + " slope");
    }

    @ParameterizedTest(name = "test_mixed_net, {0} slope")
    @EnumSource(SlopeMode.class)
    void mixedNet(SlopeMode slope) {
        JaxleyReference ref = JaxleyReference.load("test_mixed_net");
        Recordings rec = new CpuEngine().run(JaxleyNetworks.build(ref, true).compile(),
                Protocol.defaults().withSlope(slope));
        System.out.printf("test_mixed_net (%s slope): max |dv| = %.3e mV%n", slope, ref.maxError(rec, 0));
        ref.assertReproduced(rec, JaxleyParityTest.TOLERANCE_MV, "bwd_euler, one-compartment cells, " + slope + " slope");
    }
}
