package org.huxley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.engine.Batch;
import org.huxley.neuron.NeuronIClamp;
import org.huxley.neuron.NeuronLocation;
import org.huxley.neuron.NeuronModel;
import org.huxley.neuron.NeuronReader;
import org.huxley.neuron.NeuronReading;
import org.huxley.neuron.NeuronSection;
import org.huxley.neuron.NeuronSimulation;
import org.huxley.params.ParameterLayout;

/**
 * NEURON's CPU benchmark cases i, ii, iii (shared/docs/performance-targets.md), written as NEURON
 * models ({@link #model}) and read into Huxley with {@link NeuronReader}, so both simulators run
 * the same equations: NEURON's hh (exact rates; NEURON's own figures use its lookup tables, which
 * is less work, so the comparison is conservative for Huxley), Ra 100 Ω·cm, cm 1 µF/cm²,
 * celsius 6.3, v_init −65 mV with gates at steady state, dt 0.025 ms, 100 ms (4000 steps).
 * <ul>
 *   <li>i: 1000 cells of one section (L 20 µm, diam 20 µm, nseg 1, area 1257 µm²), IClamp
 *       soma(0.5), 0.2 nA (15.9 µA/cm²) from 10 ms for 80 ms: repetitive firing;</li>
 *   <li>ii: one binary tree of 1023 sections (section k's parent is (k − 1)/2, attached at
 *       parent(1)), each L 50 µm, diam 1 µm, nseg 4: 4092 compartments; IClamp root(0.5), 0.5 nA
 *       from 10 ms for 80 ms: one spike at onset that invades the whole tree (a uniform HH tree
 *       driven at one point does not fire repetitively: the driven region stays depolarised);</li>
 *   <li>iii: 100 such trees of 255 sections (1020 compartments each, 102,000 in all), each with
 *       the same IClamp (same behaviour).</li>
 * </ul>
 * The work per step does not depend on the activity (both simulators evaluate every rate every
 * step; CVODE is off), so the stimulus only has to be plausible.
 * v is recorded every step at each cell's stimulated compartment (one trace per cell).
 *
 * <p>Two Huxley forms. {@link #network} is the same model as NEURON's: all cells in one model
 * (a {@code Network} for i and iii), one parameter set; it is the like-for-like comparison (NEURON
 * also integrates all cells of a case in one model, one time loop). {@link #batch} integrates one
 * cell as B identical parameter sets (B = 1000, 1, 100): the same compartment-steps with the same
 * arithmetic; {@code CpuEngine} spreads sets over threads, and the cells of a network without
 * synapses too (cases i and iii; case ii is one cell). Both count compartments × steps × sets; report which
 * form a figure used.
 */
public final class NeuronCases {
    /** 100 ms at 0.025 ms. */
    public static final int STEPS = 4000;
    /** The time step of every case, ms. */
    public static final double DT_MS = 0.025;
    /** The case names. */
    public static final List<String> NAMES = List.of("i", "ii", "iii");

    private static final double T_STOP_MS = STEPS * DT_MS;
    private static final double RA = 100.0;

    private NeuronCases() {
    }

    /**
     * {@return case i, ii or iii as a NEURON model}
     *
     * @param name {@code i}, {@code ii} or {@code iii}
     */
    public static NeuronModel model(String name) {
        return switch (name) {
            case "i" -> cells("i", 1000, 0, 20.0, 20.0, 1, 0.2);
            case "ii" -> cells("ii", 1, 1023, 50.0, 1.0, 4, 0.5);
            case "iii" -> cells("iii", 100, 255, 50.0, 1.0, 4, 0.5);
            default -> throw new ModelException("unknown NEURON case '" + name + "'; known: " + NAMES);
        };
    }

    /**
     * {@return the case as NEURON runs it: all cells in one model, one parameter set}
     *
     * @param name {@code i}, {@code ii} or {@code iii}
     */
    public static Workload network(String name) {
        NeuronReading r = NeuronReader.read(model(name));
        return new Workload("neuron-" + name, r.module(), r.plan(), r.protocol(),
                new Batch(new ParameterLayout(r.module()).batch(1)));
    }

    /**
     * {@return one cell of the case, as many identical parameter sets as the case has cells}
     *
     * @param name {@code i}, {@code ii} or {@code iii}
     */
    public static Workload batch(String name) {
        NeuronModel full = model(name);
        int ncells = (int) full.sections().stream().filter(s -> s.parent() == null).count();
        int perCell = full.sections().size() / ncells;
        NeuronModel one = new NeuronModel(full.name(), full.sections().subList(0, perCell),
                full.stimuli().subList(0, 1), full.recordSites().subList(0, 1), full.simulation(), 1);
        NeuronReading r = NeuronReader.read(one);
        return new Workload("neuron-" + name + "-batch", r.module(), r.plan(), r.protocol(),
                new Batch(new ParameterLayout(r.module()).batch(ncells)));
    }

    /**
     * {@code ncells} cells; with {@code treeSections} = 0 each is one section, otherwise a binary
     * tree of that many sections (parents before children).
     */
    private static NeuronModel cells(String name, int ncells, int treeSections, double lengthUm, double diamUm,
            int nseg, double ampNa) {
        Map<String, Map<String, Double>> hh = Map.of("hh", Map.of());
        Map<String, Double> ions = Map.of("ena", 50.0, "ek", -77.0);
        List<NeuronSection> sections = new ArrayList<>();
        List<NeuronIClamp> stimuli = new ArrayList<>();
        List<NeuronLocation> record = new ArrayList<>();
        int per = Math.max(1, treeSections);
        for (int c = 0; c < ncells; c++) {
            for (int k = 0; k < per; k++) {
                String sec = "c" + c + "_s" + k;
                String parent = k == 0 ? null : "c" + c + "_s" + ((k - 1) / 2);
                sections.add(new NeuronSection(sec, parent, k == 0 ? Double.NaN : 1.0, 0.0, lengthUm, diamUm, nseg,
                        RA, 1.0, hh, ions));
            }
            NeuronLocation soma = new NeuronLocation("c" + c + "_s0", 0.5);
            stimuli.add(NeuronIClamp.pulse(soma, 10.0, 80.0, ampNa));
            record.add(soma);
        }
        return new NeuronModel(name, sections, stimuli, record, NeuronSimulation.defaults(T_STOP_MS), 1);
    }
}
