package org.huxley.expr;

/**
 * A vector column kernel over ranges whose length is a multiple of the lane count: block by block
 * of {@link #BLOCK} instances, every stage in order, values between stages carried in scratch
 * columns of one block (per thread, allocated once, so a step allocates nothing).
 *
 * @param stages the stages in evaluation order
 * @param scratch per thread, the scratch columns ({@code double[columns][BLOCK]})
 */
record VectorBlockKernel(VectorStage[] stages, ThreadLocal<double[][]> scratch) implements ColumnKernel {
    /** Instances per block: the length of the scratch columns (a multiple of any lane count). */
    static final int BLOCK = 64;

    /**
     * The kernel with fresh per-thread scratch columns.
     *
     * @param stages the stages in evaluation order
     * @param columns scratch columns the stages use
     * @return the kernel
     */
    static VectorBlockKernel of(VectorStage[] stages, int columns) {
        return new VectorBlockKernel(stages, ThreadLocal.withInitial(() -> new double[columns][BLOCK]));
    }

    @Override
    public void eval(double[][] in, double[][] out, int from, int to) {
        double[][] tmp = scratch.get();
        for (int base = from; base < to; base += BLOCK) {
            int n = Math.min(BLOCK, to - base);
            for (VectorStage s : stages) {
                s.run(in, out, tmp, base, n);
            }
        }
    }
}
