package org.huxley.expr;

/**
 * Several expressions evaluated for a range of instances stored column-wise: for every instance i
 * in [from, to), {@code out[j][i]} receives output j computed from the slot values
 * {@code in[s][i]}. Same bits as {@link MultiExpr} and {@link Expr#eval} instance by instance.
 * Implementations are immutable and thread-safe (disjoint ranges may run concurrently).
 */
@FunctionalInterface
public interface ColumnKernel {
    /**
     * Evaluates every output for instances {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param in slot columns, {@code in[slot][instance]}
     * @param out output columns, {@code out[output][instance]} (null for skipped outputs)
     * @param from first instance
     * @param to one past the last instance
     */
    void eval(double[][] in, double[][] out, int from, int to);
}
