package org.huxley.expr;

/**
 * One stage of a vector column kernel ({@link VectorColumnCompiler}) on one block of instances:
 * reads slot columns at {@code base + j} and scratch columns at {@code j}, writes scratch columns at
 * {@code j} and output columns at {@code base + j}, for j &lt; n (n a multiple of the lane count).
 *
 * <p>The block driver ({@link VectorBlockKernel}) calls every stage of every kernel through this one
 * interface, so the JIT sees many receiver classes at that call and compiles each stage on its own
 * instead of inlining them all into one method past its node budget (where it stops inlining the
 * vector operations and then allocates every vector).
 */
interface VectorStage {
    /**
     * Runs the stage on one block.
     *
     * @param in slot columns, {@code in[slot][instance]}
     * @param out output columns, {@code out[output][instance]}
     * @param tmp this thread's scratch columns, {@code tmp[column][j]}
     * @param base first instance of the block
     * @param n instances in the block, a multiple of the lane count
     */
    void run(double[][] in, double[][] out, double[][] tmp, int base, int n);
}
