package org.huxley.adjoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.huxley.ModelException;
import org.junit.jupiter.api.Test;

/**
 * Every set runs exactly once, on the engine's own threads or a caller's executor; the first
 * failure is rethrown as is, after every running set has returned, and no further set starts.
 */
class ParallelSetsTest {
    @Test
    void everySetRunsOnceOnOwnThreadsAndOnAnExecutor() {
        for (int parallelism : new int[] {1, 3}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(17);
            ParallelSets.run(17, parallelism, null, runs::incrementAndGet);
            for (int b = 0; b < 17; b++) {
                assertEquals(1, runs.get(b), "set " + b + " at parallelism " + parallelism);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(9);
            ParallelSets.run(9, 4, pool, runs::incrementAndGet);
            for (int b = 0; b < 9; b++) {
                assertEquals(1, runs.get(b), "set " + b + " on the pool");
            }
            assertTrue(!pool.isShutdown(), "the caller's executor stays open");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theFirstFailureIsRethrownAfterTheRunningSetsReturnAndNoNewSetStarts() {
        ModelException boom = new ModelException("set 2 failed");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger stillRunningAtThrow = new AtomicInteger(-1);
        CountDownLatch thrown = new CountDownLatch(1);
        ModelException e = assertThrows(ModelException.class, () -> ParallelSets.run(50, 3, null, b -> {
            started.incrementAndGet();
            running.incrementAndGet();
            try {
                if (b == 2) {
                    thrown.countDown();
                    throw boom;
                }
                // The other sets outlast the failure by far, so the workers see it before taking more.
                thrown.await(10, TimeUnit.SECONDS);
                Thread.sleep(2);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }));
        stillRunningAtThrow.set(running.get());
        assertSame(boom, e);
        assertEquals(0, stillRunningAtThrow.get(), "no set may still run when the caller sees the failure");
        assertTrue(started.get() < 50, "workers stop taking sets after a failure (" + started.get() + " started)");
    }
}
