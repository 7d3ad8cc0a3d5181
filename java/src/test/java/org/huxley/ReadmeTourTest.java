package org.huxley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;
import org.junit.jupiter.api.Test;

/** The README's tour, kept compiling and running. */
class ReadmeTourTest {
    @Test
    void tourRunsAsWritten() {
        Cell cell = Cell.binaryTree(5, 4);
        cell.branch(0).set(CompartmentField.RADIUS, 1.0);
        cell.insert(HH.MECHANISM);
        cell.branch(3, 4).set(HH.G_NA, 0.08);
        cell.initStates();
        cell.branch(0).loc(0.0).stimulate(Stimuli.stepCurrent(1.0, 20.0, 0.3, 0.025, 30.0));
        cell.branch(0).loc(0.0).record();
        cell.branch(4).loc(1.0).record(HH.M);

        Plan plan = cell.compile();
        Recordings rec = new CpuEngine().run(plan, Protocol.defaults().withTMax(30.0));
        double[] soma = rec.trace(0, 0);
        assertEquals(1201, soma.length);
        assertTrue(java.util.Arrays.stream(soma).max().orElseThrow() > 0, "the soma should spike");

        ParameterLayout layout = new ParameterLayout(cell)
                .add(cell.branch(0, 1, 2, 3, 4), HH.G_NA)
                .add(cell.all(), HH.G_K);
        assertEquals(6, layout.size());
        ParameterSets sets = layout.batch(100);
        for (int b = 0; b < 100; b++) {
            sets.set(b, 5, 0.02 + 0.0005 * b);
        }
        Recordings sweep = new CpuEngine().run(plan, Protocol.defaults().withTMax(30.0), new Batch(sets));
        assertEquals(100, sweep.numSets());
        assertTrue(sweep.divergedSets().isEmpty());
        assertNotEquals(sweep.get(0, 0, 600), sweep.get(99, 0, 600));
    }
}
