package org.huxley.cli;

/** The exit codes of {@code huxley}, as docs/cli.md lists them. */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** A run-time failure: an I/O error, an unavailable engine, an internal error. */
    public static final int FAILURE = 1;
    /** A bad command line or bad input: unknown option, malformed or invalid model file, missing file. */
    public static final int BAD_INPUT = 2;
    /** The simulation diverged (a non-finite voltage) or a result was NaN. */
    public static final int DIVERGED = 3;
    /** Cancelled by the user (Ctrl-C): 128 + SIGINT, as shells report it. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
