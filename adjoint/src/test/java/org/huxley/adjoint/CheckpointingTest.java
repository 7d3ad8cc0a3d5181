package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpointing changes where states come from, never the gradient: every policy gives bitwise the
 * full-storage gradient at a fixed parallelism, stores at most 2√T + c states with uniform ⌈√T⌉
 * checkpoints, and runs the number of forward steps adjoint-derivation.md §8 counts.
 *
 * <p>Counting conventions (as the engine implements them): {@code forwardSteps} includes the
 * primal sweep; a recomputed segment of length ℓ costs ℓ − 1 steps, because its last state is the
 * next segment's checkpoint (or the primal sweep's final state). With chunk sizes k₀ > k₁ > … > 1
 * ({@link MemoryReport#chunkSizes()}) that is T + Σ_ℓ (T − ⌈T/k_ℓ⌉) over all but the innermost
 * level: T for full storage (also for uniform K ≥ T, which degenerates to full storage) and
 * 2T − ⌈T/K⌉ for uniform K < T. With clamps every backward step re-solves its step once more to
 * get the unclamped solution, which adds T.
 */
class CheckpointingTest {
    private static final int PARALLELISM = 2;

    private static ParameterLayout layout(Cell cell) {
        return new ParameterLayout(cell)
                .add(cell.branch(0, 1, 2, 3, 4), HH.G_NA)
                .add(cell.all(), HH.G_K)
                .add(cell.branch(0, 1, 2, 3, 4), CompartmentField.CAPACITANCE)
                .add(cell.branch(1, 2), CompartmentField.RADIUS)
                .addPerElement(cell.branch(3, 4), CompartmentField.AREA)
                .add(cell.branch(0, 4), CompartmentField.AXIAL_RESISTIVITY)
                .add(cell.all(), HH.M)
                .add(cell.branch(0), CompartmentField.V);
    }

    /** Two sets with different values, so that per-set bookkeeping is exercised. */
    private static ParameterSets sets(ParameterLayout layout) {
        ParameterSets sets = layout.batch(2);
        sets.set(1, 0, 0.1);
        sets.set(1, 5, 0.03);
        return sets;
    }

    private static GradientResult run(Plan plan, Protocol protocol, ParameterSets sets, CheckpointPolicy policy) {
        return new CpuGradientEngine(PARALLELISM, policy).valueAndGradient(plan, protocol, new Batch(sets),
                Losses.meanSquaredErrorTo(-60.0, 1));
    }

    /** §8's count: T + Σ over all but the innermost level of (T − number of segments at that level). */
    static long expectedForwardSteps(int steps, int[] chunkSizes) {
        long count = steps;
        for (int level = 0; level < chunkSizes.length - 1; level++) {
            count += steps - (steps + chunkSizes[level] - 1L) / chunkSizes[level];
        }
        return count;
    }

    private static void assertSameGradients(GradientResult expected, GradientResult actual, String what) {
        for (int b = 0; b < expected.numSets(); b++) {
            assertEquals(Double.doubleToLongBits(expected.loss(b)), Double.doubleToLongBits(actual.loss(b)),
                    what + ": loss of set " + b);
            assertArrayEquals(expected.gradient(b), actual.gradient(b), 0.0, what + ": gradient of set " + b);
            long[] e = Arrays.stream(expected.gradient(b)).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] a = Arrays.stream(actual.gradient(b)).mapToLong(Double::doubleToRawLongBits).toArray();
            assertArrayEquals(e, a, what + ": gradient bits of set " + b);
        }
    }

    private static List<CheckpointPolicy> policies(int steps, long bytesPerStateAllSets) {
        int root = (int) Math.ceil(Math.sqrt(steps));
        List<CheckpointPolicy> out = new ArrayList<>(List.of(
                CheckpointPolicy.uniform(1), CheckpointPolicy.uniform(7), CheckpointPolicy.uniform(root),
                CheckpointPolicy.uniform(steps - 1), CheckpointPolicy.uniform(steps + 5),
                CheckpointPolicy.levels(25, 16), CheckpointPolicy.levels(root, root),
                CheckpointPolicy.levels(4, 10, 10), CheckpointPolicy.levels(8, 8, 8)));
        for (long states : new long[] {steps + 1L, 4L * root, 2L * root + 3, 30, 20}) {
            out.add(CheckpointPolicy.memoryBudget(states * bytesPerStateAllSets));
        }
        return out;
    }

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(ints = {400, 397})
    void everyPolicyGivesTheFullStorageGradientBitForBit(int steps) {
        Cell cell = TestModels.hhTree();
        Plan plan = cell.compile();
        ParameterSets sets = sets(layout(cell));
        Protocol protocol = TestModels.protocol().withSteps(steps);
        GradientResult full = run(plan, protocol, sets, CheckpointPolicy.full());
        assertTrue(full.valid(0) && full.valid(1));
        assertEquals(steps, full.memory().forwardSteps(), "full storage runs the primal sweep only");
        assertEquals(steps + 1, full.memory().peakStoredStates(), "full storage keeps T + 1 states");
        long bytesPerState = full.memory().bytesPerState() * full.memory().concurrentSets();
        for (CheckpointPolicy policy : policies(steps, bytesPerState)) {
            GradientResult r = run(plan, protocol, sets, policy);
            MemoryReport mem = r.memory();
            System.out.printf("T=%d %-28s chunks %-14s %s%n", steps, policy, Arrays.toString(mem.chunkSizes()), mem);
            assertSameGradients(full, r, policy.toString());
            assertEquals(expectedForwardSteps(steps, mem.chunkSizes()), mem.forwardSteps(),
                    policy + ": forward steps for chunks " + Arrays.toString(mem.chunkSizes()));
        }
    }

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(ints = {400, 397, 401, 100, 37})
    void uniformSquareRootCheckpointsStoreAtMostTwoRootTPlusThreeStates(int steps) {
        Cell cell = TestModels.hhTree();
        Plan plan = cell.compile();
        int k = (int) Math.ceil(Math.sqrt(steps));
        GradientResult r = run(plan, TestModels.protocol().withSteps(steps), sets(layout(cell)),
                CheckpointPolicy.uniform(k));
        MemoryReport mem = r.memory();
        // ⌈T/K⌉ + 1 checkpoints (states 0, K, 2K, …, T) plus the K recomputed states of one segment
        // (its end is the next checkpoint): ⌈T/K⌉ + K + 1 ≤ 2⌈√T⌉ + 1 < 2√T + 3, so c = 3.
        assertTrue(mem.peakStoredStates() <= (steps + k - 1) / k + k + 1, "T = " + steps + ": " + mem);
        assertTrue(mem.peakStoredStates() <= 2 * Math.sqrt(steps) + 3, "T = " + steps + ": " + mem);
        assertEquals(2L * steps - (steps + k - 1) / k, mem.forwardSteps(), "2T − ⌈T/K⌉ forward steps");
        assertArrayEquals(new int[] {k, 1}, mem.chunkSizes());
    }

    @Test
    void memoryBudgetIsNeverExceeded() {
        Cell cell = TestModels.hhTree();
        Plan plan = cell.compile();
        ParameterSets sets = sets(layout(cell));
        Protocol protocol = TestModels.protocol();
        MemoryReport fullMem = run(plan, protocol, sets, CheckpointPolicy.full()).memory();
        long perState = fullMem.bytesPerState() * fullMem.concurrentSets();
        // Around every switch of the schedule (6, 4, 3 levels, uniform K = 20, full storage).
        for (long states : new long[] {18, 19, 20, 21, 24, 25, 26, 40, 41, 42, 60, 200, 400, 401, 402}) {
            long budget = states * perState;
            MemoryReport mem;
            try {
                mem = run(plan, protocol, sets, CheckpointPolicy.memoryBudget(budget)).memory();
            } catch (ModelException e) {
                assertTrue(states < 2 * Math.sqrt(TestModels.STEPS), "budget " + states + " states refused: " + e);
                continue;
            }
            System.out.printf("budget %3d states: chunks %-14s %s%n", states, Arrays.toString(mem.chunkSizes()), mem);
            assertTrue(mem.peakBytes() <= budget, "budget " + states + " states (" + budget + " B): " + mem
                    + ", chunks " + Arrays.toString(mem.chunkSizes()));
        }
    }

    /** A clamped compartment: same gradient for every policy, and it agrees with finite differences. */
    @Test
    void clampedModelGivesTheSameGradientForEveryPolicyAndMatchesFiniteDifferences() {
        Cell cell = TestModels.hhTree();
        double[] clamp = new double[TestModels.STEPS + 1];
        for (int i = 0; i < clamp.length; i++) {
            clamp[i] = -65.0 + 15.0 * Math.sin(2 * Math.PI * i * TestModels.DT / 4.0);
        }
        cell.branch(2).loc(1.0).clamp(clamp);
        Plan plan = cell.compile();
        ParameterLayout layout = layout(cell).add(cell.branch(2), HH.G_LEAK);
        ParameterSets sets = sets(layout);
        Protocol protocol = TestModels.protocol();
        GradientResult full = run(plan, protocol, sets, CheckpointPolicy.full());
        assertTrue(TestModels.peak(full.recordings(), 0) > 0, "spikes");
        for (CheckpointPolicy policy : policies(TestModels.STEPS, full.memory().bytesPerState() * 2)) {
            GradientResult r = run(plan, protocol, sets, policy);
            assertSameGradients(full, r, "clamped, " + policy);
            assertEquals(expectedForwardSteps(TestModels.STEPS, r.memory().chunkSizes()) + TestModels.STEPS,
                    r.memory().forwardSteps(), "clamped, " + policy + ": one extra solve per backward step");
        }
        for (int b = 0; b < 2; b++) {
            double[] theta = sets.row(b);
            double[] d = GradientCheck.randomDirection(theta, 7 + b);
            GradientCheck.Result res = GradientCheck.directional(plan, protocol, layout, theta, full.gradient(b), d,
                    Losses.meanSquaredErrorTo(-60.0, 1));
            System.out.printf("FD clamped set %d: %s%n", b, res);
            assertTrue(res.error() <= GradientCheck.TOLERANCE, "clamped model, set " + b + ": " + res);
        }
    }
}
