package org.huxley.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A forward run's side of its {@link RunControl}: the steps done over all parameter sets, reported
 * as phase {@code "forward"} at most every {@value #REPORT_INTERVAL_MS} ms (and once at the end),
 * and the cancellation check. Shared by the threads integrating the sets.
 */
final class RunProgress {
    static final long REPORT_INTERVAL_MS = 50;
    private final RunControl control;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReportNanos = new AtomicLong(System.nanoTime());

    /** @param total steps of all parameter sets together */
    RunProgress(RunControl control, long total) {
        this.control = control;
        this.total = total;
    }

    /**
     * Counts {@code steps} more steps done and reports if the interval has passed.
     *
     * @throws RunCancelledException if the run was cancelled
     */
    void advance(int steps, int step, int setSteps) {
        checkCancelled(step, setSteps);
        long d = done.addAndGet(steps);
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        if (now - last >= REPORT_INTERVAL_MS * 1_000_000L && lastReportNanos.compareAndSet(last, now)) {
            control.report("forward", d, total);
        }
    }

    /** @throws RunCancelledException if the run was cancelled */
    void checkCancelled(int step, int setSteps) {
        if (control.isCancelled()) {
            throw new RunCancelledException("at step " + step + " of " + setSteps + " (forward)");
        }
    }

    /** The final report: every step done. */
    void finish() {
        control.report("forward", total, total);
    }
}
