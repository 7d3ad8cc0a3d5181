package org.huxley.jmh;

import java.util.concurrent.TimeUnit;
import org.huxley.adjoint.CheckpointPolicy;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Loss;
import org.huxley.adjoint.Losses;
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
 * Forward simulation versus value+gradient (discrete adjoint) on the standard workloads, one
 * thread: the ratio gradient/forward is what issue [adjoint] bounds (≤ 3 with every state stored,
 * ≤ 4 with √T checkpointing). Loss: mean over time of (v − v_target)², v_target the trace of the
 * unperturbed model. Divide {@code compartmentSteps} by the score for comp-steps/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GradientBenchmark {
    /** Workload and batch: hh1 at B = 1000, tree252 at B = 1. */
    @Param({"hh1:1000", "tree252:1"})
    public String workload;

    private Workload w;
    private Loss loss;
    private final CpuEngine forward = new CpuEngine(1);
    private final CpuGradientEngine full = new CpuGradientEngine(1, CheckpointPolicy.full());
    private final CpuGradientEngine sqrtT = new CpuGradientEngine(1,
            CheckpointPolicy.uniform((int) Math.ceil(Math.sqrt(StandardWorkloads.STEPS))));

    @Setup
    public void setUp() {
        String[] parts = workload.split(":");
        w = StandardWorkloads.byName(parts[0], Integer.parseInt(parts[1]), 42);
        Recordings target = forward.run(w.plan(), w.protocol());
        loss = Losses.meanSquaredError(new double[][] {target.trace(0, 0)});
    }

    @Benchmark
    public Recordings forward() {
        return forward.run(w.plan(), w.protocol(), w.batch());
    }

    @Benchmark
    public GradientResult gradientFullStorage() {
        return full.valueAndGradient(w.plan(), w.protocol(), w.batch(), loss);
    }

    @Benchmark
    public GradientResult gradientSqrtCheckpoints() {
        return sqrtT.valueAndGradient(w.plan(), w.protocol(), w.batch(), loss);
    }
}
