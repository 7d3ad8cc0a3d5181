package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Branch;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core], bad input): a stimulus or clamp with fewer samples than the run has steps,
 * and a per-set stimulus override of the wrong shape, fail with a {@link ModelException} naming
 * the input, its site (and parameter set), its length and the length needed.
 */
class InputLengthTest {
    static final int STEPS = 40;

    static void assertContains(Exception e, String... facts) {
        for (String f : facts) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    static Branch model() {
        Branch b = Branch.of(3);
        b.insert(HH.MECHANISM);
        b.record();
        return b;
    }

    static double[] samples(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void stimulusShorterThanTheRunIsRejectedNamingSiteAndLengths() {
        Branch b = model();
        b.comp(0).stimulate(samples(STEPS, 0.01));
        b.comp(2).stimulate(samples(STEPS - 1, 0.01));
        Plan plan = b.compile();
        ModelException e = assertThrows(ModelException.class,
                () -> new CpuEngine().run(plan, Protocol.defaults().withSteps(STEPS)));
        assertContains(e, "stimulus 1", "cell 0 branch 0 comp 2", (STEPS - 1) + " samples", "needs " + STEPS);
    }

    @Test
    void stimulusOfExactlyTheRunLengthOrLongerIsAccepted() {
        Branch b = model();
        b.comp(0).stimulate(samples(STEPS, 0.01));
        b.comp(2).stimulate(samples(STEPS + 10, 0.01));
        Recordings r = assertDoesNotThrow(() -> new CpuEngine().run(b.compile(), Protocol.defaults().withSteps(STEPS)));
        assertEquals(STEPS + 1, r.numSamples());
    }

    @Test
    void clampShorterThanTheRunIsRejectedNamingSiteAndLengths() {
        Branch b = model();
        b.comp(1).clamp(samples(STEPS - 5, -60.0));
        Plan plan = b.compile();
        ModelException e = assertThrows(ModelException.class,
                () -> new CpuEngine().run(plan, Protocol.defaults().withSteps(STEPS)));
        assertContains(e, "clamp 0", "cell 0 branch 0 comp 1", (STEPS - 5) + " samples", "needs " + STEPS);
    }

    @Test
    void emptyOrNonFiniteStimulusOrClampIsRejectedWhenGiven() {
        Branch b = model();
        assertContains(assertThrows(ModelException.class, () -> b.comp(0).stimulate(new double[0])), "stimulate",
                "no samples");
        double[] bad = samples(10, 0.0);
        bad[7] = Double.NaN;
        assertContains(assertThrows(ModelException.class, () -> b.comp(0).stimulate(bad)), "sample 7", "NaN");
        assertContains(assertThrows(ModelException.class, () -> b.comp(2).clamp(bad)), "clamp", "sample 7");
    }

    @Test
    void runWithoutDurationAndWithoutStimulusIsRejected() {
        Plan plan = model().compile();
        assertContains(assertThrows(ModelException.class, () -> new CpuEngine().run(plan, Protocol.defaults())),
                "withTMax", "withSteps");
    }

    @Test
    void batchStimulusOverrideWithTheWrongNumberOfSetsIsRejectedNamingBothCounts() {
        Branch b = model();
        b.comp(0).stimulate(samples(STEPS, 0.01));
        ParameterSets sets = new ParameterLayout(b).batch(3);
        Batch batch = new Batch(sets);
        ModelException e = assertThrows(ModelException.class,
                () -> batch.stimulus(0, new double[][] {samples(STEPS, 0), samples(STEPS, 0)}));
        assertContains(e, "stimulus override 0", "(3)", "got 2");
        assertThrows(ModelException.class, () -> batch.stimulus(0, null));
    }

    @Test
    void batchStimulusOverrideTooShortForOneSetNamesThatSet() {
        Branch b = model();
        b.comp(0).stimulate(samples(STEPS, 0.01));
        Plan plan = b.compile();
        Batch batch = new Batch(new ParameterLayout(b).batch(3))
                .stimulus(0, new double[][] {samples(STEPS, 0), samples(STEPS, 0), samples(STEPS - 2, 0)});
        ModelException e = assertThrows(ModelException.class,
                () -> new CpuEngine().run(plan, Protocol.defaults().withSteps(STEPS), batch));
        assertContains(e, "stimulus 0", "parameter set 2", (STEPS - 2) + " samples", "needs " + STEPS);
    }

    @Test
    void batchStimulusOverrideOfAStimulusThatDoesNotExistIsRejected() {
        Branch b = model();
        b.comp(0).stimulate(samples(STEPS, 0.01));
        Plan plan = b.compile();
        Batch batch = new Batch(new ParameterLayout(b).batch(1)).stimulus(1, new double[][] {samples(STEPS, 0)});
        assertContains(assertThrows(ModelException.class,
                () -> new CpuEngine().run(plan, Protocol.defaults().withSteps(STEPS), batch)),
                "stimulus override 1", "1 stimuli");
    }
}
