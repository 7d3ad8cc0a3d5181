package org.huxley.adjoint;

import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.engine.RunControl;
import org.huxley.plan.Plan;

/** Computes a loss and its gradient with respect to a parameter layout, for B parameter sets. */
public interface GradientEngine {
    /**
     * A short name for logs, e.g. {@code cpu-float64-adjoint}.
     *
     * @return the name
     */
    String name();

    /**
     * Loss and gradient for every parameter set of {@code batch}.
     *
     * @param batch parameter sets (their layout defines θ) and optional per-set stimuli
     * @param loss the loss on the plan's recordings
     * @param plan the compiled model
     * @param protocol time step, duration and recording stride
     * @return loss and gradient of every set
     */
    GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss);

    /**
     * As {@link #valueAndGradient(Plan, Protocol, Batch, Loss)}, cancellable and reporting progress
     * through {@code control}. Engines that cannot stop mid-run check before and report once after.
     *
     * @param plan the compiled model
     * @param protocol time step, duration and recording stride
     * @param batch parameter sets and stimuli
     * @param loss the loss on the plan's recordings
     * @param control cancellation and progress
     * @return loss and gradient of every set
     * @throws org.huxley.engine.RunCancelledException if cancelled before the gradient was complete
     */
    default GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss, RunControl control) {
        control.throwIfCancelled("before the gradient run started");
        GradientResult result = valueAndGradient(plan, protocol, batch, loss);
        control.report("gradient", 1, 1);
        return result;
    }
}
