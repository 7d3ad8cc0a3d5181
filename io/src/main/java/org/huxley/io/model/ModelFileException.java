package org.huxley.io.model;

import org.huxley.HuxleyException;

/**
 * A model file that cannot be read or written. The message always starts with the file (or source
 * name) and says where: {@code file:line:column: what} for malformed JSON and expression syntax,
 * {@code file: $.cells[0].mechanisms[2]: what} (the JSON path of the offending value) for schema
 * and model violations. {@link #line()}, {@link #column()} and {@link #jsonPath()} give the
 * location to programs (−1 / null where not known).
 */
public final class ModelFileException extends HuxleyException {
    /** The file or source name. */
    private final String source;
    /** JSON path of the offending value, or null. */
    private final String jsonPath;
    /** 1-based line, or −1. */
    private final int line;
    /** 1-based column, or −1. */
    private final int column;

    private ModelFileException(String message, String source, String jsonPath, int line, int column, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.jsonPath = jsonPath;
        this.line = line;
        this.column = column;
    }

    /**
     * Malformed text at a line and column: {@code source:line:column: what}.
     *
     * @param source file or source name
     * @param line 1-based line
     * @param column 1-based column
     * @param what the problem
     * @param cause the parser's exception, or null
     * @return the exception
     */
    public static ModelFileException at(String source, int line, int column, String what, Throwable cause) {
        return new ModelFileException(source + ":" + line + ":" + column + ": " + what, source, null, line, column,
                cause);
    }

    /**
     * A value that breaks the format or the model, at a JSON path: {@code source: $.a[0].b: what}.
     *
     * @param source file or source name
     * @param jsonPath JSON path of the offending value
     * @param what the problem
     * @return the exception
     */
    public static ModelFileException at(String source, String jsonPath, String what) {
        return at(source, jsonPath, what, null);
    }

    /**
     * As {@link #at(String, String, String)}, keeping the underlying cause.
     *
     * @param source file or source name
     * @param jsonPath JSON path of the offending value
     * @param what the problem
     * @param cause the underlying exception, or null
     * @return the exception
     */
    public static ModelFileException at(String source, String jsonPath, String what, Throwable cause) {
        return new ModelFileException(source + ": " + jsonPath + ": " + what, source, jsonPath, -1, -1, cause);
    }

    /**
     * A problem of the whole file (cannot be read or written): {@code source: what}.
     *
     * @param source file or source name
     * @param what the problem
     * @param cause the underlying exception, or null
     * @return the exception
     */
    public static ModelFileException of(String source, String what, Throwable cause) {
        return new ModelFileException(source + ": " + what, source, null, -1, -1, cause);
    }

    /** {@return the file or source name the message starts with} */
    public String source() {
        return source;
    }

    /** {@return the JSON path of the offending value ({@code $.cells[0].swc}), or null} */
    public String jsonPath() {
        return jsonPath;
    }

    /** {@return the 1-based line of malformed text, or −1} */
    public int line() {
        return line;
    }

    /** {@return the 1-based column of malformed text, or −1} */
    public int column() {
        return column;
    }
}
