package org.huxley.morph;

import org.huxley.ModelException;

/**
 * An SWC file that cannot be read as a neuron: malformed text (wrong column count, a field that is
 * not a number), impossible values (negative radius, duplicate point index) or impossible topology
 * (missing parent, cycle). The message always starts with {@code file:line:} and then names the
 * problem, so that it can be pasted into an editor's "go to line".
 */
public class SwcFormatException extends ModelException {
    /** The file name (or another name for the text). */
    private final String source;
    /** 1-based line number; 0 for the file as a whole. */
    private final int line;
    /** What is wrong, in words. */
    private final String problem;

    /**
     * An exception naming the file, line and problem.
     *
     * @param source the file name (or another name for the text, e.g. a resource path)
     * @param line 1-based line number in that text; 0 when the problem concerns the file as a whole
     * @param problem what is wrong, in words
     */
    public SwcFormatException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** {@return the file name or other name of the text that was read} */
    public String source() {
        return source;
    }

    /** {@return 1-based line number of the offending line (0 for the file as a whole)} */
    public int line() {
        return line;
    }

    /** {@return the problem without the {@code file:line:} prefix} */
    public String problem() {
        return problem;
    }
}
