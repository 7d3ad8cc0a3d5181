package org.huxley.examples;

import java.util.Arrays;
import org.huxley.engine.Engine;
import org.huxley.engine.Engines;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;

/** Example 1 (docs/library.md): build a small HH cell, inject a current step, record and simulate it. */
public final class SimulateCell {
    private SimulateCell() {
    }

    /**
     * Prints the peak soma voltage and the number of spikes.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        double dtMs = 0.025;
        double tMaxMs = 20.0;
        Cell cell = Cell.binaryTree(3, 4); // 3 branches of 4 compartments
        cell.insert(HH.MECHANISM);
        cell.initStates();
        cell.branch(0).loc(0.0).stimulate(Stimuli.stepCurrent(1.0, 15.0, 0.3, dtMs, tMaxMs)); // 0.3 nA
        cell.branch(0).loc(0.0).record();

        Plan plan = cell.compile();
        Engine engine = Engines.best(); // CUDA when usable, else the CPU (logs why)
        Recordings rec = engine.run(plan, Protocol.defaults().withDt(dtMs).withTMax(tMaxMs));
        double[] v = rec.requireFinite().trace(0, 0);
        System.out.printf(java.util.Locale.ROOT, "simulate: %d samples, peak %.2f mV, %d spikes%n", v.length,
                Arrays.stream(v).max().orElseThrow(), Spikes.count(v, 0.0));
    }
}
