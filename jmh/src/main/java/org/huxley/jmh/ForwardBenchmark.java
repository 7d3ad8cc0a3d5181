package org.huxley.jmh;

import java.util.concurrent.TimeUnit;
import org.huxley.bench.StandardWorkloads;
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
 * The CPU engine on the standard workloads (100 ms), single-threaded and all cores. Divide the
 * workload's compartment-steps (hh1: 4e3 per set; tree252: 1.008e6 per set) by the score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ForwardBenchmark {
    @Param({"hh1:1000", "tree252:1", "tree252:100"})
    public String workload;

    /** Threads of the engine: 1, or 2 (this machine's cores; parameter sets and cells in parallel). */
    @Param({"1", "2"})
    public int threads;

    private Workload w;
    private CpuEngine engine;

    @Setup
    public void setUp() {
        String[] parts = workload.split(":");
        w = StandardWorkloads.byName(parts[0], Integer.parseInt(parts[1]), 42);
        engine = new CpuEngine(threads);
    }

    @Benchmark
    public Recordings run() {
        return engine.run(w.plan(), w.protocol(), w.batch());
    }
}
