package org.huxley.adjoint;

import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.plan.Plan;

/** Computes a loss and its gradient with respect to a parameter layout, for B parameter sets. */
public interface GradientEngine {
    /** A short name for logs, e.g. {@code cpu-float64-adjoint}. */
    String name();

    /**
     * @param batch parameter sets (their layout defines θ) and optional per-set stimuli
     * @param loss the loss on the plan's recordings
     */
    GradientResult valueAndGradient(Plan plan, Protocol protocol, Batch batch, Loss loss);
}
