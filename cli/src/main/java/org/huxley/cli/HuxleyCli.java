package org.huxley.cli;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.huxley.HuxleyException;
import org.huxley.ModelException;
import org.huxley.SimulationDivergedException;
import org.huxley.engine.RunCancelledException;
import org.huxley.io.model.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code huxley} command. Global options (accepted before or after the subcommand): --quiet,
 * --json, --verbose. Exit codes: {@link ExitCodes}; every failure prints one line on stderr
 * ({@code huxley: what}), with the stack trace only under --verbose.
 */
@Command(name = "huxley", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Differentiable simulation of multicompartment neuron models.",
        subcommands = {SimulateCommand.class, GradCommand.class, FitCommand.class, BenchCommand.class,
                InfoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:run-time failure (I/O, engine unavailable, internal error)",
                "2:bad command line or input (options, model file, data file)",
                "3:the simulation diverged or a result is NaN", "130:cancelled (Ctrl-C)"})
public final class HuxleyCli implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print nothing but errors (and the JSON result under --json).")
    boolean quiet;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the result as one JSON document on stdout; logs and progress go to stderr.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More logging, and stack traces of errors.")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;
    private List<String> args = List.of();

    HuxleyCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, out);
        return ExitCodes.OK;
    }

    /** Where the running command writes (after parsing, so the global options are known). */
    Console console() {
        return new Console(quiet, json, verbose, out, err);
    }

    /** The command line as typed, e.g. {@code huxley simulate --t-max 20}. */
    String commandLine() {
        return ("huxley " + String.join(" ", args)).strip();
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return execute(System.out, System.err, args);
    }

    /** As {@link #execute(String...)}, writing to the given streams. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        HuxleyCli root = new HuxleyCli(out, err);
        root.args = List.of(args);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine bad = ex.getCommandLine();
            String msg = ex.getMessage() + " (see: " + bad.getCommandSpec().qualifiedName() + " --help)";
            return fail(out, err, List.of(a).contains("--json"), msg, ExitCodes.BAD_INPUT);
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            int code = exitCode(ex);
            fail(out, err, root.json, message(ex, code), code);
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            return code;
        });
        return cl.execute(args);
    }

    /** One line on stderr; under --json also {"error": …, "exit_code": …} on stdout for scripts. */
    private static int fail(PrintStream out, PrintStream err, boolean json, String message, int code) {
        err.println("huxley: " + message);
        if (json) {
            var o = Console.mapper().createObjectNode();
            o.put("error", message);
            o.put("exit_code", code);
            out.println(Console.mapper().writeValueAsString(o));
        }
        return code;
    }

    /** The exit code of a failure (docs/cli.md). */
    static int exitCode(Throwable ex) {
        // engines may wrap a cancellation or divergence from a worker thread
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RunCancelledException) {
                return ExitCodes.CANCELLED;
            }
            if (t instanceof SimulationDivergedException) {
                return ExitCodes.DIVERGED;
            }
        }
        return switch (ex) {
            case ModelFileException m -> ExitCodes.BAD_INPUT;
            case ModelException m -> ExitCodes.BAD_INPUT;
            case BadInputException b -> ExitCodes.BAD_INPUT;
            case UncheckedIOException u when isMissingFile(u.getCause()) -> ExitCodes.BAD_INPUT;
            case NoSuchFileException n -> ExitCodes.BAD_INPUT;
            case FileNotFoundException f -> ExitCodes.BAD_INPUT;
            default -> ExitCodes.FAILURE;
        };
    }

    private static boolean isMissingFile(Throwable t) {
        return t instanceof NoSuchFileException || t instanceof FileNotFoundException;
    }

    /** One line: the message of a Huxley error as is; others with their kind. */
    static String message(Throwable ex, int code) {
        String msg = ex.getMessage() == null ? "" : ex.getMessage().strip().replace('\n', ' ');
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return msg + ": " + describe(u.getCause());
        }
        if (code == ExitCodes.CANCELLED) {
            return "cancelled: " + msg;
        }
        if (ex instanceof HuxleyException) {
            return msg;
        }
        if (code == ExitCodes.BAD_INPUT || ex instanceof java.io.IOException) {
            return describe(ex);
        }
        return "internal error: " + describe(ex) + " (run with --verbose for the stack trace)";
    }

    private static String describe(Throwable t) {
        String kind = switch (t) {
            case NoSuchFileException n -> "no such file";
            case java.nio.file.AccessDeniedException a -> "permission denied";
            default -> t.getClass().getSimpleName();
        };
        return t.getMessage() == null ? kind : kind + ": " + t.getMessage();
    }

    public static void main(String[] args) {
        LogLevel.configure(args);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // plots render off-screen, display or not
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        // Ctrl-C: cancel the running engine work and give the command a moment to stop cleanly;
        // the JVM then exits with 130 (128 + SIGINT).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.getCount() > 0 && main.isAlive()) {
                Cancellation.cancelAll();
                try {
                    finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "huxley-cancel"));
        int code = execute(args);
        finished.countDown();
        System.exit(code);
    }
}
