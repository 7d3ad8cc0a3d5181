package org.huxley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.huxley.bench.NeuronCases;
import org.huxley.bench.StandardWorkloads;
import org.huxley.bench.Workload;
import org.junit.jupiter.api.Test;

/** The CPU engine stops soon after a cancel and reports its progress as forward steps. */
class RunControlForwardTest {
    @Test
    void cancelMidRunStopsWithinABlockOfSteps() {
        Workload w = StandardWorkloads.hh1(200, 1); // 200 sets × 4000 steps
        for (int threads : new int[] {1, 2}) {
            List<Progress> seen = new CopyOnWriteArrayList<>();
            RunControl[] holder = new RunControl[1];
            holder[0] = new RunControl(p -> {
                seen.add(p);
                holder[0].cancel(); // at the first report (after 50 ms)
            });
            RunCancelledException e = assertThrows(RunCancelledException.class,
                    () -> new CpuEngine(threads).run(w.plan(), w.protocol(), w.batch(), holder[0]));
            assertTrue(e.getMessage().contains("forward"), e.getMessage());
            assertFalse(seen.isEmpty());
            long total = 200L * w.protocol().steps();
            Progress last = seen.get(seen.size() - 1);
            assertEquals("forward", last.phase());
            assertEquals(total, last.total());
            assertTrue(last.done() < total, "cancelled before the end: " + last);
        }
    }

    @Test
    void cancelMidRunOfParallelCells() {
        Workload w = NeuronCases.network("i");
        RunControl[] holder = new RunControl[1];
        holder[0] = new RunControl(p -> holder[0].cancel());
        assertThrows(RunCancelledException.class,
                () -> new CpuEngine(2).run(w.plan(), w.protocol(), w.batch(), holder[0]));
    }

    @Test
    void cancelledBeforeTheStartRunsNothing() {
        Workload w = StandardWorkloads.hh1(3, 1);
        RunControl c = new RunControl();
        c.cancel();
        assertThrows(RunCancelledException.class, () -> new CpuEngine(1).run(w.plan(), w.protocol(), w.batch(), c));
    }

    @Test
    void aFullRunEndsWithEveryStepReported() {
        Workload w = StandardWorkloads.hh1(5, 1);
        int steps = 1234;
        List<Progress> seen = new CopyOnWriteArrayList<>();
        Recordings r = new CpuEngine(2).run(w.plan(), w.protocol().withSteps(steps), w.batch(),
                new RunControl(seen::add));
        assertEquals(5, r.numSets());
        Progress last = seen.get(seen.size() - 1);
        assertEquals(5L * steps, last.done());
        assertEquals(5L * steps, last.total());
        assertEquals(1.0, last.fraction());
        for (Progress p : seen) {
            assertTrue(p.done() <= p.total() && p.done() > 0, p.toString());
        }
    }
}
