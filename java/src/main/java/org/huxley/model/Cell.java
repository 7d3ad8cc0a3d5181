package org.huxley.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huxley.ModelException;

/**
 * A neuron: branches joined in a tree by a parent list. A child branch attaches to the distal end
 * of its parent; every parent branch gets one branch-point node joining its last compartment with
 * the first compartment of each child (reference-numerics §2, §4).
 */
public final class Cell extends Module {
    private final List<Branch> branches;
    private final int[] parents;

    /**
     * A cell of branches in a tree.
     *
     * @param branches the branches (copied)
     * @param parents parent branch of each branch, −1 for the one root
     * @throws ModelException if the parent list is not a tree over the branches
     */
    public Cell(List<Branch> branches, int[] parents) {
        if (branches == null || branches.isEmpty()) {
            throw new ModelException("a cell needs at least one branch");
        }
        this.parents = parents == null ? null : parents.clone();
        validateTree(branches.size(), this.parents);
        List<Branch> copies = new ArrayList<>();
        for (Branch b : branches) {
            copies.add(b.copy());
            mergeMechanismOrder(b.mechanismOrder());
        }
        this.branches = List.copyOf(copies);
    }

    /**
     * Jaxley's test fixture: {@code nbranches} branches of {@code ncomp} default compartments in a binary tree.
     *
     * @param nbranches number of branches
     * @param ncomp compartments per branch
     * @return the cell
     */
    public static Cell binaryTree(int nbranches, int ncomp) {
        int[] parents = new int[nbranches];
        for (int i = 0; i < nbranches; i++) {
            parents[i] = i == 0 ? -1 : (i - 1) / 2;
        }
        return new Cell(Collections.nCopies(nbranches, Branch.of(ncomp)), parents);
    }

    /** {@return a deep copy (branches, parents, groups, mechanism order; no stimuli or recordings)} */
    public Cell copy() {
        Cell c = new Cell(branches, parents);
        c.mechanismOrder().clear();
        c.mechanismOrder().addAll(mechanismOrder());
        groupsInternal().forEach((k, v) -> c.groupsInternal().put(k, new LinkedHashSet<>(v)));
        return c;
    }

    static void validateTree(int n, int[] parents) {
        if (parents == null) {
            throw new ModelException("parent list is missing");
        }
        if (parents.length != n) {
            throw new ModelException("parent list has " + parents.length + " entries for " + n + " branches: "
                    + Arrays.toString(parents));
        }
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = parents[i];
            if (p == -1) {
                roots.add(i);
            } else if (p < 0 || p >= n) {
                throw new ModelException("parents[" + i + "] = " + p + " is not a branch index (0.." + (n - 1)
                        + ") nor -1 (root)");
            } else if (p == i) {
                throw new ModelException("parents[" + i + "] = " + i + ": branch " + i + " is its own parent");
            }
        }
        if (roots.size() != 1) {
            throw new ModelException("parent list must have exactly one root (-1), found " + roots.size()
                    + (roots.isEmpty() ? "" : " at branches " + roots) + ": " + Arrays.toString(parents));
        }
        for (int i = 0; i < n; i++) {
            int steps = 0;
            for (int b = i; b != -1; b = parents[b]) {
                if (++steps > n) {
                    throw new ModelException("parent list is not a tree: following parents from branch " + i
                            + " never reaches the root: " + Arrays.toString(parents));
                }
            }
        }
    }

    /** Branch {@code b} (live object). */
    Branch branchAt(int b) {
        return branches.get(b);
    }

    /** {@return number of branches} */
    public int nbranches() {
        return branches.size();
    }

    @Override
    public int numCells() {
        return 1;
    }

    @Override
    public int numBranches(int cell) {
        checkIndex("cell", cell, 1);
        return branches.size();
    }

    @Override
    public int numComps(int cell, int branch) {
        checkIndex("cell", cell, 1);
        checkIndex("branch", branch, branches.size());
        return branches.get(branch).ncomp();
    }

    @Override
    public Compartment compartment(Site s) {
        if (s.cell() != 0) {
            throw new IndexOutOfBoundsException("a cell module has only cell 0, not " + s);
        }
        return branches.get(s.branch()).compartments().get(s.comp());
    }

    @Override
    public int[] parents(int cell) {
        checkIndex("cell", cell, 1);
        return parents.clone();
    }

    /** Groups of this cell (name → sites with cell index 0), for copying into a network. */
    Map<String, Set<Site>> groupsForCopy() {
        Map<String, Set<Site>> out = new LinkedHashMap<>();
        groupsInternal().forEach((k, v) -> out.put(k, new LinkedHashSet<>(v)));
        return out;
    }
}
