package org.huxley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends each measured engine agreement to {@code engine-agreement.md} in the folder named by the
 * system property {@code huxley.report.dir} (default {@code target}), and prints it, so that the
 * numbers of a device run come back in its logs.
 */
public final class AgreementLog {
    private AgreementLog() {
    }

    public static synchronized void record(String engine, String model, String what, double value, double bound) {
        String line = String.format(Locale.ROOT, "| %s | %s | %s | %.3e | %.1e | %s |", engine, model, what, value,
                bound, value <= bound ? "PASS" : "FAIL");
        System.out.println("[agreement] " + line);
        Path file = Path.of(System.getProperty("huxley.report.dir", "target"), "engine-agreement.md");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, "| engine | model | quantity | value | bound | |\n|---|---|---|---|---|---|\n");
            }
            Files.writeString(file, line + "\n", StandardOpenOption.APPEND, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
