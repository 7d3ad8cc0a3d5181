package org.huxley.expr;

/**
 * An exponential-sized stage of a vector column kernel: one {@link VectorExpColumns} operation
 * from scratch columns into a scratch column.
 *
 * @param op the operation
 * @param x scratch column of the argument
 * @param u scratch column of saveExp(argument) (unused by {@link Op#SAVE_EXP})
 * @param em1 scratch column of expm1(argument) (used by {@link Op#EFUN} and {@link Op#EFUN_SLOPE})
 * @param dst scratch column of the result
 */
record VectorExpStage(Op op, int x, int u, int em1, int dst) implements VectorStage {
    /** The operations, named after the {@link ExprMath} methods whose bits they give. */
    enum Op {
        /** {@link ExprMath#saveExp}. */
        SAVE_EXP,
        /** {@link ExprMath#expm1From}. */
        EXPM1,
        /** {@link ExprMath#efunFrom}. */
        EFUN,
        /** {@link ExprMath#efunSlopeFrom}. */
        EFUN_SLOPE
    }

    @Override
    public void run(double[][] in, double[][] out, double[][] tmp, int base, int n) {
        switch (op) {
            case SAVE_EXP -> VectorExpColumns.saveExp(tmp[x], tmp[dst], n);
            case EXPM1 -> VectorExpColumns.expm1(tmp[x], tmp[u], tmp[dst], n);
            case EFUN -> VectorExpColumns.efun(tmp[x], tmp[em1], tmp[dst], n);
            case EFUN_SLOPE -> VectorExpColumns.efunSlope(tmp[x], tmp[u], tmp[em1], tmp[dst], n);
        }
    }
}
