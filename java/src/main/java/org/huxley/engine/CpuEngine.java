package org.huxley.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.huxley.HuxleyException;
import org.huxley.engine.internal.RunInputs;
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
        RunInputs in = RunInputs.prepare(plan, protocol, batch);
        int sets = batch.size();
        CpuIntegrator integrator = new CpuIntegrator(plan, protocol, in.channelKernels, in.synapseKernels);
        int samples = in.steps / protocol.recordEvery() + 1;
        double[][][] data = new double[sets][plan.recordings().size()][samples];
        int[] diverged = new int[sets];
        forEachSet(sets, parallelism, b -> diverged[b] =
                integrator.run(in.values(plan, batch, b), in.stimuli[b], in.clamps, in.steps, data[b]));
        Recordings rec = new Recordings(data, plan.recordingLabels(), protocol.dtMs(), protocol.recordEvery(), diverged);
        if (!rec.divergedSets().isEmpty()) {
            LOG.warn("{} of {} parameter sets diverged (non-finite voltage); first: set {} at step {}",
                    rec.divergedSets().size(), sets, rec.divergedSets().get(0),
                    rec.divergedAtStep(rec.divergedSets().get(0)));
        }
        return rec;
    }

    /**
     * Runs {@code body} for sets 0..n−1 on up to {@code parallelism} threads; rethrows the first
     * failure.
     */
    public static void forEachSet(int n, int parallelism, IntConsumer body) {
        if (parallelism == 1 || n == 1) {
            for (int b = 0; b < n; b++) {
                body.accept(b);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(Math.min(parallelism, n));
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
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
}
