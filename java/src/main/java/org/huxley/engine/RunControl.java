package org.huxley.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancellation and progress for one run, shared between the caller and the engine. The caller may
 * call {@link #cancel()} from any thread; engines poll {@link #throwIfCancelled(String)} at safe
 * points (between time-step blocks or checkpoint segments) and stop with a
 * {@link RunCancelledException} after releasing what they allocated.
 */
public final class RunControl {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();

    /** A control with no listener; cancellable. */
    public RunControl() {
        this(ProgressListener.NONE);
    }

    /**
     * A control that forwards progress to {@code listener}.
     *
     * @param listener receives the reports
     */
    public RunControl(ProgressListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null (use ProgressListener.NONE)");
        }
        this.listener = listener;
    }

    /** {@return a fresh control with no listener, for callers that need neither} */
    public static RunControl none() {
        return new RunControl();
    }

    /** Asks the run to stop at its next safe point. Idempotent, thread-safe. */
    public void cancel() {
        cancelled.set(true);
    }

    /** {@return whether {@link #cancel()} has been called} */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Throws {@link RunCancelledException} if cancelled.
     *
     * @param where the safe point, for the message, e.g. {@code "at step 4000 of 10000"}
     */
    public void throwIfCancelled(String where) {
        if (cancelled.get()) {
            throw new RunCancelledException(where);
        }
    }

    /**
     * Reports progress to the listener, with the seconds elapsed since this control was made.
     *
     * @param phase what is being done
     * @param done units completed
     * @param total units in the whole run
     */
    public void report(String phase, long done, long total) {
        listener.onProgress(new Progress(phase, done, total, (System.nanoTime() - startNanos) * 1e-9));
    }
}
