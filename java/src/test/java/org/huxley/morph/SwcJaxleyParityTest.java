package org.huxley.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.model.Network;
import org.huxley.model.View;
import org.huxley.stim.Stimuli;
import org.huxley.testing.JaxleyReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jaxley's {@code tests/jaxley_identical/test_swc.py} (jaxleyverse/jaxley@2638cca2665e): cells read
 * from SWC with ncomp 2 and max_branch_len 300 µm, HH everywhere, 0.2 nA step at the first soma
 * branch's loc 1.0, every stored sample within 1e−8 mV.
 */
class SwcJaxleyParityTest {
    static final double TOLERANCE_MV = 1e-8;
    static final SwcOptions OPTIONS = SwcOptions.builder().ncomp(2).maxBranchLengthUm(300.0).build();
    static final double[] STEP = Stimuli.stepCurrent(0.5, 1.0, 0.2, 0.025, 5.0);

    @ParameterizedTest(name = "test_swc_cell[{0}]")
    @ValueSource(strings = {"morph_ca1_n120", "morph_ca1_n120_single_point_soma"})
    void swcCellReproducesJaxley(String morph) {
        Cell cell = Morphologies.read(morph + ".swc", OPTIONS).cell();
        cell.insert(HH.MECHANISM);
        View site = cell.group("soma").branch(0).loc(1.0);
        site.stimulate(STEP);
        site.record();
        Recordings rec = new CpuEngine().run(cell.compile(), Protocol.defaults());
        assertEquals(202, rec.numSamples());
        JaxleyReference ref = JaxleyReference.load("test_swc_cell_" + morph);
        System.out.printf("test_swc_cell[%s]: max |dv| = %.3e mV%n", morph, ref.maxError(rec, 0));
        ref.assertReproduced(rec, TOLERANCE_MV);
    }

    @ParameterizedTest(name = "test_swc_net[{0}]")
    @ValueSource(strings = {"morph_ca1_n120", "morph_ca1_n120_250"})
    void swcNetReproducesJaxley(String morph) {
        Cell cell = Morphologies.read(morph + ".swc", OPTIONS).cell();
        Network net = new Network(List.of(cell, cell));
        net.insert(HH.MECHANISM);
        View post = net.cell(1).group("soma").branch(0).loc(1.0);
        double length = post.get(CompartmentField.LENGTH)[0];
        double radius = post.get(CompartmentField.RADIUS)[0];
        net.connect(net.cell(0).group("soma").branch(0).loc(1.0), post, IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.5 / (1e5 / (2 * Math.PI * length * radius)));
        for (int c = 0; c < 2; c++) {
            net.cell(c).group("soma").branch(0).loc(1.0).stimulate(STEP);
            net.cell(c).group("soma").branch(0).loc(1.0).record();
        }
        Recordings rec = new CpuEngine().run(net.compile(), Protocol.defaults());
        JaxleyReference ref = JaxleyReference.load("test_swc_net_" + morph);
        System.out.printf("test_swc_net[%s]: max |dv| = %.3e mV%n", morph, ref.maxError(rec, 0));
        ref.assertReproduced(rec, TOLERANCE_MV);
    }
}
