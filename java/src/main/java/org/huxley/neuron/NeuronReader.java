package org.huxley.neuron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.Recording;
import org.huxley.model.Site;
import org.huxley.model.View;

/**
 * Reads a {@link NeuronModel} as NEURON simulates it, into a Huxley model whose backward-Euler
 * step reproduces NEURON's fixed-step traces:
 * <ul>
 *   <li>one branch per section and one cylindrical compartment per segment (length L/nseg, radius
 *       diam/2, the section's Ra and cm); NEURON's zero-area x = 1 node of a section with children is
 *       Huxley's branch point; one cell per root section (several make a {@link Network});</li>
 *   <li>every compartment starts at v_init with its gates at steady state there;</li>
 *   <li>an IClamp is sampled at mid-step: sample n = I((n + ½)·dt), used in the step n → n + 1;
 *       one at a zero-area node is shared among its neighbour compartments as
 *       (1/R_i)/Σ(1/R_j) (all of it into the one neighbour of a dead end);</li>
 *   <li>the slope of the membrane currents is NEURON's forward difference with Δv = 1e−3 mV.</li>
 * </ul>
 * Recording sites are read back by {@link NeuronReading#voltages}.
 */
public final class NeuronReader {
    private NeuronReader() {
    }

    /**
     * Reads with NEURON's forward-difference slope.
     *
     * @param model the NEURON model
     * @return the model, plan and protocol
     */
    public static NeuronReading read(NeuronModel model) {
        return read(model, SlopeMode.FORWARD_DIFFERENCE);
    }

    /**
     * Reads a NEURON model into a plan and protocol.
     *
     * @param slope how the membrane currents are linearised ({@code ANALYTIC} differs from NEURON by
     *     roundoff only for currents affine in v, as hh's and pas's are)
     * @param model the NEURON model
     * @return the model, plan and protocol
     * @throws org.huxley.ModelException for a topology, mechanism or site Huxley cannot represent
     */
    public static NeuronReading read(NeuronModel model, SlopeMode slope) {
        NeuronSimulation sim = model.simulation();
        NeuronTopology topo = new NeuronTopology(model.sections());
        List<Cell> cells = new ArrayList<>();
        Map<Shape, Branch> prototypes = new HashMap<>();
        for (int c = 0; c < topo.numCells(); c++) {
            List<Branch> branches = new ArrayList<>();
            for (int i : topo.sectionsOf(c)) {
                NeuronSection s = topo.section(i);
                branches.add(prototypes.computeIfAbsent(Shape.of(s), k -> branch(s, sim)));
            }
            cells.add(new Cell(branches, topo.parents(c)));
        }
        Module module = cells.size() == 1 ? cells.get(0) : new Network(cells);
        int steps = sim.steps();

        Map<String, double[]> injected = new LinkedHashMap<>();
        Map<Target, TreeSet<Integer>> stimulusCells = new LinkedHashMap<>();
        for (NeuronIClamp clamp : model.stimuli()) {
            double[] samples = clamp.midStepSamples(sim.dtMs(), steps);
            NeuronNode node = topo.resolve(clamp.at());
            switch (node) {
                case NeuronNode.Centre centre -> add(stimulusCells, centre.site(), samples);
                case NeuronNode.ZeroArea z -> {
                    double[] total = injected.computeIfAbsent(z.key(), k -> new double[samples.length]);
                    for (int n = 0; n < samples.length; n++) {
                        total[n] += samples[n];
                    }
                    for (int i = 0; i < z.neighbours().size(); i++) {
                        add(stimulusCells, z.neighbours().get(i), scaled(samples, z.share(i)));
                    }
                }
            }
        }
        stimulusCells.forEach((t, cellSet) -> select(module, cellSet, t.branch, t.comp).stimulate(t.samples));

        List<NeuronNode> nodes = new ArrayList<>();
        Map<Target, TreeSet<Integer>> recorded = new LinkedHashMap<>();
        for (NeuronLocation at : model.recordSites()) {
            NeuronNode node = topo.resolve(at);
            nodes.add(node);
            List<Site> needed = switch (node) {
                case NeuronNode.Centre centre -> List.of(centre.site());
                case NeuronNode.ZeroArea z -> z.neighbours();
            };
            for (Site s : needed) {
                add(recorded, s, null);
            }
        }
        recorded.forEach((t, cellSet) -> select(module, cellSet, t.branch, t.comp).record());
        Map<Site, Integer> rows = new LinkedHashMap<>();
        List<Recording> recs = module.recordings();
        for (int r = 0; r < recs.size(); r++) {
            rows.putIfAbsent(((Recording.OfField) recs.get(r)).site(), r);
        }

        Protocol protocol = new Protocol(sim.dtMs(), steps, model.recordStride(), slope);
        return new NeuronReading(model, module, module.compile(), protocol, nodes, rows, injected);
    }

    /** One section as a branch of nseg identical compartments at v_init, gates at steady state. */
    private static Branch branch(NeuronSection s, NeuronSimulation sim) {
        Compartment c = new Compartment();
        c.set(CompartmentField.LENGTH, s.segmentLengthUm());
        c.set(CompartmentField.RADIUS, s.diamUm() / 2.0);
        c.set(CompartmentField.AXIAL_RESISTIVITY, s.raOhmCm());
        c.set(CompartmentField.CAPACITANCE, s.cmUfPerCm2());
        NeuronMechanisms.insert(c.all(), s, sim.celsius());
        c.set(CompartmentField.V, sim.vInitMv());
        c.initStates();
        return new Branch(Collections.nCopies(s.nseg(), c));
    }

    /** What a section's branch depends on (sections alike share one prototype; cells copy it). */
    private record Shape(double lengthUm, double diamUm, int nseg, double ra, double cm,
            List<Map.Entry<String, Map<String, Double>>> mechanisms, Map<String, Double> ions) {
        static Shape of(NeuronSection s) {
            return new Shape(s.lengthUm(), s.diamUm(), s.nseg(), s.raOhmCm(), s.cmUfPerCm2(),
                    List.copyOf(s.mechanisms().entrySet()), s.ions());
        }
    }

    private static double[] scaled(double[] samples, double share) {
        if (share == 1.0) {
            return samples;
        }
        double[] out = new double[samples.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = samples[n] * share;
        }
        return out;
    }

    /** A (branch, comp, samples) target; cells sharing it are selected together (one view per target). */
    private record Target(int branch, int comp, double[] samples) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Target t && t.branch == branch && t.comp == comp && Arrays.equals(t.samples, samples);
        }

        @Override
        public int hashCode() {
            return (branch * 31 + comp) * 31 + Arrays.hashCode(samples);
        }
    }

    private static void add(Map<Target, TreeSet<Integer>> targets, Site s, double[] samples) {
        targets.computeIfAbsent(new Target(s.branch(), s.comp(), samples), k -> new TreeSet<>()).add(s.cell());
    }

    /** Compartment (branch, comp) of each of the given cells, in one selection. */
    private static View select(Module module, TreeSet<Integer> cellSet, int branch, int comp) {
        int[] cellIdx = cellSet.stream().mapToInt(Integer::intValue).toArray();
        return module.cell(cellIdx).branch(branch).comp(comp);
    }
}
