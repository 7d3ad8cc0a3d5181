package org.huxley.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.huxley.engine.Recordings;

/** Writes recordings as CSV: {@code #} provenance lines, a header, then one row per sample. */
final class TraceCsv {
    private TraceCsv() {
    }

    static void write(Path file, Recordings rec, int set, Map<String, String> provenance) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file)) {
            for (Map.Entry<String, String> e : provenance.entrySet()) {
                w.write("# " + e.getKey() + ": " + e.getValue() + "\n");
            }
            StringBuilder header = new StringBuilder("t_ms");
            for (String label : rec.labels()) {
                header.append(',').append('"').append(label).append('"');
            }
            w.write(header.append('\n').toString());
            double[] t = rec.timesMs();
            for (int k = 0; k < t.length; k++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%.6f", t[k]));
                for (int r = 0; r < rec.numRecordings(); r++) {
                    row.append(',').append(rec.get(set, r, k));
                }
                w.write(row.append('\n').toString());
            }
        }
    }
}
