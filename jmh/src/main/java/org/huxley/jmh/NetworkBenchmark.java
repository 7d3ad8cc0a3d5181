package org.huxley.jmh;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.huxley.bench.NetworkWorkloads;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.model.Network;
import org.huxley.plan.Plan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The network scale workload of issue 6 ({@link NetworkWorkloads#sparse}): 2,000 cells of 5 × 4
 * compartments, about 1,000,000 IonotropicSynapses from one seeded sparseConnect.
 *
 * <ul>
 *   <li>{@code build}: cells, HH, sparseConnect and values (the Network);</li>
 *   <li>{@code buildAndCompile}: the same plus {@code compile()} (acceptance: ≤ 10 s);</li>
 *   <li>{@code forward}: {@code steps} steps of the compiled network, one thread; divide
 *       40,000 × steps compartment-steps by the score for comp-steps/s.</li>
 * </ul>
 *
 * Memory per synapse is printed at the end of each trial (retained heap after full collections,
 * network + plan, minus the same cells without synapses; acceptance ≤ 300 B). Run:
 * {@code java -Xmx8g -jar jmh/target/benchmarks.jar NetworkBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules=jdk.incubator.vector"})
public class NetworkBenchmark {
    @Param({"2000"})
    public int cells;

    @Param({"1000000"})
    public long synapses;

    @Param({"40"})
    public int steps;

    private Plan plan;

    @Setup(Level.Trial)
    public void setUp() {
        long base = usedHeap();
        Plan bare = NetworkWorkloads.sparse(cells, 0, 1L).compile();
        long bareBytes = usedHeap() - base;
        bare = null;
        long heap0 = usedHeap();
        Network net = NetworkWorkloads.sparse(cells, synapses, 1L);
        plan = net.compile();
        long bytes = usedHeap() - heap0 - bareBytes;
        System.out.printf("%n%d synapses: %.0f bytes per synapse (network + plan, beyond the bare cells)%n",
                net.numSynapses(), (double) bytes / net.numSynapses());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plan = null;
    }

    static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    public Network build() {
        return NetworkWorkloads.sparse(cells, synapses, 1L);
    }

    @Benchmark
    public Plan buildAndCompile() {
        return NetworkWorkloads.sparse(cells, synapses, 1L).compile();
    }

    @Benchmark
    public Recordings forward() {
        return new CpuEngine(1).run(plan, Protocol.defaults().withSteps(steps));
    }
}
