package org.huxley.adjoint.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.huxley.HuxleyException;

/**
 * Runs one task per parameter set, 0..n−1, with at most {@code parallelism} at once, on a caller's
 * {@link Executor} or on threads of its own. Sets are independent (each writes only its own slots),
 * so results do not depend on the thread count or the order of execution. The first failure stops
 * the workers from taking new sets and is rethrown once every running set has returned, so that no
 * set is still writing when the caller sees the exception (unless the waiting thread is
 * interrupted: then it stops waiting at once).
 */
public final class ParallelSets {
    private ParallelSets() {
    }

    /**
     * @param executor where the workers run; null for fresh platform threads (shut down afterwards)
     * @throws RuntimeException the first exception a set threw (a {@link RuntimeException} as is)
     */
    public static void run(int n, int parallelism, Executor executor, IntConsumer body) {
        int workers = Math.min(parallelism, n);
        if (workers <= 1 && executor == null) {
            for (int b = 0; b < n; b++) {
                body.accept(b);
            }
            return;
        }
        ExecutorService own = executor == null ? Executors.newFixedThreadPool(workers) : null;
        Executor exec = executor != null ? executor : own;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(workers);
        try {
            for (int w = 0; w < workers; w++) {
                try {
                    exec.execute(() -> {
                        try {
                            for (int b = next.getAndIncrement(); b < n && failure.get() == null;
                                    b = next.getAndIncrement()) {
                                body.accept(b);
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            finished.countDown();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    failure.compareAndSet(null, new HuxleyException("the executor rejected a gradient worker", e));
                    finished.countDown();
                }
            }
            finished.await();
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            Thread.currentThread().interrupt();
        } finally {
            if (own != null) {
                own.shutdown();
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof InterruptedException) {
            throw new HuxleyException("gradient run interrupted while waiting for its parameter sets", t);
        }
        if (t != null) {
            throw new HuxleyException("gradient run failed", t);
        }
    }
}
