package org.huxley.engine;

import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;

/** A forward simulator of compiled plans. Implementations: {@link CpuEngine} (and CUDA later). */
public interface Engine {
    /** A short name for logs and reports, e.g. {@code cpu-float64}. */
    String name();

    /** Simulates B instances of the plan. */
    Recordings run(Plan plan, Protocol protocol, Batch batch);

    /** Simulates the plan's own values once. */
    default Recordings run(Plan plan, Protocol protocol) {
        return run(plan, protocol, new Batch(ParameterSets.none(plan.source())));
    }
}
