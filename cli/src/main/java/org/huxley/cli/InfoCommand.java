package org.huxley.cli;

import java.util.concurrent.Callable;
import org.huxley.mech.BuiltinMechanisms;
import picocli.CommandLine.Command;

/** {@code huxley info}: versions, engines and built-in mechanisms. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show versions, engines and mechanisms.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("huxley " + Versions.version() + " (commit " + Versions.commit() + ")");
        System.out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("engines:");
        System.out.println("  cpu-float64: available (" + Runtime.getRuntime().availableProcessors() + " threads)");
        System.out.println("  cuda: not built yet (see issue [gpu-fwd])");
        System.out.println("mechanisms: " + String.join(", ", BuiltinMechanisms.all().keySet()));
        return 0;
    }
}
