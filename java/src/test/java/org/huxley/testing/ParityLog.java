package org.huxley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends each measured agreement with a reference to {@code target/parity-report.md}, so that the
 * numbers in docs/validation.md come from a command anyone can rerun (ci/validation-report.sh).
 */
public final class ParityLog {
    private static final Path FILE = Path.of("target", "parity-report.md");

    private ParityLog() {
    }

    public static synchronized void record(String reference, String what, double maxErrorMv, double toleranceMv) {
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| reference | case | max abs error (mV) | tolerance (mV) |\n|---|---|---|---|\n");
            }
            Files.writeString(FILE, String.format(Locale.ROOT, "| %s | %s | %.2e | %.0e |%n", reference, what,
                    maxErrorMv, toleranceMv), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
