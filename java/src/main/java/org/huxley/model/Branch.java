package org.huxley.model;

import java.util.List;
import org.huxley.ModelException;

/**
 * An unbranched cable: compartments numbered from the proximal end (0) to the distal end. Built
 * from copies of the given compartments, so {@code new Branch(List.of(c, c, c))} has three
 * independent compartments.
 */
public final class Branch extends Module {
    private final List<Compartment> comps;

    /**
     * A branch of the given compartments (copied), compartment 0 proximal.
     *
     * @param compartments the compartments, proximal first
     */
    public Branch(List<Compartment> compartments) {
        if (compartments == null || compartments.isEmpty()) {
            throw new ModelException("a branch needs at least one compartment");
        }
        this.comps = List.copyOf(Compartment.copies(compartments));
        for (Compartment c : compartments) {
            mergeMechanismOrder(c.mechanismOrder());
        }
    }

    /**
     * {@return a branch of {@code ncomp} default compartments}
     *
     * @param ncomp number of compartments
     */
    public static Branch of(int ncomp) {
        if (ncomp < 1) {
            throw new ModelException("a branch needs at least one compartment, got ncomp = " + ncomp);
        }
        return new Branch(java.util.Collections.nCopies(ncomp, new Compartment()));
    }

    /** {@return a deep copy (compartments and mechanism order; no stimuli or recordings)} */
    public Branch copy() {
        Branch b = new Branch(comps);
        b.mechanismOrder().clear();
        b.mechanismOrder().addAll(mechanismOrder());
        return b;
    }

    /** The compartments, proximal first (live objects; mutate through views). */
    List<Compartment> compartments() {
        return comps;
    }

    /** {@return number of compartments} */
    public int ncomp() {
        return comps.size();
    }

    @Override
    public int numCells() {
        return 1;
    }

    @Override
    public int numBranches(int cell) {
        checkIndex("cell", cell, 1);
        return 1;
    }

    @Override
    public int numComps(int cell, int branch) {
        checkIndex("branch", branch, 1);
        return comps.size();
    }

    @Override
    public Compartment compartment(Site s) {
        if (s.cell() != 0 || s.branch() != 0) {
            throw new IndexOutOfBoundsException("a branch module has only cell 0 branch 0, not " + s);
        }
        return comps.get(s.comp());
    }

    @Override
    public int[] parents(int cell) {
        return new int[] {-1};
    }
}
