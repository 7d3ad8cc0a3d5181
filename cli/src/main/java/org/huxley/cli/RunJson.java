package org.huxley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** Writes a command's JSON result file (pretty-printed, UTF-8), creating the folder. */
final class RunJson {
    private RunJson() {
    }

    static void write(Path file, JsonNode node) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Console.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    }
}
