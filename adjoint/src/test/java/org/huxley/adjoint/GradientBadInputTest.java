package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.huxley.ModelException;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the gradient engine fails early with a specific {@link ModelException}; a parameter
 * set whose simulation diverges is reported for that set alone, and the other sets get exactly the
 * gradients they get without it.
 */
class GradientBadInputTest {
    private static GradientResult gradient(Plan plan, Batch batch, Loss loss, int parallelism) {
        return new CpuGradientEngine(parallelism, CheckpointPolicy.uniform(20)).valueAndGradient(plan,
                TestModels.protocol(), batch, loss);
    }

    @Test
    void lossWithTheWrongNumberOfRecordingsNamesBothCounts() {
        Cell cell = TestModels.hhTree(); // records 3 traces of 401 samples
        Plan plan = cell.compile();
        Batch batch = new Batch(ParameterSets.none(cell));
        ModelException e = assertThrows(ModelException.class,
                () -> gradient(plan, batch, Losses.meanSquaredError(new double[2][401]), 1));
        assertTrue(e.getMessage().contains("2 recordings") && e.getMessage().contains("records 3"), e.getMessage());

        ModelException samples = assertThrows(ModelException.class,
                () -> gradient(plan, batch, Losses.meanSquaredError(new double[3][400]), 1));
        assertTrue(samples.getMessage().contains("400 samples") && samples.getMessage().contains("401"),
                samples.getMessage());
    }

    @Test
    void trainableFieldNotDefinedOnTheSelectionIsRejected() {
        Cell cell = TestModels.pospischilTree(); // CaT on branches 0 and 1 only
        ParameterLayout layout = new ParameterLayout(cell);
        ModelException e = assertThrows(ModelException.class, () -> layout.add(cell.branch(2), CaT.G_CA_T));
        assertTrue(e.getMessage().contains(CaT.G_CA_T.key()) && e.getMessage().contains("branch(2)"),
                e.getMessage());
        assertThrows(ModelException.class, () -> layout.add(cell.all(), HH.G_NA));
        assertEquals(0, layout.size(), "a rejected declaration adds no parameter");

        Network net = TestModels.hhNetwork();
        ModelException syn = assertThrows(ModelException.class,
                () -> new ParameterLayout(net).add(net.edges(TestSynapse.MECHANISM), IonotropicSynapse.G_S));
        assertTrue(syn.getMessage().contains("TestSynapse") && syn.getMessage().contains(IonotropicSynapse.G_S.key()),
                syn.getMessage());
        ModelException name = assertThrows(ModelException.class, () -> HH.MECHANISM.param("gCa"));
        assertTrue(name.getMessage().contains("gCa"), name.getMessage());
    }

    @Test
    void nonFiniteParameterValueIsRejected() {
        Cell cell = TestModels.hhTree();
        ParameterLayout layout = new ParameterLayout(cell).add(cell.branch(0, 1), HH.G_NA)
                .add(cell.all(), CompartmentField.RADIUS);
        ParameterSets sets = layout.batch(3);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ModelException e = assertThrows(ModelException.class, () -> sets.set(1, 2, bad));
            assertTrue(e.getMessage().contains("parameter set 1") && e.getMessage().contains(String.valueOf(bad))
                    && e.getMessage().contains("radius"), e.getMessage());
        }
        assertThrows(ModelException.class, () -> sets.setAll(0, Double.NaN));
        assertThrows(ModelException.class, () -> layout.add(cell.branch(2), HH.G_K, Double.NaN));
        assertTrue(Arrays.stream(sets.row(1)).allMatch(Double::isFinite), "rejected values are not stored");
    }

    /**
     * No range-valid parameter value makes these models diverge (backward Euler is stable and
     * every exponential is clipped: tiny c and area, gCaT = 100 S/cm², Ra = 1e−9 Ω·cm, v₀ = 1e4 mV
     * all stay finite), so set 2 diverges through its own stimulus: 1e306 nA overflows the current
     * density in the first step.
     */
    @Test
    void divergingSetIsFlaggedAloneAndTheOthersKeepTheirGradientsBitForBit() {
        Cell cell = TestModels.hhTree();
        Plan plan = cell.compile();
        ParameterLayout layout = new ParameterLayout(cell).add(cell.branch(0, 1, 2, 3, 4), HH.G_NA)
                .add(cell.branch(1, 2), CompartmentField.RADIUS).add(cell.all(), CompartmentField.V);
        double[] gNa = {0.12, 0.1, 0.3, 0.15};
        double[] pulse = TestModels.pulse(1.0);
        double[] huge = new double[pulse.length];
        Arrays.fill(huge, 1e306);
        ParameterSets four = layout.batch(4);
        ParameterSets three = layout.batch(3);
        double[][] fourStim = new double[4][];
        double[][] threeStim = new double[3][];
        for (int b = 0, k = 0; b < 4; b++) {
            four.set(b, 0, gNa[b]);
            fourStim[b] = b == 2 ? huge : pulse;
            if (b != 2) {
                three.set(k, 0, gNa[b]);
                threeStim[k++] = pulse;
            }
        }
        Loss loss = Losses.meanSquaredErrorTo(-60.0, 1);
        GradientResult with = gradient(plan, new Batch(four).stimulus(0, fourStim), loss, 2);
        GradientResult without = gradient(plan, new Batch(three).stimulus(0, threeStim), loss, 2);

        assertFalse(with.valid(2), "set 2 diverged");
        assertTrue(with.recordings().diverged(2));
        assertEquals(1, with.recordings().divergedAtStep(2), "non-finite after the first step");
        assertEquals(java.util.List.of(2), with.recordings().divergedSets());
        assertTrue(Double.isNaN(with.loss(2)), "loss of the diverged set is NaN");
        assertTrue(Arrays.stream(with.gradient(2)).allMatch(Double::isNaN), "gradient of the diverged set is NaN");
        for (int b = 0, k = 0; b < 4; b++) {
            if (b == 2) {
                continue;
            }
            assertTrue(with.valid(b), "set " + b);
            assertTrue(Arrays.stream(with.gradient(b)).allMatch(Double::isFinite), "set " + b);
            assertEquals(Double.doubleToLongBits(without.loss(k)), Double.doubleToLongBits(with.loss(b)), "set " + b);
            assertArrayEquals(without.gradient(k), with.gradient(b), 0.0, "set " + b);
            assertArrayEquals(without.recordings().trace(k, 0), with.recordings().trace(b, 0), 0.0, "set " + b);
            k++;
        }
    }

    /** A loss on a recorded current has no adjoint here: refused with a message, not a wrong gradient. */
    @Test
    void lossOnARecordedCurrentIsRefused() {
        Cell cell = TestModels.hhTree();
        cell.branch(1).loc(0.0).record(HH.MECHANISM.current());
        ParameterLayout layout = new ParameterLayout(cell).add(cell.all(), HH.G_K);
        ModelException e = assertThrows(ModelException.class,
                () -> gradient(cell.compile(), new Batch(layout.batch(1)), Losses.meanSquaredErrorTo(-60.0, 1), 1));
        assertTrue(e.getMessage().contains("current"), e.getMessage());
    }

    @Test
    void protocolWithoutDurationIsRejected() {
        Cell cell = TestModels.hhTree();
        cell.deleteStimuli();
        Protocol noDuration = Protocol.defaults();
        assertThrows(ModelException.class, () -> new CpuGradientEngine(1, null).valueAndGradient(cell.compile(),
                noDuration, new Batch(ParameterSets.none(cell)), Losses.meanSquaredErrorTo(-60.0, 1)));
    }
}
