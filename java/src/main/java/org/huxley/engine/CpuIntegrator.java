package org.huxley.engine;

import java.util.Arrays;
import java.util.List;
import org.huxley.engine.internal.ForwardStepper;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.SetValues;
import org.huxley.engine.internal.StepState;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;

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
        record(plan, out, 0, s);
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
                record(plan, out, (step + 1) / stride, s);
            }
        }
        return -1;
    }

    /** Writes column {@code col} of the output from a state. */
    static void record(Plan plan, double[][] out, int col, StepState s) {
        List<RecordingTarget> recs = plan.recordings();
        for (int r = 0; r < recs.size(); r++) {
            RecordingTarget rt = recs.get(r);
            out[r][col] = switch (rt.kind()) {
                case VOLTAGE -> s.v[rt.node()];
                case STATE -> s.channel[rt.table()][rt.index()][rt.instance()];
                case CURRENT -> {
                    double sum = 0;
                    for (int j = 0; j < rt.currentTables().length; j++) {
                        sum += s.channelCurrent[rt.currentTables()[j]][rt.currentInstances()[j]];
                    }
                    yield sum;
                }
                case SYNAPSE_STATE -> s.synapse[rt.table()][rt.index()][rt.instance()];
                case SYNAPSE_CURRENT -> s.synapseCurrent[rt.table()][rt.instance()];
            };
        }
    }
}
