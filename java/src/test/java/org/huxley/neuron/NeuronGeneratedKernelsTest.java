package org.huxley.neuron;

import org.huxley.engine.CpuEngine;
import org.huxley.engine.KernelMode;
import org.huxley.engine.Recordings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated-bytecode fast path equals the interpreted engine bitwise on the NEURON models too. */
class NeuronGeneratedKernelsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a_soma_hh", "b_cable_hh", "c_ycell_hh", "e_passive_cable"})
    void bitwiseEqual(String name) {
        NeuronReading reading = NeuronReader.read(NeuronReferences.model(name));
        Recordings fast = new CpuEngine(1, KernelMode.GENERATED).run(reading.plan(), reading.protocol());
        Recordings ref = new CpuEngine(1, KernelMode.INTERPRETED).run(reading.plan(), reading.protocol());
        org.huxley.engine.GeneratedKernelsTest.assertBitwiseEqual(ref, fast);
    }
}
