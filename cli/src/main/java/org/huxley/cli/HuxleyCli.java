package org.huxley.cli;

import java.util.concurrent.Callable;
import org.huxley.HuxleyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code huxley} command. Exit codes: 0 success, 1 invalid model or input (the message says
 * what and where), 2 invalid command line, 3 internal error.
 */
@Command(name = "huxley", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Differentiable simulation of multicompartment neuron models.",
        subcommands = {SimulateCommand.class, FitCommand.class, InfoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid model or input", "2:invalid command line", "3:internal error"})
public final class HuxleyCli implements Callable<Integer> {
    public static final int EXIT_INPUT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 3;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new HuxleyCli());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof HuxleyException) {
                line.getErr().println("huxley: " + ex.getMessage());
                return EXIT_INPUT;
            }
            line.getErr().println("huxley: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return EXIT_INTERNAL;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
