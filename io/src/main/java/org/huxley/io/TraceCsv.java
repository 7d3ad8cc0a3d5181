package org.huxley.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.huxley.ModelException;

/**
 * Traces as CSV text (the format {@code huxley simulate} writes):
 *
 * <pre>
 * # any number of comment lines starting with '#'
 * t_ms,"soma (mV)",dend_mV
 * 0.0,-70.0,-70.0
 * 0.025,-69.98,-70.0
 * </pre>
 *
 * <ul>
 *   <li>The first non-comment line is the header. Its first column is the time, named
 *       {@code t_ms} (milliseconds) or {@code t_s} (seconds); each other column is one trace, its
 *       name (quotes removed) the trace's label. A unit in the name, as in {@code soma (mV)} or
 *       {@code soma_mV}, becomes the trace's unit (else "").</li>
 *   <li>Rows: comma-separated decimal numbers, one per column. Blank lines are skipped.</li>
 *   <li>The time column must be uniformly spaced (relative deviation ≤ 1e-6 of the interval) and
 *       increasing; at least one row.</li>
 * </ul>
 *
 * Errors (empty file, missing time column, wrong column count, non-numeric cells, NaN or infinite
 * values, irregular sampling) throw {@link ModelException} naming the file, line and column.
 */
public final class TraceCsv {
    private TraceCsv() {
    }

    /**
     * Reads every column of a CSV file as a trace (see the class description for the format).
     *
     * @param file the CSV file
     * @return one trace per data column
     */
    public static List<Trace> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace file " + file, e);
        }
    }

    /**
     * Reads CSV text as traces.
     *
     * @param text the CSV text
     * @return one trace per data column
     * @param source name for messages */
    public static List<Trace> read(String source, Reader text) {
        BufferedReader in = new BufferedReader(text);
        List<String> names = null;
        double timeScale = 1;
        List<double[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int lineNo = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] cells = s.split(",", -1);
                if (names == null) {
                    names = new ArrayList<>();
                    for (String c : cells) {
                        names.add(unquote(c.strip()));
                    }
                    String t = names.get(0).toLowerCase(Locale.ROOT);
                    if (t.equals("t_ms") || t.equals("time_ms")) {
                        timeScale = 1;
                    } else if (t.equals("t_s") || t.equals("time_s")) {
                        timeScale = 1000;
                    } else {
                        throw new ModelException(source + ":" + lineNo + ": the first column must be the time, named "
                                + "t_ms or t_s; got '" + names.get(0) + "'");
                    }
                    if (names.size() < 2) {
                        throw new ModelException(source + ":" + lineNo + ": no trace columns after the time column");
                    }
                    continue;
                }
                if (cells.length != names.size()) {
                    throw new ModelException(source + ":" + lineNo + ": " + cells.length + " columns, the header has "
                            + names.size());
                }
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        row[c] = Double.parseDouble(cells[c].strip());
                    } catch (NumberFormatException e) {
                        throw new ModelException(source + ":" + lineNo + ": column " + (c + 1) + " ('" + names.get(c)
                                + "') is not a number: '" + cells[c].strip() + "'");
                    }
                    if (!Double.isFinite(row[c])) {
                        throw new ModelException(source + ":" + lineNo + ": column " + (c + 1) + " ('" + names.get(c)
                                + "') is " + cells[c].strip() + "; traces must be finite");
                    }
                }
                rows.add(row);
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (names == null) {
            throw new ModelException(source + ": empty: no header and no data");
        }
        if (rows.isEmpty()) {
            throw new ModelException(source + ": header but no data rows");
        }
        double t0 = rows.get(0)[0] * timeScale;
        double dt = rows.size() > 1 ? (rows.get(1)[0] - rows.get(0)[0]) * timeScale : 1.0;
        if (rows.size() > 1 && !(dt > 0)) {
            throw new ModelException(source + ":" + lines.get(1) + ": time does not increase (" + rows.get(0)[0] + " then "
                    + rows.get(1)[0] + ")");
        }
        for (int k = 1; k < rows.size(); k++) {
            double expected = t0 + k * dt;
            double t = rows.get(k)[0] * timeScale;
            if (Math.abs(t - expected) > 1e-6 * dt + 1e-12 * Math.abs(t)) {
                throw new ModelException(String.format(Locale.ROOT,
                        "%s:%d: mismatched sampling: time %s ms, expected %s ms for a uniform interval of %s ms "
                                + "(resample the data to a fixed rate first)",
                        source, lines.get(k), t, expected, dt));
            }
        }
        List<Trace> out = new ArrayList<>();
        for (int c = 1; c < names.size(); c++) {
            double[] v = new double[rows.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = rows.get(k)[c];
            }
            out.add(new Trace(names.get(c), unitOf(names.get(c)), t0, dt, v));
        }
        return out;
    }

    /**
     * Writes traces with a common sampling as CSV (t_ms first), with {@code #} comment lines.
     *
     * @param file where to write
     * @param traces traces with a common sampling
     * @param comments lines written first, as {@code #} comments
     */
    public static void write(Path file, List<Trace> traces, List<String> comments) {
        if (traces.isEmpty()) {
            throw new ModelException("nothing to write to " + file);
        }
        Trace first = traces.get(0);
        for (Trace t : traces) {
            first.requireSameSampling(t);
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String c : comments) {
                    w.write("# " + c + "\n");
                }
                StringBuilder h = new StringBuilder("t_ms");
                for (Trace t : traces) {
                    h.append(",\"").append(t.label()).append('"');
                }
                w.write(h.append('\n').toString());
                List<double[]> data = traces.stream().map(Trace::values).toList();
                for (int k = 0; k < first.size(); k++) {
                    StringBuilder row = new StringBuilder(Double.toString(first.t0Ms() + k * first.dtMs()));
                    for (double[] v : data) {
                        row.append(',').append(v[k]);
                    }
                    w.write(row.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String unitOf(String name) {
        int open = name.lastIndexOf('(');
        if (open >= 0 && name.endsWith(")")) {
            return name.substring(open + 1, name.length() - 1).strip();
        }
        int us = name.lastIndexOf('_');
        if (us >= 0 && us < name.length() - 1) {
            String u = name.substring(us + 1);
            if (u.equals("mV") || u.equals("nA") || u.equals("V") || u.equals("A") || u.equals("pA")) {
                return u;
            }
        }
        return "";
    }
}
