package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.Shared;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter sets are independent: B = 4 sets in one call give bitwise the losses, gradients and
 * recordings of 4 single-set calls, and the result does not depend on the number of threads.
 */
class BatchedGradientTest {
    private static final int SETS = 4;

    /** A model and the trainables declared on it. */
    record Case(String name, Supplier<Module> model, Function<Module, ParameterLayout> layout) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("HH tree", TestModels::hhTree, m -> new ParameterLayout(m)
                        .add(m.branch(0, 1, 2, 3, 4), HH.G_NA).add(m.all(), HH.G_K)
                        .add(m.branch(1, 2), CompartmentField.RADIUS).add(m.all(), CompartmentField.CAPACITANCE)),
                new Case("Pospischil tree with CaT", TestModels::pospischilTree, m -> new ParameterLayout(m)
                        .add(m.branch(0, 1), CaT.G_CA_T).add(m.all(), Shared.V_T)
                        .add(m.branch(0, 1, 2), CompartmentField.AXIAL_RESISTIVITY)),
                new Case("HH network", TestModels::hhNetwork, m -> new ParameterLayout(m)
                        .add(((Network) m).edges(IonotropicSynapse.MECHANISM).edge(0, 1), IonotropicSynapse.G_S)
                        .add(((Network) m).edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.V_TH)
                        .add(m.cell(0, 1, 2), HH.G_NA)));
    }

    /** Four different sets: every parameter scaled by its own factor in [0.9, 1.1] per set. */
    private static ParameterSets fourDifferentSets(ParameterLayout layout) {
        ParameterSets sets = layout.batch(SETS);
        double[] init = sets.row(0);
        for (int b = 0; b < SETS; b++) {
            for (int p = 0; p < init.length; p++) {
                sets.set(b, p, init[p] * (1.0 + 0.1 * Math.sin(1.0 + 3 * b + 7 * p)));
            }
        }
        return sets;
    }

    private static GradientResult run(Plan plan, ParameterSets sets, int parallelism) {
        Protocol protocol = TestModels.protocol();
        return new CpuGradientEngine(parallelism, CheckpointPolicy.uniform(20)).valueAndGradient(plan, protocol,
                new Batch(sets), Losses.meanSquaredErrorTo(-60.0, 2));
    }

    private static void assertSameSet(GradientResult expected, int e, GradientResult actual, int a, String what) {
        assertEquals(Double.doubleToLongBits(expected.loss(e)), Double.doubleToLongBits(actual.loss(a)),
                what + ": loss");
        long[] ge = Arrays.stream(expected.gradient(e)).mapToLong(Double::doubleToRawLongBits).toArray();
        long[] ga = Arrays.stream(actual.gradient(a)).mapToLong(Double::doubleToRawLongBits).toArray();
        assertArrayEquals(ge, ga, what + ": gradient bits");
        for (int r = 0; r < expected.recordings().numRecordings(); r++) {
            assertArrayEquals(expected.recordings().trace(e, r), actual.recordings().trace(a, r), 0.0,
                    what + ": recording " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchOfFourEqualsFourSeparateCallsBitForBit(Case c) {
        Module m = c.model().get();
        Plan plan = m.compile();
        ParameterLayout layout = c.layout().apply(m);
        ParameterSets sets = fourDifferentSets(layout);
        GradientResult batched = run(plan, sets, 1);
        assertEquals(SETS, batched.numSets());
        for (int b = 0; b < SETS; b++) {
            assertTrue(batched.valid(b), "set " + b);
            ParameterSets one = layout.batch(1);
            double[] row = sets.row(b);
            for (int p = 0; p < row.length; p++) {
                one.set(0, p, row[p]);
            }
            assertSameSet(run(plan, one, 1), 0, batched, b, c + ", set " + b + " alone vs in the batch");
        }
        assertNotEquals(batched.loss(0), batched.loss(1), "the sets really differ");
        assertTrue(!Arrays.equals(batched.gradient(0), batched.gradient(3)), "the sets really differ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneAndTwoThreadsGiveTheSameResultBitForBit(Case c) {
        Module m = c.model().get();
        Plan plan = m.compile();
        ParameterSets sets = fourDifferentSets(c.layout().apply(m));
        GradientResult one = run(plan, sets, 1);
        GradientResult two = run(plan, sets, 2);
        for (int b = 0; b < SETS; b++) {
            assertSameSet(one, b, two, b, c + ", set " + b + ", 1 vs 2 threads");
        }
        assertEquals(2, two.memory().concurrentSets());
        assertEquals(2 * one.memory().peakBytes(), two.memory().peakBytes(), "two sets in memory at once");
    }
}
