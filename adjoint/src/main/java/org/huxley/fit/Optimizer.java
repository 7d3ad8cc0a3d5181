package org.huxley.fit;

/**
 * An optimization method over unconstrained parameters x (bounded parameters go through a
 * {@link org.huxley.adjoint.transform.ParameterTransform}). It is a factory of per-start
 * {@link Stepper}s: a multi-start fit keeps one stepper per start and evaluates the points they
 * ask for, all starts in one engine batch per round.
 *
 * <p>Implementations: {@link Adam}, {@link Sgd}, {@link Lbfgs}, and {@link TypeOptimizer} for
 * different settings per parameter group.
 */
public interface Optimizer {
    /**
     * A short name, e.g. {@code adam}, stored with saved states.
     *
     * @return the name
     */
    String name();

    /**
     * Whether a stepper always asks for the gradient at its current iterate (so the method can be
     * applied to a subset of the parameters, as {@link TypeOptimizer} does). L-BFGS is not: its line
     * search asks for trial points along a joint direction.
     *
     * @return whether it is
     */
    boolean firstOrder();

    /**
     * A fresh stepper for one start.
     *
     * @param x0 the start, unconstrained
     * @param groups the parameter groups (for per-group settings)
     * @return the stepper
     */
    Stepper start(double[] x0, ParameterGroups groups);

    /**
     * {@return a stepper continuing from {@link Stepper#save()}d state (resuming a fit)}
     *
     * @param state the saved state
     * @param groups the parameter groups
     */
    Stepper restore(OptimizerState state, ParameterGroups groups);
}
