package org.huxley.fit;

import java.util.List;
import java.util.stream.IntStream;
import org.huxley.engine.RunControl;

/**
 * A loss over unconstrained parameters x, evaluated for many points at once (one engine batch):
 * what {@link Fitter} and {@link CmaEs} minimise. {@link FitProblem} is the model-backed
 * implementation; tests use analytic functions.
 */
public interface BatchObjective {
    /** {@return number of parameters P} */
    int dimension();

    /**
     * Loss and gradient ∂L/∂x for each row of {@code x} ([N][P]). A row whose evaluation failed
     * (diverging simulation, values out of range) has a non-finite loss and a null gradient.
     *
     * @param x [N][P] unconstrained points
     * @return losses and gradients
     */
    Evaluation evaluate(double[][] x);

    /**
     * As {@link #evaluate(double[][])}, cancellable through {@code control}. The default checks
     * once before evaluating; model-backed objectives pass the control to their engine.
     *
     * @param x [N][P] unconstrained points
     * @param control cancellation and progress
     * @return losses and gradients
     * @throws org.huxley.engine.RunCancelledException if cancelled before the evaluation completed
     */
    default Evaluation evaluate(double[][] x, RunControl control) {
        control.throwIfCancelled("before a batch evaluation");
        return evaluate(x);
    }

    /**
     * {@return losses only (a gradient-free method's evaluation; model objectives run forward only)}
     *
     * @param x [N][P] unconstrained points
     */
    default double[] values(double[][] x) {
        return evaluate(x).losses();
    }

    /** {@return names of the parameters, for reports; default {@code x0, x1, …}} */
    default List<String> parameterNames() {
        return IntStream.range(0, dimension()).mapToObj(i -> "x" + i).toList();
    }

    /** {@return groups for per-group optimizer settings ({@link TypeOptimizer})} */
    default ParameterGroups groups() {
        return ParameterGroups.single(dimension());
    }

    /**
     * {@return parameter values y from unconstrained x (identity unless bounded)}
     *
     * @param x unconstrained values
     */
    default double[] toValues(double[] x) {
        return x.clone();
    }

    /**
     * {@return unconstrained x from parameter values y}
     *
     * @param y parameter values
     */
    default double[] toUnconstrained(double[] y) {
        return y.clone();
    }

    /**
     * Losses and gradients of a batch.
     *
     * @param losses per row; non-finite for failed rows
     * @param gradients per row ∂L/∂x; null for failed rows
     */
    record Evaluation(double[] losses, double[][] gradients) {
    }
}
