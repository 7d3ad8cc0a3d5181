package org.huxley.engine.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.plan.Plan;

/**
 * What every CPU run needs, validated once: the number of steps, each set's stimulus samples,
 * the clamp samples, the parameter binding and the compiled mechanism kernels.
 */
public final class RunInputs {
    public final int steps;
    /** [set][stimulus][sample], nA (sets without an override share the plan's array: read only). */
    public final double[][][] stimuli;
    /** [clamp][sample], mV. */
    public final double[][] clamps;
    public final ParameterBinding binding;
    public final MechanismKernel[] channelKernels;
    public final MechanismKernel[] synapseKernels;

    private RunInputs(int steps, double[][][] stimuli, double[][] clamps, ParameterBinding binding,
            MechanismKernel[] ch, MechanismKernel[] sy) {
        this.steps = steps;
        this.stimuli = stimuli;
        this.clamps = clamps;
        this.binding = binding;
        this.channelKernels = ch;
        this.synapseKernels = sy;
    }

    /**
     * @throws ModelException if a stimulus or clamp is shorter than the run, an override names a
     *     missing stimulus, the layout belongs to another model, or no duration can be determined
     */
    public static RunInputs prepare(Plan plan, Protocol protocol, Batch batch) {
        return prepare(plan, protocol, batch, org.huxley.engine.KernelMode.GENERATED);
    }

    /** As {@link #prepare(Plan, Protocol, Batch)} with the given kernel mode. */
    public static RunInputs prepare(Plan plan, Protocol protocol, Batch batch, org.huxley.engine.KernelMode mode) {
        int steps = resolveSteps(plan, protocol, batch);
        int sets = batch.size();
        for (int key : batch.overriddenStimuli()) {
            if (key < 0 || key >= plan.numStimuli()) {
                throw new ModelException("stimulus override " + key + " does not exist: the model has "
                        + plan.numStimuli() + " stimuli");
            }
        }
        double[][][] stimuli = new double[sets][][];
        double[][] shared = new double[plan.numStimuli()][];
        Map<Samples, double[]> distinct = new HashMap<>();
        for (int s = 0; s < shared.length; s++) {
            // one copy for every set without an override, and one for equal stimuli (NEURON's case i
            // has a thousand): a step then reads one cache line instead of one per stimulus
            double[] samples = plan.stimulusCurrentNa(s);
            shared[s] = distinct.computeIfAbsent(new Samples(samples), k -> samples);
        }
        for (int b = 0; b < sets; b++) {
            stimuli[b] = new double[plan.numStimuli()][];
            for (int s = 0; s < plan.numStimuli(); s++) {
                double[] o = batch.stimulusOverride(s, b);
                stimuli[b][s] = o != null ? o : shared[s];
                requireLength("stimulus " + s + " (at " + plan.siteOf(plan.stimulusNode(s)) + ")"
                        + (o != null ? " of parameter set " + b : ""), stimuli[b][s].length, steps);
            }
        }
        double[][] clamps = new double[plan.numClamps()][];
        for (int c = 0; c < clamps.length; c++) {
            clamps[c] = plan.clampVoltageMv(c);
            requireLength("clamp " + c + " (at " + plan.siteOf(plan.clampNode(c)) + ")", clamps[c].length, steps);
        }
        SynapseInputs.of(plan, protocol.dtMs()); // rejects spike trains with two spikes in one step
        ParameterBinding binding = ParameterBinding.bind(plan, batch.parameters().layout());
        MechanismKernel[] ch = plan.channels().stream().map(t -> KernelCache.kernel(t.mechanism(), mode))
                .toArray(MechanismKernel[]::new);
        MechanismKernel[] sy = plan.synapses().stream().map(t -> KernelCache.kernel(t.mechanism(), mode))
                .toArray(MechanismKernel[]::new);
        return new RunInputs(steps, stimuli, clamps, binding, ch, sy);
    }

    /** Stimulus samples compared by content. */
    private record Samples(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Samples other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** The values of set b: the plan's arrays with θ[b] written in. */
    public SetValues values(Plan plan, Batch batch, int set) {
        SetValues v = new SetValues(plan);
        v.apply(binding, batch.parameters().row(set));
        return v;
    }

    private static int resolveSteps(Plan plan, Protocol protocol, Batch batch) {
        if (protocol.steps() >= 0) {
            return protocol.steps();
        }
        if (plan.numStimuli() == 0) {
            throw new ModelException("the protocol gives no duration and the model has no stimulus to take it "
                    + "from: use Protocol.withTMax(ms) or withSteps(n)");
        }
        double[] o = batch.stimulusOverride(0, 0);
        return o != null ? o.length : plan.stimulusCurrentNa(0).length;
    }

    private static void requireLength(String what, int length, int steps) {
        if (length < steps) {
            throw new ModelException(what + " has " + length + " samples but the run needs " + steps
                    + " (one per step)");
        }
    }
}
