package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.stim.Stimuli;
import org.huxley.testing.JaxleyReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Float64 traces against the arrays stored in Jaxley's own tests
 * (jaxleyverse/jaxley@2638cca2665e, tests/jaxley_identical/), at every stored sample.
 */
class JaxleyParityTest {
    /** The acceptance bound; the references store 8 to 17 significant digits. */
    static final double TOLERANCE_MV = 1e-8;
    static final double[] STEP = Stimuli.stepCurrent(0.5, 1.0, 0.02, 0.025, 5.0);

    static Stream<Arguments> compartmentModules() {
        return Stream.of(
                Arguments.of("Compartment", (Supplier<Module>) Compartment::new),
                Arguments.of("Branch", (Supplier<Module>) () -> Branch.of(1)),
                Arguments.of("Cell", (Supplier<Module>) () -> new Cell(List.of(Branch.of(1)), new int[] {-1})),
                Arguments.of("Network", (Supplier<Module>) () ->
                        new Network(List.of(new Cell(List.of(Branch.of(1)), new int[] {-1})))));
    }

    @ParameterizedTest(name = "test_compartment as a {0}")
    @MethodSource("compartmentModules")
    void testCompartmentOnEveryModuleKind(String kind, Supplier<Module> factory) {
        Module m = factory.get();
        m.insert(HH.MECHANISM);
        m.record();
        m.stimulate(STEP);
        Recordings rec = new CpuEngine().run(m.compile(), Protocol.defaults());
        assertEquals(202, rec.numSamples());
        JaxleyReference.load("test_compartment").assertReproduced(rec, TOLERANCE_MV, "as a " + kind);
    }

    @Test
    void testBranch() {
        Branch b = Branch.of(2);
        b.insert(HH.MECHANISM);
        b.loc(0.0).stimulate(STEP);
        b.loc(0.0).record();
        Recordings rec = new CpuEngine().run(b.compile(), Protocol.defaults());
        JaxleyReference.load("test_branch").assertReproduced(rec, TOLERANCE_MV);
    }

    @Test
    void testCell() {
        Cell c = Cell.binaryTree(3, 2);
        c.insert(HH.MECHANISM);
        c.branch(1).loc(0.0).stimulate(STEP);
        c.branch(1).loc(0.0).record();
        Recordings rec = new CpuEngine().run(c.compile(), Protocol.defaults());
        JaxleyReference.load("test_cell").assertReproduced(rec, TOLERANCE_MV);
    }

    @Test
    void testBranchUnevenRadiusesBackwardEuler() {
        Branch b = Branch.of(8);
        b.set(CompartmentField.AXIAL_RESISTIVITY, 500.0);
        for (int k = 0; k < 8; k++) {
            b.comp(k).set(CompartmentField.LENGTH, linspace(20, 300, 8)[k]);
            b.comp(k).set(CompartmentField.RADIUS, linspace(1, 5, 8)[k]);
        }
        b.insert(HH.MECHANISM);
        b.loc(1.0).stimulate(Stimuli.stepCurrent(0.5, 1.0, 2.0, 0.025, 10.0));
        b.loc(0.0).record();
        Recordings rec = new CpuEngine().run(b.compile(), Protocol.defaults());
        JaxleyReference.load("test_branch_uneven_radiuses_bwd_euler").assertReproduced(rec, TOLERANCE_MV);
    }

    @Test
    void testNetWithOneIonotropicSynapse() {
        Network net = Network.of(2, 3, 2);
        net.insert(HH.MECHANISM);
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.5 / (1e5 / (2 * Math.PI * 10.0)));
        for (int c = 0; c < 2; c++) {
            net.cell(c).branch(1).loc(0.0).stimulate(STEP);
            net.cell(c).branch(1).loc(0.0).record();
        }
        Recordings rec = new CpuEngine().run(net.compile(), Protocol.defaults());
        JaxleyReference.load("test_net").assertReproduced(rec, TOLERANCE_MV);
    }

    @Test
    void testRadiusAndLengthOfACell() {
        JaxleyReference ref = JaxleyReference.load("test_radius_and_length_cell");
        Cell c = Cell.binaryTree(3, 2);
        var geo = ref.json().get("derived_geometry");
        applyGeometry(c, geo, 0);
        c.insert(HH.MECHANISM);
        c.branch(1).loc(0.0).stimulate(STEP);
        c.branch(1).loc(0.0).record();
        ref.assertReproduced(new CpuEngine().run(c.compile(), Protocol.defaults()), TOLERANCE_MV);
    }

    @Test
    void testRadiusAndLengthOfABranch() {
        JaxleyReference ref = JaxleyReference.load("test_radius_and_length_branch");
        Branch b = Branch.of(2);
        var geo = ref.json().get("derived_geometry");
        for (int k = 0; k < 2; k++) {
            b.comp(k).set(CompartmentField.LENGTH, geo.get("length_um").get(k).doubleValue());
            b.comp(k).set(CompartmentField.RADIUS, geo.get("radius_um").get(k).doubleValue());
        }
        b.insert(HH.MECHANISM);
        b.loc(0.0).stimulate(STEP);
        b.loc(0.0).record();
        ref.assertReproduced(new CpuEngine().run(b.compile(), Protocol.defaults()), TOLERANCE_MV);
    }

    @Test
    void testRadiusAndLengthOfANetwork() {
        JaxleyReference ref = JaxleyReference.load("test_radius_and_length_net");
        var geo = ref.json().get("derived_geometry");
        Network net = Network.of(2, 3, 2);
        List<String> keys = new ArrayList<>(List.of("cell0", "cell1"));
        for (int c = 0; c < 2; c++) {
            applyGeometry(net, geo.get(keys.get(c)), c);
        }
        net.insert(HH.MECHANISM);
        double postArea = net.cell(1).branch(0).comp(0).get(CompartmentField.AREA)[0];
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.5 / (1e5 / postArea));
        for (int c = 0; c < 2; c++) {
            net.cell(c).branch(1).loc(0.0).stimulate(STEP);
            net.cell(c).branch(1).loc(0.0).record();
        }
        ref.assertReproduced(new CpuEngine().run(net.compile(), Protocol.defaults()), TOLERANCE_MV);
    }

    private static void applyGeometry(Module m, tools.jackson.databind.JsonNode geo, int cell) {
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < 2; k++) {
                var view = m.cell(cell).branch(b).comp(k);
                view.set(CompartmentField.LENGTH, geo.get("length_um_per_branch").get(b).get(k).doubleValue());
                view.set(CompartmentField.RADIUS, geo.get("radius_um_per_branch").get(b).get(k).doubleValue());
            }
        }
    }

    /** numpy.linspace(start, stop, num). */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = start + i * step;
        }
        out[num - 1] = stop;
        return out;
    }
}
