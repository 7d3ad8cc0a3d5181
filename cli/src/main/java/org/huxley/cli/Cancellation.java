package org.huxley.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.huxley.engine.ProgressListener;
import org.huxley.engine.RunCancelledException;
import org.huxley.engine.RunControl;

/**
 * Ctrl-C for the whole process: {@link #cancelAll()} (called by the JVM's shutdown hook on SIGINT)
 * cancels every {@link RunControl} a command made here, and every later one, so that engines stop
 * at their next safe point and the command ends with {@link ExitCodes#CANCELLED}.
 */
final class Cancellation {
    private static final Set<RunControl> ACTIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean requested;

    private Cancellation() {
    }

    /** A control reporting to {@code listener}; already cancelled if Ctrl-C came before. */
    static RunControl control(ProgressListener listener) {
        RunControl c = new RunControl(listener);
        ACTIVE.add(c);
        if (requested) {
            c.cancel();
        }
        return c;
    }

    /** Forgets a control whose run has ended. */
    static void release(RunControl c) {
        ACTIVE.remove(c);
    }

    /** Cancels every current and future run of this process. */
    static void cancelAll() {
        requested = true;
        ACTIVE.forEach(RunControl::cancel);
    }

    static boolean requested() {
        return requested;
    }

    /** Throws {@link RunCancelledException} if Ctrl-C came; for work between engine runs. */
    static void check(String where) {
        if (requested) {
            throw new RunCancelledException(where);
        }
    }

    /** Clears the request (tests run several commands in one JVM). */
    static void reset() {
        requested = false;
        ACTIVE.clear();
    }
}
