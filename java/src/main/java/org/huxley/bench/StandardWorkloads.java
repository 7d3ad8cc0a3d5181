package org.huxley.bench;

import java.util.Collections;
import java.util.Random;
import org.huxley.ModelException;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.stim.Stimuli;

/**
 * The standard workloads of docs/performance.md, defined once for JMH, the GPU check and the CLI:
 * dt = 0.025 ms, 100 ms (4000 steps), Jaxley's HH and default compartments, v recorded at the
 * stimulated compartment every step, parameters drawn uniformly with the given seed.
 */
public final class StandardWorkloads {
    /** 100 ms at 0.025 ms. */
    public static final int STEPS = 4000;
    /** The time step of every workload, ms. */
    public static final double DT_MS = 0.025;

    private StandardWorkloads() {
    }

    /**
     * {@return a workload by name: {@code hh1}, {@code tree252} or {@code ca1}}
     *
     * @param name the workload's name
     * @param batch number of parameter sets
     * @param seed seed of the parameter draws
     */
    public static Workload byName(String name, int batch, long seed) {
        return switch (name) {
            case "hh1" -> hh1(batch, seed);
            case "tree252" -> tree252(batch, seed);
            case "ca1" -> ca1(batch, seed);
            default -> throw new ModelException("unknown workload '" + name + "'; known: hh1, tree252, ca1");
        };
    }

    /**
     * ca1: morph_ca1_n120.swc read as Jaxley reads it with 4 compartments per branch (620
     * compartments), HH everywhere, 1 nA from 10 ms for 80 ms into branch 0 compartment 0; per set
     * and branch gNa = 0.12 × U(0.8, 1.2).
     *
     * @param batch number of parameter sets
     * @param seed seed of the parameter draws
     * @return the workload
     */
    public static Workload ca1(int batch, long seed) {
        Cell cell = ca1Cell(4);
        cell.insert(HH.MECHANISM);
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(10.0, 80.0, 1.0, DT_MS, 100.0));
        cell.branch(0).comp(0).record();
        return branchGnaWorkload("ca1", cell, batch, seed);
    }

    /**
     * {@return the bundled CA1 morphology (morph_ca1_n120.swc) with {@code ncomp} compartments per branch}
     *
     * @param ncomp compartments per branch
     */
    public static Cell ca1Cell(int ncomp) {
        String name = "/org/huxley/morphologies/morph_ca1_n120.swc";
        try (java.io.InputStream in = StandardWorkloads.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelException("bundled morphology " + name + " is missing from the class path");
            }
            return org.huxley.morph.SwcReader.readMorphology("morph_ca1_n120.swc",
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.US_ASCII),
                    org.huxley.morph.SwcOptions.builder().ncomp(ncomp).build()).cell();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * hh1: one compartment, step current 0.02 nA from 10 ms for 80 ms; per set gNa ∈ U(0.08, 0.16),
     * gK ∈ U(0.02, 0.05) S/cm².
     *
     * @param batch number of parameter sets
     * @param seed seed of the parameter draws
     * @return the workload
     */
    public static Workload hh1(int batch, long seed) {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        c.stimulate(Stimuli.stepCurrent(10.0, 80.0, 0.02, DT_MS, 100.0));
        c.record();
        ParameterLayout layout = new ParameterLayout(c).add(c.all(), HH.G_NA).add(c.all(), HH.G_K);
        ParameterSets sets = layout.batch(batch);
        Random r = new Random(seed);
        for (int b = 0; b < batch; b++) {
            sets.set(b, 0, 0.08 + 0.08 * r.nextDouble());
            sets.set(b, 1, 0.02 + 0.03 * r.nextDouble());
        }
        return new Workload("hh1", c, c.compile(), protocol(), new Batch(sets));
    }

    /**
     * tree252: a binary tree of 63 branches (parents −1, 0, 0, 1, 1, 2, 2, …) × 4 compartments,
     * 0.5 nA from 10 ms for 80 ms into branch 0 compartment 0; per set and branch gNa = 0.12 × U(0.8, 1.2).
     *
     * @param batch number of parameter sets
     * @param seed seed of the parameter draws
     * @return the workload
     */
    public static Workload tree252(int batch, long seed) {
        int nb = 63;
        int[] parents = new int[nb];
        for (int i = 0; i < nb; i++) {
            parents[i] = i == 0 ? -1 : (i - 1) / 2;
        }
        Cell cell = new Cell(Collections.nCopies(nb, Branch.of(4)), parents);
        cell.insert(HH.MECHANISM);
        cell.branch(0).comp(0).stimulate(Stimuli.stepCurrent(10.0, 80.0, 0.5, DT_MS, 100.0));
        cell.branch(0).comp(0).record();
        return branchGnaWorkload("tree252", cell, batch, seed);
    }

    /** One gNa per branch, per set 0.12 × U(0.8, 1.2) S/cm², drawn branch by branch, set by set. */
    private static Workload branchGnaWorkload(String name, Cell cell, int batch, long seed) {
        int nb = cell.nbranches();
        int[] all = new int[nb];
        for (int i = 0; i < nb; i++) {
            all[i] = i;
        }
        ParameterLayout layout = new ParameterLayout(cell).add(cell.branch(all), HH.G_NA);
        ParameterSets sets = layout.batch(batch);
        Random r = new Random(seed);
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < nb; p++) {
                sets.set(b, p, 0.12 * (0.8 + 0.4 * r.nextDouble()));
            }
        }
        return new Workload(name, cell, cell.compile(), protocol(), new Batch(sets));
    }

    private static Protocol protocol() {
        return Protocol.defaults().withDt(DT_MS).withSteps(STEPS);
    }
}
