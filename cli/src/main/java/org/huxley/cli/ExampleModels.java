package org.huxley.cli;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.huxley.bench.StandardWorkloads;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.Selector;
import org.huxley.io.model.Trainable;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.stim.Stimuli;

/**
 * The built-in example models that {@code --model NAME} selects (docs/cli.md), as
 * {@link HuxleyModel}s like a model file gives: the model, its protocol and its trainables
 * (whole-cell HH conductances, one shared value each). Stimuli are sampled at the run's dt up to
 * its t_max, so both can be chosen.
 */
final class ExampleModels {
    /** The example {@code huxley simulate} runs without {@code --model}. */
    static final String DEFAULT = "hh-tree";

    private record Example(String description, double tMaxMs, BiFunction<Double, Double, Module> build) {
    }

    private static final Map<String, Example> EXAMPLES = Map.of(
            "hh-tree", new Example("5-branch HH tree (20 compartments), 0.2 nA step into the root from 5 ms "
                    + "for 30 ms; v at the root and at a tip", 50.0, ExampleModels::hhTree),
            "hh-single", new Example("one HH compartment, 0.02 nA step from 10 ms for 80 ms; v", 100.0,
                    ExampleModels::hhSingle),
            "ca1", new Example("CA1 pyramidal cell (morph_ca1_n120.swc, 2 compartments per branch, 310 "
                    + "compartments), HH everywhere, 0.1 nA step into the soma from 10 ms for 80 ms (repetitive "
                    + "firing); v at the soma and at two dendrites", 100.0, ExampleModels::ca1));

    private ExampleModels() {
    }

    /** Example names, sorted. */
    static List<String> names() {
        return EXAMPLES.keySet().stream().sorted().toList();
    }

    static boolean exists(String name) {
        return EXAMPLES.containsKey(name);
    }

    static String description(String name) {
        return example(name).description();
    }

    /**
     * The example built for a time step and duration (its own duration when {@code tMaxMs} is null).
     *
     * @throws BadInputException for an unknown name
     */
    static HuxleyModel model(String name, double dtMs, Double tMaxMs) {
        Example e = example(name);
        double tMax = tMaxMs != null ? tMaxMs : e.tMaxMs();
        Protocol protocol = Protocol.defaults().withDt(dtMs).withTMax(tMax);
        Module module = e.build().apply(dtMs, tMax);
        List<Trainable> trainables = List.of(
                Trainable.of(Selector.all(), HH.G_NA.key(), 0.01, 1.0),
                Trainable.of(Selector.all(), HH.G_K.key(), 0.003, 0.3),
                Trainable.of(Selector.all(), HH.G_LEAK.key(), 3e-5, 3e-3));
        return new HuxleyModel(name, module, protocol, Precision.FLOAT64, "auto", 0, trainables, e.description());
    }

    private static Example example(String name) {
        Example e = EXAMPLES.get(name);
        if (e == null) {
            throw new BadInputException("unknown example '" + name + "' (known: " + String.join(", ", names())
                    + ") and no such file");
        }
        return e;
    }

    /**
     * 5 branches (binary tree, parents −1, 0, 0, 1, 1) of 4 compartments, radius 1 µm on the root
     * branch tapering to 0.5 µm at the tips, HH everywhere, gates at steady state.
     */
    static Cell hhTree(double dtMs, double tMaxMs) {
        Cell cell = Cell.binaryTree(5, 4);
        cell.branch(0).set(CompartmentField.RADIUS, 1.0);
        cell.branch(1, 2).set(CompartmentField.RADIUS, 0.75);
        cell.branch(3, 4).set(CompartmentField.RADIUS, 0.5);
        cell.set(CompartmentField.AXIAL_RESISTIVITY, 100.0);
        cell.insert(HH.MECHANISM);
        cell.initStates();
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(5.0, 30.0, 0.2, dtMs, tMaxMs));
        cell.branch(0).comp(0).record();
        cell.branch(4).loc(1.0).record();
        return cell;
    }

    /** StandardWorkloads' hh1 cell with its own HH values. */
    static Compartment hhSingle(double dtMs, double tMaxMs) {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        c.initStates();
        c.stimulate(Stimuli.stepCurrent(10.0, 80.0, 0.02, dtMs, tMaxMs));
        c.record();
        return c;
    }

    /** The bundled CA1 morphology, 2 compartments per branch (as the fitting example). */
    static Cell ca1(double dtMs, double tMaxMs) {
        Cell cell = StandardWorkloads.ca1Cell(2);
        cell.insert(HH.MECHANISM);
        cell.initStates();
        // 0.1 nA fires repetitively; 0.2 nA and more drive the soma into depolarisation block
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(10.0, 80.0, 0.1, dtMs, tMaxMs));
        cell.branch(0).comp(0).record();
        cell.branch(cell.nbranches() / 2).loc(1.0).record();
        cell.branch(cell.nbranches() - 1).loc(1.0).record();
        return cell;
    }
}
