package org.huxley.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.mech.Current;
import org.huxley.mech.Mechanism;

/**
 * A simulatable model: a {@link Compartment}, {@link Branch}, {@link Cell} or {@link Network}. Every
 * module answers the same selection API ({@link #cell}, {@link #branch}, {@link #comp},
 * {@link #loc}, {@link #group}) and holds its stimuli, clamps and recordings. A module copied into a
 * larger one contributes its compartments, mechanisms and (for cells) groups, not its stimuli or
 * recordings.
 */
public abstract sealed class Module permits Compartment, Branch, Cell, Network {
    private final List<Mechanism> mechanismOrder = new ArrayList<>();
    private final Map<String, Set<Site>> groups = new LinkedHashMap<>();
    private final List<Stimulus> stimuli = new ArrayList<>();
    private final List<Clamp> clamps = new ArrayList<>();
    private final List<Recording> recordings = new ArrayList<>();

    Module() {
    }

    /** {@return number of cells (1 except for networks)} */
    public abstract int numCells();

    /**
     * {@return number of branches of a cell}
     *
     * @param cell the cell's index
     */
    public abstract int numBranches(int cell);

    /**
     * {@return number of compartments of a branch}
     *
     * @param cell the cell's index
     * @param branch the branch's index in the cell
     */
    public abstract int numComps(int cell, int branch);

    /**
     * {@return the compartment at a site (live object)}
     *
     * @param site the compartment's site
     */
    public abstract Compartment compartment(Site site);

    /**
     * {@return parent branch of each branch of a cell (−1 for the root)}
     *
     * @param cell the cell's index
     */
    public abstract int[] parents(int cell);

    /** {@return synapses (networks only)} */
    public List<SynapseEdge> synapses() {
        return List.of();
    }

    static void checkIndex(String what, int i, int n) {
        if (i < 0 || i >= n) {
            throw new ModelException(what + " index " + i + " out of range 0.." + (n - 1));
        }
    }

    // ---- selections ----

    /** {@return the whole module (a layout declared on it gives one shared value)} */
    public View all() {
        List<Site> sites = new ArrayList<>();
        for (int c = 0; c < numCells(); c++) {
            for (int b = 0; b < numBranches(c); b++) {
                for (int k = 0; k < numComps(c, b); k++) {
                    sites.add(new Site(c, b, k));
                }
            }
        }
        return new View(this, sites, View.Sharing.SHARED, "all");
    }

    /**
     * {@return cells by index (building only their sites, so selecting one cell of a large network is cheap)}
     *
     * @param index cell indices
     */
    public View cell(int... index) {
        if (index == null || index.length == 0) {
            throw new ModelException("cell(): give at least one index");
        }
        java.util.TreeSet<Integer> cells = new java.util.TreeSet<>();
        for (int c : index) {
            checkIndex("cell", c, numCells());
            cells.add(c);
        }
        List<Site> sites = new ArrayList<>();
        for (int c : cells) {
            for (int b = 0; b < numBranches(c); b++) {
                for (int k = 0; k < numComps(c, b); k++) {
                    sites.add(new Site(c, b, k));
                }
            }
        }
        String idx = index.length == 1 ? Integer.toString(index[0]) : java.util.Arrays.toString(index);
        return new View(this, sites, View.Sharing.PER_CELL, "all.cell(" + idx + ")");
    }

    /**
     * {@return branches of every cell (see {@link View#branch})}
     *
     * @param index branch indices within each cell
     */
    public View branch(int... index) {
        return all().branch(index);
    }

    /**
     * {@return compartments of every branch (see {@link View#comp})}
     *
     * @param index compartment indices within each branch
     */
    public View comp(int... index) {
        return all().comp(index);
    }

    /**
     * {@return the compartment at relative position x of every branch (see {@link View#loc})}
     *
     * @param x relative position along each branch, 0 proximal, 1 distal
     */
    public View loc(double x) {
        return all().loc(x);
    }

    /**
     * {@return a named group of compartments}
     *
     * @param name the group's name
     */
    public View group(String name) {
        return all().group(name);
    }

    // ---- whole-module shortcuts ----

    /**
     * Inserts a mechanism into every compartment.
     *
     * @param m the mechanism
     */
    public void insert(Mechanism m) {
        all().insert(m);
    }

    /**
     * Sets a field in every compartment.
     *
     * @param f the field
     * @param value its value, in the field's unit
     */
    public void set(Field f, double value) {
        all().set(f, value);
    }

    /**
     * Injects a current, nA per step, into every compartment.
     *
     * @param currentNa the current, nA, one sample per step
     */
    public void stimulate(double[] currentNa) {
        all().stimulate(currentNa);
    }

    /** Records v in every compartment. */
    public void record() {
        all().record();
    }

    /**
     * Records a state in every compartment.
     *
     * @param f a mechanism state (or v)
     */
    public void record(Field f) {
        all().record(f);
    }

    /**
     * Records a current in every compartment.
     *
     * @param c the current
     */
    public void record(Current c) {
        all().record(c);
    }

    /** Sets every gate with a steady-state expression to its steady state at the compartment's v. */
    public void initStates() {
        all().initStates();
    }

    /**
     * Validates the model and compiles it into an immutable {@link org.huxley.plan.Plan}.
     *
     * @return the immutable plan
     */
    public org.huxley.plan.Plan compile() {
        return org.huxley.plan.ModelCompiler.compile(this);
    }

    // ---- state held by the root module ----

    /** {@return channels in order of first insertion: states are advanced and currents summed in this order} */
    public List<Mechanism> mechanisms() {
        return Collections.unmodifiableList(mechanismOrder);
    }

    List<Mechanism> mechanismOrder() {
        return mechanismOrder;
    }

    void mergeMechanismOrder(List<Mechanism> other) {
        for (Mechanism m : other) {
            if (!mechanismOrder.contains(m)) {
                mechanismOrder.add(m);
            }
        }
    }

    Map<String, Set<Site>> groupsInternal() {
        return groups;
    }

    /** {@return names of the groups defined on this module} */
    public Set<String> groupNames() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /** {@return the stimuli, in the order they were added} */
    public List<Stimulus> stimuli() {
        return Collections.unmodifiableList(stimuli);
    }

    /** {@return the voltage clamps, in the order they were added} */
    public List<Clamp> clamps() {
        return Collections.unmodifiableList(clamps);
    }

    /** {@return the recordings, in the order they were added} */
    public List<Recording> recordings() {
        return Collections.unmodifiableList(recordings);
    }

    void addStimulus(Stimulus s) {
        stimuli.add(s);
    }

    void addClamp(Clamp c) {
        clamps.add(c);
    }

    void addRecording(Recording r) {
        if (!recordings.contains(r)) {
            recordings.add(r);
        }
    }

    /** Removes all stimuli. */
    public void deleteStimuli() {
        stimuli.clear();
    }

    /** Removes all recordings. */
    public void deleteRecordings() {
        recordings.clear();
    }

    /** Removes all clamps. */
    public void deleteClamps() {
        clamps.clear();
    }
}
