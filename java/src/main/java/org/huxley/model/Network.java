package org.huxley.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;

/**
 * Cells (copied) connected by synapses. Synapse types are processed in order of first connection,
 * edges of one type in connection order (reference-numerics §7).
 */
public final class Network extends Module {
    private final List<Cell> cells;
    private final List<SynapseEdge> edges = new ArrayList<>();

    public Network(List<Cell> cells) {
        if (cells == null || cells.isEmpty()) {
            throw new ModelException("a network needs at least one cell");
        }
        List<Cell> copies = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            copies.add(cell.copy());
            mergeMechanismOrder(cell.mechanismOrder());
            final int ci = c;
            cell.groupsForCopy().forEach((name, sites) -> {
                Set<Site> target = groupsInternal().computeIfAbsent(name, k -> new LinkedHashSet<>());
                for (Site s : sites) {
                    target.add(new Site(ci, s.branch(), s.comp()));
                }
            });
        }
        this.cells = List.copyOf(copies);
    }

    /** {@code ncells} copies of {@link Cell#binaryTree(int, int)}, unconnected. */
    public static Network of(int ncells, int nbranches, int ncomp) {
        return new Network(Collections.nCopies(ncells, Cell.binaryTree(nbranches, ncomp)));
    }

    /**
     * Connects the i-th compartment of {@code pre} to the i-th of {@code post} with one synapse of
     * the given type each; both views must select the same number of compartments of this network.
     *
     * @return the new edges' selection
     */
    public EdgeView connect(View pre, View post, Mechanism synapseType) {
        if (synapseType.kind() != MechanismKind.SYNAPSE) {
            throw new ModelException(synapseType.name() + " is a channel, not a synapse: insert() it instead");
        }
        if (pre.module() != this || post.module() != this) {
            throw new ModelException("connect: pre and post must be selections of this network");
        }
        if (pre.size() != post.size()) {
            throw new ModelException("connect: pre selects " + pre.size() + " compartments, post " + post.size()
                    + "; they are paired one to one");
        }
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < pre.size(); i++) {
            edges.add(new SynapseEdge(synapseType, pre.sites().get(i), post.sites().get(i)));
            added.add(edges.size() - 1);
        }
        return new EdgeView(this, added, EdgeView.Sharing.SHARED);
    }

    /** All edges of one synapse type (one shared parameter when declared in a layout). */
    public EdgeView edges(Mechanism synapseType) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            if (edges.get(i).type().equals(synapseType)) {
                idx.add(i);
            }
        }
        if (idx.isEmpty()) {
            throw new ModelException("network has no synapse of type " + synapseType.name());
        }
        return new EdgeView(this, idx, EdgeView.Sharing.SHARED);
    }

    /** All synapses in connection order (live objects). */
    @Override
    public List<SynapseEdge> synapses() {
        return Collections.unmodifiableList(edges);
    }

    /** Synapse types in order of first connection. */
    public List<Mechanism> synapseTypes() {
        Set<Mechanism> types = new LinkedHashSet<>();
        edges.forEach(e -> types.add(e.type()));
        return List.copyOf(types);
    }

    @Override
    public int numCells() {
        return cells.size();
    }

    @Override
    public int numBranches(int cell) {
        checkIndex("cell", cell, cells.size());
        return cells.get(cell).nbranches();
    }

    @Override
    public int numComps(int cell, int branch) {
        checkIndex("cell", cell, cells.size());
        return cells.get(cell).numComps(0, branch);
    }

    @Override
    public Compartment compartment(Site s) {
        return cells.get(s.cell()).compartment(new Site(0, s.branch(), s.comp()));
    }

    @Override
    public int[] parents(int cell) {
        checkIndex("cell", cell, cells.size());
        return cells.get(cell).parents(0);
    }
}
