package org.huxley.cli;

import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.model.CompartmentField;
import org.huxley.stim.Stimuli;

/** The bundled example model that {@code huxley simulate} runs without a model file. */
final class ExampleModels {
    private ExampleModels() {
    }

    /**
     * A cell of 5 branches (binary tree, parents −1, 0, 0, 1, 1) of 4 compartments, radius 1 µm on
     * the root branch tapering to 0.5 µm at the tips, HH everywhere, gates at steady state; a step
     * current into branch 0 compartment 0; voltage recorded there and at the tip of branch 4.
     */
    static Cell hhTree(double amplitudeNa, double tMaxMs, double dtMs) {
        Cell cell = Cell.binaryTree(5, 4);
        cell.branch(0).set(CompartmentField.RADIUS, 1.0);
        cell.branch(1, 2).set(CompartmentField.RADIUS, 0.75);
        cell.branch(3, 4).set(CompartmentField.RADIUS, 0.5);
        cell.set(CompartmentField.AXIAL_RESISTIVITY, 100.0);
        cell.insert(HH.MECHANISM);
        cell.initStates();
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(5.0, 30.0, amplitudeNa, dtMs, tMaxMs));
        cell.branch(0).comp(0).record();
        cell.branch(4).loc(1.0).record();
        return cell;
    }
}
