package org.huxley.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.model.Network;
import org.junit.jupiter.api.Test;

/**
 * A sparse network drawn from a seed (random connections and random post-synaptic compartments) is
 * the same network every time, and simulates to bitwise the same trace twice at a fixed thread
 * count; another seed draws another network.
 */
class SeededNetworkReproducibilityTest {
    private static final int CELLS = 12;
    private static final long SYNAPSES = 40;

    private static long[] wiring(Network net) {
        return net.synapseBlocks().stream()
                .flatMapToLong(b -> java.util.stream.LongStream.range(0, b.size())
                        .map(i -> ((long) b.preCompartments()[(int) i] << 32) | b.postCompartments()[(int) i]))
                .toArray();
    }

    private static double[] simulate(Network net) {
        Recordings rec = new CpuEngine(2).run(net.compile(), Protocol.defaults().withTMax(8.0));
        return rec.trace(0, 0);
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void sameSeedGivesTheSameNetworkAndBitwiseTheSameTraceTwice() {
        Network a = NetworkWorkloads.sparse(CELLS, SYNAPSES, 7L);
        Network b = NetworkWorkloads.sparse(CELLS, SYNAPSES, 7L);
        assertTrue(a.numSynapses() > 10, "the seed should draw a few dozen synapses, got " + a.numSynapses());
        assertArrayEquals(wiring(a), wiring(b));
        assertArrayEquals(bits(simulate(a)), bits(simulate(b)));
    }

    @Test
    void anotherSeedDrawsAnotherNetwork() {
        long[] seven = wiring(NetworkWorkloads.sparse(CELLS, SYNAPSES, 7L));
        long[] eight = wiring(NetworkWorkloads.sparse(CELLS, SYNAPSES, 8L));
        assertFalse(Arrays.equals(seven, eight));
        assertEquals(seven.length, wiring(NetworkWorkloads.sparse(CELLS, SYNAPSES, 7L)).length);
    }
}
