package org.huxley.io.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One value of a model file with its JSON path ({@code $.cells[0].branches[1]}), so every check
 * can fail with a {@link ModelFileException} that says where. Typed accessors check the JSON type
 * and range; {@link #keys} rejects unknown keys.
 */
final class JsonIn {
    private final JsonNode node;
    private final String path;
    private final String source;

    JsonIn(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    String path() {
        return path;
    }

    String source() {
        return source;
    }

    JsonNode node() {
        return node;
    }

    ModelFileException fail(String what) {
        return ModelFileException.at(source, path, what);
    }

    ModelFileException fail(String what, Throwable cause) {
        return ModelFileException.at(source, path, what, cause);
    }

    /** Requires an object whose keys are all in {@code allowed}. */
    JsonIn keys(Set<String> allowed) {
        requireObject();
        for (String k : node.propertyNames()) {
            if (!allowed.contains(k)) {
                throw child(k).fail("unknown key '" + k + "'" + suggestion(k, allowed) + " (allowed here: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    /** ", did you mean 'x'?" for the allowed key nearest to a misspelt one (edit distance ≤ 2), else "". */
    static String suggestion(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : new TreeSet<>(allowed)) {
            int d = editDistance(key, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best == null ? "" : ", did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void requireObject() {
        if (!node.isObject()) {
            throw fail("expected an object, got " + kind());
        }
    }

    private String kind() {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : node.getNodeType().toString();
    }

    private JsonIn child(String key) {
        String p = key.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + key : path + "['" + key + "']";
        return new JsonIn(node.get(key), p, source);
    }

    boolean has(String key) {
        requireObject();
        return node.has(key);
    }

    /** The value of a key, or null if absent. */
    JsonIn opt(String key) {
        return has(key) ? child(key) : null;
    }

    /** The value of a key that must be present. */
    JsonIn req(String key) {
        if (!has(key)) {
            throw fail("missing required key '" + key + "'");
        }
        return child(key);
    }

    /** Object keys in file order. */
    List<String> names() {
        requireObject();
        return new ArrayList<>(node.propertyNames());
    }

    JsonIn get(String key) {
        return req(key);
    }

    String string() {
        if (!node.isString()) {
            throw fail("expected a string, got " + kind());
        }
        return node.stringValue();
    }

    /** A string out of a fixed set. */
    String oneOf(Set<String> allowed) {
        String s = string();
        if (!allowed.contains(s)) {
            throw fail("unknown value '" + s + "' (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
        return s;
    }

    /** A finite number. */
    double number() {
        if (!node.isNumber()) {
            throw fail("expected a number, got " + kind());
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw fail("number " + node + " is out of range");
        }
        return v;
    }

    /** A number &gt; 0. */
    double positive() {
        double v = number();
        if (!(v > 0)) {
            throw fail("must be positive, got " + v);
        }
        return v;
    }

    long integer() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw fail("expected an integer, got " + (node.isNumber() ? node.toString() : kind()));
        }
        return node.longValue();
    }

    /** An integer in [lo, hi]. */
    int integer(int lo, int hi) {
        long v = integer();
        if (v < lo || v > hi) {
            throw fail("must lie in " + lo + ".." + hi + ", got " + v);
        }
        return (int) v;
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, got " + kind());
        }
        return node.booleanValue();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isNumber() {
        return node.isNumber();
    }

    boolean isString() {
        return node.isString();
    }

    /** The elements of an array (at least {@code min}). */
    List<JsonIn> array(int min) {
        if (!node.isArray()) {
            throw fail("expected an array, got " + kind());
        }
        if (node.size() < min) {
            throw fail("needs at least " + min + " element" + (min == 1 ? "" : "s") + ", got " + node.size());
        }
        List<JsonIn> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonIn(node.get(i), path + "[" + i + "]", source));
        }
        return out;
    }

    /** An array of finite numbers. */
    double[] numbers(int min) {
        List<JsonIn> xs = array(min);
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i).number();
        }
        return out;
    }

    /** One integer or an array of integers ≥ 0. */
    List<Integer> indices() {
        List<Integer> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonIn x : array(1)) {
                out.add(x.integer(0, Integer.MAX_VALUE));
            }
        } else {
            out.add(integer(0, Integer.MAX_VALUE));
        }
        return out;
    }

    @Override
    public String toString() {
        return path;
    }
}
