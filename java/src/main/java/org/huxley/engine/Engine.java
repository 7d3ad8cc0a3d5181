package org.huxley.engine;

import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;

/** A forward simulator of compiled plans. Implementations: {@link CpuEngine} (and CUDA later). */
public interface Engine {
    /**
     * A short name for logs and reports, e.g. {@code cpu-float64}.
     *
     * @return the name
     */
    String name();

    /**
     * Simulates B instances of the plan.
     *
     * @param plan the compiled model
     * @param protocol time step, duration and recording stride
     * @param batch parameter sets and stimuli
     * @return the recordings of every set
     */
    Recordings run(Plan plan, Protocol protocol, Batch batch);

    /**
     * Simulates B instances of the plan under a {@link RunControl}: cancellable and reporting
     * progress. Engines that cannot stop mid-run check for cancellation before and report once
     * after; the CPU engine checks between blocks of steps.
     *
     * @param plan the compiled model
     * @param protocol time step, duration and recording stride
     * @param batch parameter sets and stimuli
     * @param control cancellation and progress
     * @return the recordings of every set
     * @throws RunCancelledException if {@code control} was cancelled before the run finished
     */
    default Recordings run(Plan plan, Protocol protocol, Batch batch, RunControl control) {
        control.throwIfCancelled("before the run started");
        Recordings rec = run(plan, protocol, batch);
        control.report("forward", 1, 1);
        return rec;
    }

    /**
     * Simulates the plan's own values once.
     *
     * @param plan the compiled model
     * @param protocol time step, duration and recording stride
     * @return the recordings
     */
    default Recordings run(Plan plan, Protocol protocol) {
        return run(plan, protocol, new Batch(ParameterSets.none(plan.source())));
    }
}
