package org.huxley.morph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of an SWC file, checking each one on its own: seven whitespace-separated columns
 * ({@code index type x y z radius parent}), decimal numbers only (no NaN or infinity), integer
 * index, type and parent, index ≥ 1, type ≥ 0, parent −1 or ≥ 1 and not the point itself, radius ≥ 0,
 * and no index used twice. Everything after a {@code #} is a comment; blank lines are skipped (as
 * NumPy's {@code loadtxt}, which Jaxley uses, does). Whether parents exist and form a tree is checked
 * later by {@link SwcTree}.
 */
final class SwcParser {
    private static final int COLUMNS = 7;
    private static final String[] NAMES = {"index", "type", "x", "y", "z", "radius", "parent"};

    private SwcParser() {
    }

    /**
     * @param source name of the text for messages (usually the file name)
     * @throws SwcFormatException naming the source, line and problem of the first bad row
     */
    static List<SwcPoint> parse(String source, Reader text) {
        List<SwcPoint> points = new ArrayList<>();
        Map<Integer, Integer> lineOfIndex = new HashMap<>();
        BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text);
        String[] fields = new String[COLUMNS];
        int lineNo = 0;
        try {
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                lineNo++;
                int hash = raw.indexOf('#');
                String line = hash >= 0 ? raw.substring(0, hash) : raw;
                int n = split(line, fields);
                if (n == 0) {
                    continue;
                }
                if (n != COLUMNS) {
                    throw new SwcFormatException(source, lineNo, "expected 7 columns (index type x y z radius parent), found "
                            + n + ": '" + line.strip() + "'");
                }
                double[] v = new double[COLUMNS];
                for (int k = 0; k < COLUMNS; k++) {
                    if (!isDecimal(fields[k])) {
                        throw new SwcFormatException(source, lineNo, "column " + (k + 1) + " (" + NAMES[k]
                                + ") is not a number: '" + fields[k] + "'");
                    }
                    v[k] = Double.parseDouble(fields[k]);
                    if (!Double.isFinite(v[k])) {
                        throw new SwcFormatException(source, lineNo, "column " + (k + 1) + " (" + NAMES[k]
                                + ") is out of range: '" + fields[k] + "'");
                    }
                }
                int index = integer(source, lineNo, v, 0);
                int type = integer(source, lineNo, v, 1);
                int parent = integer(source, lineNo, v, 6);
                if (index < 1) {
                    throw new SwcFormatException(source, lineNo, "point index must be a positive integer, got " + index);
                }
                if (type < 0) {
                    throw new SwcFormatException(source, lineNo, "type id must be ≥ 0, got " + type);
                }
                if (v[5] < 0) {
                    throw new SwcFormatException(source, lineNo, "negative radius " + fields[5] + " µm at point " + index);
                }
                if (parent < 1 && parent != -1) {
                    throw new SwcFormatException(source, lineNo, "parent of point " + index
                            + " must be -1 (root) or a point index ≥ 1, got " + parent);
                }
                if (parent == index) {
                    throw new SwcFormatException(source, lineNo, "cycle: point " + index + " is its own parent");
                }
                Integer first = lineOfIndex.putIfAbsent(index, lineNo);
                if (first != null) {
                    throw new SwcFormatException(source, lineNo, "duplicate point index " + index
                            + " (already defined on line " + first + ")");
                }
                points.add(new SwcPoint(index, type, v[2], v[3], v[4], v[5], parent, lineNo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source, e);
        }
        if (points.isEmpty()) {
            throw new SwcFormatException(source, lineNo, "no points (only comments or blank lines)");
        }
        return points;
    }

    private static int integer(String source, int lineNo, double[] v, int k) {
        double x = v[k];
        if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
            throw new SwcFormatException(source, lineNo, "column " + (k + 1) + " (" + NAMES[k]
                    + ") must be an integer, got " + x);
        }
        return (int) x;
    }

    /** Splits on ASCII whitespace into {@code out} (at most out.length fields kept); returns the field count. */
    private static int split(String line, String[] out) {
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (n < out.length) {
                out[n] = line.substring(start, i);
            }
            n++;
        }
        return n;
    }

    /** A plain decimal number: optional sign, digits with an optional point, optional exponent. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
