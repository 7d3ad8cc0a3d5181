package org.huxley.engine;

import static org.huxley.engine.GeneratedKernelsTest.assertBitwiseEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.huxley.bench.NetworkWorkloads;
import org.huxley.bench.NeuronCases;
import org.huxley.bench.Workload;
import org.huxley.engine.internal.CellChunks;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Network;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;
import org.junit.jupiter.api.Test;

/**
 * Cells of one parameter set integrated on several threads give bitwise the traces of one thread
 * and of the interpreted reference, whatever the number of threads (chunks of cells).
 */
class ParallelCellsTest {
    private static final int STEPS = 600;

    /** Seven small cells with different stimuli, one clamped, voltage, state and current recorded. */
    static Plan mixedNetwork() {
        Network net = Network.of(7, 3, 2);
        net.insert(HH.MECHANISM);
        for (int c = 0; c < 7; c++) {
            net.cell(c).branch(0).comp(0).stimulate(Stimuli.stepCurrent(1.0, 10.0, 0.1 + 0.05 * c, 0.025, 20.0));
        }
        double[] hold = new double[STEPS + 10];
        java.util.Arrays.fill(hold, -40.0);
        net.cell(3).branch(2).comp(1).clamp(hold);
        net.cell(0).branch(1).comp(1).record();
        net.cell(6).branch(2).comp(0).record();
        net.cell(4).branch(0).comp(0).record(HH.M);
        net.cell(5).branch(1).comp(0).record(HH.MECHANISM.current());
        net.cell(3).branch(0).comp(1).record();
        return net.compile();
    }

    @Test
    void mixedNetworkIsBitwiseEqualForAnyThreadCount() {
        Plan plan = mixedNetwork();
        assertNotNull(CellChunks.of(plan, 2), "this network must split into chunks");
        assertEquals(3, CellChunks.of(plan, 3).chunks().size());
        Protocol p = Protocol.defaults().withSteps(STEPS);
        Recordings ref = new CpuEngine(1, KernelMode.INTERPRETED).run(plan, p);
        for (int threads : new int[] {1, 2, 3, 8}) {
            assertBitwiseEqual(ref, new CpuEngine(threads).run(plan, p));
        }
    }

    @Test
    void neuronCaseIIsBitwiseEqualOnTwoThreads() {
        Workload w = NeuronCases.network("i");
        Protocol p = w.protocol().withSteps(300);
        assertBitwiseEqual(new CpuEngine(1).run(w.plan(), p, w.batch()),
                new CpuEngine(2).run(w.plan(), p, w.batch()));
        assertBitwiseEqual(new CpuEngine(1, KernelMode.INTERPRETED).run(w.plan(), p, w.batch()),
                new CpuEngine(3).run(w.plan(), p, w.batch()));
    }

    @Test
    void networkWithSynapsesStaysOnOneThreadPerSetAndAgrees() {
        Plan plan = NetworkWorkloads.sparse(12, 40, 3).compile();
        Protocol p = Protocol.defaults().withSteps(400);
        assertBitwiseEqual(new CpuEngine(1, KernelMode.INTERPRETED).run(plan, p), new CpuEngine(2).run(plan, p));
    }

    @Test
    void oneBigCellSharesEachStepAndAgrees() {
        Workload w = NeuronCases.network("ii"); // one cell of 4092 compartments
        assertNotNull(CellChunks.byNodes(w.plan(), 2, CpuEngine.MIN_NODES_TO_SPLIT_STEPS));
        Protocol p = w.protocol().withSteps(300);
        Recordings ref = new CpuEngine(1, KernelMode.INTERPRETED).run(w.plan(), p, w.batch());
        assertBitwiseEqual(ref, new CpuEngine(2).run(w.plan(), p, w.batch()));
        assertBitwiseEqual(ref, new CpuEngine(3).run(w.plan(), p, w.batch()));
    }

    @Test
    void bigNetworkWithSynapsesSharesEachStepAndAgrees() {
        Plan plan = NetworkWorkloads.sparse(120, 600, 5).compile();
        assertNotNull(CellChunks.byNodes(plan, 2, CpuEngine.MIN_NODES_TO_SPLIT_STEPS));
        Protocol p = Protocol.defaults().withSteps(300);
        assertBitwiseEqual(new CpuEngine(1, KernelMode.INTERPRETED).run(plan, p), new CpuEngine(2).run(plan, p));
    }

    @Test
    void singleCellHasNoChunks() {
        assertNull(CellChunks.of(NeuronCases.network("ii").plan(), 2));
        assertNull(CellChunks.of(mixedNetwork(), 1));
    }
}
