package org.huxley.jmh;

import java.util.concurrent.TimeUnit;
import org.huxley.bench.NeuronCases;
import org.huxley.bench.Workload;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * NEURON's benchmark cases i, ii, iii (docs/neuron.md, {@link NeuronCases}), 100 ms at dt 0.025 ms,
 * on 1 and 2 threads, in the two forms: {@code network} (all cells in one model, one
 * parameter set, as NEURON runs them) and {@code batch} (one cell as B identical parameter sets,
 * which the CPU engine spreads over cores). comp-steps/s = compartments × 4000 × sets / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class NeuronCasesBenchmark {
    @Param({"i", "ii", "iii"})
    public String neuronCase;

    @Param({"network", "batch"})
    public String form;

    /** Threads of the engine: 1, or 2 (this machine's cores; cells of a network, or sets, in parallel). */
    @Param({"1", "2"})
    public int threads;

    private Workload w;
    private CpuEngine engine;

    @Setup
    public void setUp() {
        w = form.equals("network") ? NeuronCases.network(neuronCase) : NeuronCases.batch(neuronCase);
        engine = new CpuEngine(threads);
        System.out.printf("%n[%s/%s] %.3e compartment-steps per run%n", neuronCase, form, w.compartmentSteps());
    }

    @Benchmark
    public Recordings run() {
        return engine.run(w.plan(), w.protocol(), w.batch());
    }
}
