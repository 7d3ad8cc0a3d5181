package org.huxley.examples;

import java.util.Locale;
import org.huxley.engine.Batch;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.huxley.stim.Stimuli;

/**
 * Example 2 (docs/library.md): sweep the potassium conductance over 16 parameter sets in one batch,
 * with a progress listener and a control that could cancel the run from another thread.
 */
public final class ParameterSweep {
    private ParameterSweep() {
    }

    /**
     * Prints the spike count of every set.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        double dtMs = 0.025;
        double tMaxMs = 40.0;
        Cell cell = Cell.binaryTree(3, 4);
        cell.insert(HH.MECHANISM);
        cell.initStates();
        cell.branch(0).loc(0.0).stimulate(Stimuli.stepCurrent(1.0, 35.0, 0.05, dtMs, tMaxMs));
        cell.branch(0).loc(0.0).record();
        Plan plan = cell.compile();

        // One shared gK for the whole cell; 16 sets from 0.012 to 0.072 S/cm² (HH's default is 0.036).
        ParameterLayout layout = new ParameterLayout(cell).add(cell.all(), HH.G_K);
        int sets = 16;
        ParameterSets values = layout.batch(sets);
        for (int b = 0; b < sets; b++) {
            values.set(b, 0, 0.012 + 0.004 * b);
        }
        RunControl control = new RunControl(p -> { }); // a progress bar would go here; control.cancel() stops
        Recordings rec = new CpuEngine(2).run(plan, Protocol.defaults().withDt(dtMs).withTMax(tMaxMs),
                new Batch(values), control);
        StringBuilder line = new StringBuilder("sweep: spikes per set");
        for (int b = 0; b < sets; b++) {
            line.append(String.format(Locale.ROOT, " %.3f:%d", values.get(b, 0), Spikes.count(rec.trace(b, 0), 0.0)));
        }
        System.out.println(line);
    }
}
