package org.huxley.engine;

import java.util.Arrays;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.SetValues;
import org.huxley.engine.internal.StepState;
import org.huxley.plan.Plan;

/** Integrates one parameter set with {@link ForwardStepper} and writes the recordings. */
final class CpuIntegrator {
    private final Plan plan;
    private final Protocol protocol;
    private final MechanismKernel[] channelKernels;
    private final MechanismKernel[] synapseKernels;

    CpuIntegrator(Plan plan, Protocol protocol, MechanismKernel[] channelKernels, MechanismKernel[] synapseKernels) {
        this.plan = plan;
        this.protocol = protocol;
        this.channelKernels = channelKernels;
        this.synapseKernels = synapseKernels;
    }

    /**
     * @param out output [recording][sample]
     * @return the step after which the state was first non-finite, or −1
     */
    int run(SetValues values, double[][] stimuli, double[][] clamps, int steps, double[][] out) {
        ForwardStepper stepper = new ForwardStepper(plan, protocol.dtMs(), protocol.slope(), channelKernels,
                synapseKernels, values);
        StepState s = StepState.initial(plan, values);
        stepper.initialCurrents(s);
        int stride = protocol.recordEvery();
        s.recordInto(plan, out, 0);
        for (int step = 0; step < steps; step++) {
            stepper.step(s, step, stimuli, clamps);
            if (!s.isFinite()) {
                int from = (step + 1 + stride - 1) / stride;
                for (double[] row : out) {
                    Arrays.fill(row, from, row.length, Double.NaN);
                }
                return step + 1;
            }
            if ((step + 1) % stride == 0) {
                s.recordInto(plan, out, (step + 1) / stride);
            }
        }
        return -1;
    }
}
