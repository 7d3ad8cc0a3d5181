package org.huxley.adjoint;

/**
 * A scalar loss of one parameter set's recordings. Implementations return the value and write
 * ∂L/∂recording into {@code gradient}; the gradient engine turns that into ∂L/∂θ.
 */
@FunctionalInterface
public interface Loss {
    /**
     * The loss of one set, and its gradient with respect to the recordings.
     *
     * @param set index of the parameter set (for per-set targets)
     * @param recordings [recording][sample] as {@code Recordings.trace} gives them
     * @param gradient same shape, zero on entry: write ∂L/∂recordings[r][k] here
     * @return the loss value
     */
    double evaluate(int set, double[][] recordings, double[][] gradient);

    /**
     * Checked once before a run: throw {@code ModelException} if the shape cannot fit.
     *
     * @param recordings recordings per set
     * @param samples samples per recording
     */
    default void checkShape(int recordings, int samples) {
    }
}
