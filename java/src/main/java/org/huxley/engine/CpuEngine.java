package org.huxley.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.huxley.HuxleyException;
import org.huxley.ModelException;
import org.huxley.engine.internal.MechanismKernel;
import org.huxley.engine.internal.ParameterBinding;
import org.huxley.engine.internal.SetValues;
import org.huxley.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact float64 CPU engine: Jaxley's backward-Euler step, one parameter set at a time, sets in
 * parallel. Results do not depend on the parallelism (each set is integrated on its own).
 */
public final class CpuEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(CpuEngine.class);
    private final int parallelism;

    /** Uses all available processors. */
    public CpuEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param parallelism number of threads integrating parameter sets (≥ 1) */
    public CpuEngine(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    @Override
    public String name() {
        return "cpu-float64";
    }

    @Override
    public Recordings run(Plan plan, Protocol protocol, Batch batch) {
        int steps = resolveSteps(plan, protocol, batch);
        int sets = batch.size();
        double[][][] stimuli = new double[sets][][];
        for (int b = 0; b < sets; b++) {
            stimuli[b] = new double[plan.numStimuli()][];
            for (int s = 0; s < plan.numStimuli(); s++) {
                double[] o = batch.stimulusOverride(s, b);
                stimuli[b][s] = o != null ? o : plan.stimulusCurrentNa(s);
                requireLength("stimulus " + s + " (at " + plan.siteOf(plan.stimulusNode(s)) + ")"
                        + (o != null ? " of parameter set " + b : ""), stimuli[b][s].length, steps);
            }
        }
        double[][] clamps = new double[plan.numClamps()][];
        for (int c = 0; c < clamps.length; c++) {
            clamps[c] = plan.clampVoltageMv(c);
            requireLength("clamp " + c + " (at " + plan.siteOf(plan.clampNode(c)) + ")", clamps[c].length, steps);
        }
        for (int key : batch.stimulusOverrides().keySet()) {
            if (key < 0 || key >= plan.numStimuli()) {
                throw new ModelException("stimulus override " + key + " does not exist: the model has "
                        + plan.numStimuli() + " stimuli");
            }
        }
        ParameterBinding binding = ParameterBinding.bind(plan, batch.parameters().layout());
        MechanismKernel[] ch = plan.channels().stream().map(t -> new MechanismKernel(t.mechanism()))
                .toArray(MechanismKernel[]::new);
        MechanismKernel[] sy = plan.synapses().stream().map(t -> new MechanismKernel(t.mechanism()))
                .toArray(MechanismKernel[]::new);
        CpuIntegrator integrator = new CpuIntegrator(plan, protocol, ch, sy);
        int samples = steps / protocol.recordEvery() + 1;
        int nrec = plan.recordings().size();
        double[][][] data = new double[sets][nrec][samples];
        int[] diverged = new int[sets];
        Runnable work = () -> IntStream.range(0, sets).parallel().forEach(b -> {
            SetValues values = new SetValues(plan);
            values.apply(binding, batch.parameters().row(b));
            diverged[b] = integrator.run(values, stimuli[b], clamps, steps, data[b]);
        });
        if (parallelism == 1 || sets == 1) {
            IntStream.range(0, sets).forEach(b -> {
                SetValues values = new SetValues(plan);
                values.apply(binding, batch.parameters().row(b));
                diverged[b] = integrator.run(values, stimuli[b], clamps, steps, data[b]);
            });
        } else {
            ForkJoinPool pool = new ForkJoinPool(parallelism);
            try {
                pool.submit(work).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HuxleyException("simulation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new HuxleyException("simulation failed", e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        Recordings rec = new Recordings(data, plan.recordingLabels(), protocol.dtMs(), protocol.recordEvery(), diverged);
        if (!rec.divergedSets().isEmpty()) {
            LOG.warn("{} of {} parameter sets diverged (non-finite voltage); first: set {} at step {}",
                    rec.divergedSets().size(), sets, rec.divergedSets().get(0),
                    rec.divergedAtStep(rec.divergedSets().get(0)));
        }
        return rec;
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
