package org.huxley.expr;

/**
 * A compiled expression: evaluates with symbol values read from fixed slots of an array.
 * Produces the same bits as {@link Expr#eval}. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface CompiledExpr {
    /**
     * Evaluates with {@code slots[i]} holding the value of the i-th symbol of the slot order.
     *
     * @param slots symbol values in slot order
     * @return the value
     */
    double eval(double[] slots);
}
