package org.huxley.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code #} comment lines of a CSV file, without the {@code "# "}. */
final class TraceCsvLines {
    private TraceCsvLines() {
    }

    static List<String> comments(Path csv) {
        try {
            return Files.readAllLines(csv).stream().filter(l -> l.startsWith("# ")).map(l -> l.substring(2)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
