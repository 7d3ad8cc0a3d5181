package org.huxley.expr;

/**
 * Several expressions evaluated together, sharing common subexpressions: {@code out[j]} receives
 * output j. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface MultiExpr {
    /**
     * Evaluates every output from the symbol values in {@code slots} into {@code out}.
     *
     * @param slots symbol values in slot order
     * @param out receives output j at index j
     */
    void eval(double[] slots, double[] out);
}
