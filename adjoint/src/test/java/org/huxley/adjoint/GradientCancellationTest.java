package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.huxley.adjoint.internal.AdjointTestHooks;
import org.huxley.engine.Batch;
import org.huxley.engine.Progress;
import org.huxley.engine.Protocol;
import org.huxley.engine.RunCancelledException;
import org.huxley.engine.RunControl;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.params.ParameterLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Cancellation and progress of {@link CpuGradientEngine}: one progress unit per top-level
 * checkpoint segment; a cancelled run does no further segment on the cancelling set (at most the
 * one in flight on each other set), throws {@link RunCancelledException}, and leaves every
 * checkpoint store unreachable; an Executor-driven engine gives bitwise the same gradient.
 */
@Isolated
class GradientCancellationTest {
    /** 400 steps with K = 20: 20 forward and 20 backward segments per set. */
    private static final int K = 20;
    private static final int SEGMENTS = TestModels.STEPS / K;

    @AfterEach
    void clearHook() {
        AdjointTestHooks.checkpointStoreAllocated = null;
    }

    private static Batch batch(Cell cell, int sets) {
        return new Batch(new ParameterLayout(cell).add(cell.all(), HH.G_NA).batch(sets));
    }

    private static GradientResult run(GradientEngine engine, int sets, RunControl control) {
        Cell cell = TestModels.hhTree();
        Protocol protocol = TestModels.protocol();
        return engine.valueAndGradient(cell.compile(), protocol, batch(cell, sets), Losses.meanSquaredErrorTo(-60.0, 1),
                control);
    }

    @Test
    void reportsOneUnitPerSegmentForwardAndBackward() {
        List<Progress> reports = Collections.synchronizedList(new ArrayList<>());
        run(new CpuGradientEngine(2, CheckpointPolicy.uniform(K)), 3, new RunControl(reports::add));
        long total = 2L * 3 * SEGMENTS;
        assertEquals(total, reports.size(), "one report per segment, forward and backward, per set");
        assertTrue(reports.stream().allMatch(p -> p.phase().equals("gradient") && p.total() == total));
        assertEquals(total, reports.stream().mapToLong(Progress::done).max().orElse(0));
    }

    @Test
    void cancelledRunStopsWithinOneSegmentAndReleasesItsCheckpoints() {
        List<WeakReference<Object>> stores = Collections.synchronizedList(new ArrayList<>());
        AdjointTestHooks.checkpointStoreAllocated = store -> stores.add(new WeakReference<>(store));
        AtomicLong reportsAfterCancel = new AtomicLong();
        RunControl[] holder = new RunControl[1];
        // Cancel in the backward sweep (the most checkpoints are held then): at the 5th backward
        // segment of the single set, i.e. report SEGMENTS + 5.
        holder[0] = new RunControl(p -> {
            if (holder[0].isCancelled()) {
                reportsAfterCancel.incrementAndGet();
            } else if (p.done() == SEGMENTS + 5) {
                holder[0].cancel();
            }
        });
        RunCancelledException e = assertThrows(RunCancelledException.class,
                () -> run(new CpuGradientEngine(1, CheckpointPolicy.uniform(K)), 1, holder[0]));
        assertTrue(e.getMessage().contains("after backward checkpoint segment 5 of " + SEGMENTS), e.getMessage());
        assertEquals(0, reportsAfterCancel.get(), "no segment may run after the cancelling one");
        assertTrue(stores.size() >= 2, "the run allocated checkpoint stores (" + stores.size() + ")");
        assertAllCollected(stores);
    }

    @Test
    void cancellingOneOfTwoParallelSetsLetsTheOtherFinishAtMostItsCurrentSegment() {
        AtomicLong reportsAfterCancel = new AtomicLong();
        RunControl[] holder = new RunControl[1];
        holder[0] = new RunControl(p -> {
            if (holder[0].isCancelled()) {
                reportsAfterCancel.incrementAndGet();
            } else if (p.done() == 3) {
                holder[0].cancel();
            }
        });
        assertThrows(RunCancelledException.class,
                () -> run(new CpuGradientEngine(2, CheckpointPolicy.uniform(K)), 2, holder[0]));
        assertTrue(reportsAfterCancel.get() <= 1,
                "the other set may complete the segment it was in, no more; got " + reportsAfterCancel.get());
    }

    @Test
    void alreadyCancelledControlRunsNothing() {
        RunControl control = new RunControl();
        control.cancel();
        AtomicLong allocated = new AtomicLong();
        AdjointTestHooks.checkpointStoreAllocated = store -> allocated.incrementAndGet();
        assertThrows(RunCancelledException.class,
                () -> run(new CpuGradientEngine(1, CheckpointPolicy.uniform(K)), 1, control));
        assertEquals(0, allocated.get());
    }

    @Test
    void executorEngineGivesBitwiseTheSameGradient() {
        GradientResult own = run(new CpuGradientEngine(2, CheckpointPolicy.uniform(K)), 3, RunControl.none());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            GradientResult viaPool = run(new CpuGradientEngine(pool, 3, CheckpointPolicy.uniform(K)), 3,
                    RunControl.none());
            GradientResult virtual;
            try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                virtual = run(new CpuGradientEngine(vt, 2, CheckpointPolicy.uniform(K)), 3, RunControl.none());
            }
            for (int b = 0; b < 3; b++) {
                assertEquals(Double.doubleToRawLongBits(own.loss(b)), Double.doubleToRawLongBits(viaPool.loss(b)));
                assertTrue(java.util.Arrays.equals(own.gradient(b), viaPool.gradient(b)), "set " + b + " (pool)");
                assertTrue(java.util.Arrays.equals(own.gradient(b), virtual.gradient(b)), "set " + b + " (virtual)");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Weak references are cleared once their objects are unreachable and a GC has run. */
    private static void assertAllCollected(List<WeakReference<Object>> refs) {
        for (int attempt = 0; attempt < 20 && refs.stream().anyMatch(r -> r.get() != null); attempt++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long alive = refs.stream().filter(r -> r.get() != null).count();
        assertEquals(0, alive, alive + " of " + refs.size() + " checkpoint stores are still reachable after the cancel");
    }
}
