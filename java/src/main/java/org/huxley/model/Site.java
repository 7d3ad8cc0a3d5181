package org.huxley.model;

/**
 * The address of one compartment: cell, branch within the cell, compartment within the branch
 * (0 = proximal end). Ordered as the compartments are numbered.
 *
 * @param cell the cell's index
 * @param branch the branch's index in its cell
 * @param comp the compartment's index in its branch
 */
public record Site(int cell, int branch, int comp) implements Comparable<Site> {
    @Override
    public int compareTo(Site o) {
        int c = Integer.compare(cell, o.cell);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(branch, o.branch);
        return c != 0 ? c : Integer.compare(comp, o.comp);
    }

    @Override
    public String toString() {
        return "cell " + cell + " branch " + branch + " comp " + comp;
    }
}
