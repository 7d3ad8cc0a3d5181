package org.huxley.cli;

import java.io.PrintStream;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command's output goes. Results (tables, summaries) go to stdout, unless {@code --json}
 * replaces them by one JSON document or {@code --quiet} suppresses them; log lines and progress
 * go to stderr unless {@code --quiet}. Errors are printed by {@link HuxleyCli}, never here.
 */
final class Console {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final boolean quiet;
    private final boolean json;
    private final boolean verbose;
    private final PrintStream out;
    private final PrintStream err;

    Console(boolean quiet, boolean json, boolean verbose, PrintStream out, PrintStream err) {
        this.quiet = quiet;
        this.json = json;
        this.verbose = verbose;
        this.out = out;
        this.err = err;
    }

    static JsonMapper mapper() {
        return MAPPER;
    }

    boolean quiet() {
        return quiet;
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }

    /** Whether progress bars may be drawn (on stderr). */
    boolean progress() {
        return !quiet;
    }

    /** A log line on stderr, prefixed with the command's name; suppressed by --quiet. */
    void log(String command, String format, Object... args) {
        if (!quiet) {
            err.println("huxley " + command + ": " + String.format(Locale.ROOT, format, args));
        }
    }

    /** Human-readable result text on stdout; suppressed by --quiet and replaced by JSON under --json. */
    void result(String text) {
        if (!quiet && !json) {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
        }
    }

    /** The machine-readable result on stdout, only under --json (even with --quiet: scripts asked for it). */
    void resultJson(JsonNode node) {
        if (json) {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out.flush();
        }
    }
}
