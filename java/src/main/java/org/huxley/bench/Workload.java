package org.huxley.bench;

import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.model.Module;
import org.huxley.plan.Plan;

/**
 * One standard workload instance: the model, its plan, the protocol (dt 0.025 ms, 100 ms) and a
 * batch of parameter sets drawn with a fixed seed.
 *
 * @param name e.g. {@code hh1}
 * @param model the model (recording v at the stimulated compartment)
 * @param plan its compiled plan
 * @param protocol 4000 steps of 0.025 ms
 * @param batch the varied parameter sets
 */
public record Workload(String name, Module model, Plan plan, Protocol protocol, Batch batch) {
    /**
     * Compartment-steps of one run: compartments × steps × parameter sets.
     *
     * @return compartments × steps × parameter sets
     */
    public double compartmentSteps() {
        return (double) plan.numCompartments() * protocol.steps() * batch.size();
    }
}
