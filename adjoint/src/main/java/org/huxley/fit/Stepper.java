package org.huxley.fit;

/**
 * The state of one optimization run (one start) as an ask/tell loop: evaluate the loss and its
 * gradient at {@link #point()}, hand them to {@link #tell}, repeat. A non-finite loss (a diverging
 * simulation) is told as NaN with a null gradient: a line search backs off, a first-order method
 * marks the start {@link #failed()}.
 */
public interface Stepper {
    /** {@return where the loss and gradient are needed next (a copy)} */
    double[] point();

    /**
     * The loss and gradient ∂L/∂x at {@link #point()}; loss NaN and gradient null if non-finite.
     *
     * @param loss the loss at {@link #point()} (NaN if it failed)
     * @param gradient ∂L/∂x there, or null if it failed
     */
    void tell(double loss, double[] gradient);

    /** {@return the current iterate (a copy): the last accepted point} */
    double[] x();

    /** {@return the loss at the current iterate (NaN before the first evaluation)} */
    double loss();

    /** {@return ‖∂L/∂x‖₂ at the current iterate (NaN before the first evaluation)} */
    double gradientNorm();

    /** {@return accepted steps so far} */
    int iterations();

    /**
     * The method cannot make further progress (e.g. the line search found no decrease).
     *
     * @return whether it has
     */
    boolean stalled();

    /** {@return whether the start has diverged: evaluations became non-finite and the method cannot recover} */
    boolean failed();

    /** {@return the complete state, enough to continue bitwise identically after {@link Optimizer#restore}} */
    OptimizerState save();
}
