package org.huxley.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every output file records: Huxley version and git commit, engine, precision, seed, the
 * model and the command line, when. Written as CSV comment lines, JSON fields, and a PNG title
 * line plus PNG text chunks.
 *
 * @param engine the engine that actually ran, e.g. {@code cpu-float64}
 * @param precision {@code float64} or {@code float32}: the arithmetic that actually ran
 * @param seed the random seed, or null for a deterministic run without one
 * @param model what was run, e.g. {@code example hh-tree} or a file name
 * @param command the command line as typed, e.g. {@code huxley simulate --t-max 20}
 */
record Provenance(String engine, String precision, Long seed, String model, String command, Instant created) {
    static Provenance of(String engine, String precision, Long seed, String model, String command) {
        return new Provenance(engine, precision, seed, model, command, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Ordered key → value, with extra entries (e.g. dt_ms) appended. */
    Map<String, String> fields(Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("huxley", Versions.version());
        m.put("commit", Versions.commit());
        m.put("engine", engine);
        m.put("precision", precision);
        m.put("seed", seed == null ? "none" : seed.toString());
        m.put("model", model);
        m.put("command", command);
        m.put("created", created.toString());
        m.putAll(extra);
        return m;
    }

    /** {@code key: value} lines for CSV comments. */
    List<String> commentLines(Map<String, String> extra) {
        List<String> out = new ArrayList<>();
        fields(extra).forEach((k, v) -> out.add(k + ": " + v));
        return out;
    }

    /** Adds the fields to a JSON object (seed as a number or null). */
    void putInto(ObjectNode o) {
        o.put("huxley", Versions.version());
        o.put("commit", Versions.commit());
        o.put("engine", engine);
        o.put("precision", precision);
        if (seed == null) {
            o.putNull("seed");
        } else {
            o.put("seed", seed);
        }
        o.put("model", model);
        o.put("command", command);
        o.put("created", created.toString());
    }

    /**
     * One line of provenance from {@link #fields} (PNG footers, summaries), e.g.
     * {@code huxley 0.1.0 (abc1234) · cpu-float64 · float64 · seed 1 · 2026-11-26T08:30:00Z}.
     */
    static String line(Map<String, String> text) {
        StringBuilder sb = new StringBuilder("huxley " + text.getOrDefault("huxley", "?") + " ("
                + text.getOrDefault("commit", "?") + ")");
        for (String k : List.of("engine", "precision")) {
            if (text.containsKey(k)) {
                sb.append(" · ").append(text.get(k));
            }
        }
        if (text.containsKey("seed")) {
            sb.append(" · seed ").append(text.get("seed"));
        }
        if (text.containsKey("created")) {
            sb.append(" · ").append(text.get("created"));
        }
        return sb.toString();
    }
}
