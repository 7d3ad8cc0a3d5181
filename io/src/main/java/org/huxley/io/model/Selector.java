package org.huxley.io.model;

import java.util.List;
import org.huxley.model.Module;
import org.huxley.model.View;

/**
 * A selection of compartments as a model file writes it ({@code "where"}): optional cells, a
 * group, branches, compartments and a location, applied in that order as the Java API chains them
 * ({@code module.cell(..).group(..).branch(..).comp(..).loc(x)}), so indices after the first level
 * are local to the selection. Every part may be null (not restricted); the empty selector is the
 * whole model, one shared value when a parameter is declared on it.
 *
 * @param cells cell indices, or null
 * @param group group name, or null
 * @param branches branch indices (local to the selection so far), or null
 * @param comps compartment indices (local to each selected branch), or null
 * @param loc relative position x ∈ [0, 1] on each selected branch, or null
 */
public record Selector(List<Integer> cells, String group, List<Integer> branches, List<Integer> comps, Double loc) {
    /** Copies the index lists (unmodifiable). */
    public Selector {
        cells = cells == null ? null : List.copyOf(cells);
        branches = branches == null ? null : List.copyOf(branches);
        comps = comps == null ? null : List.copyOf(comps);
    }

    /** {@return a selector of the whole model} */
    public static Selector all() {
        return new Selector(null, null, null, null, null);
    }

    /**
     * One compartment.
     *
     * @param cell cell index
     * @param branch branch index within the cell
     * @param comp compartment index within the branch
     * @return a selector of that compartment
     */
    public static Selector site(int cell, int branch, int comp) {
        return new Selector(List.of(cell), null, List.of(branch), List.of(comp), null);
    }

    /**
     * A named group of the whole model.
     *
     * @param name group name
     * @return a selector of the group
     */
    public static Selector group(String name) {
        return new Selector(null, name, null, null, null);
    }

    /**
     * The view this selector picks.
     *
     * @param module the model to select in
     * @return the selected compartments
     * @throws org.huxley.ModelException if the selection is empty or out of range
     */
    public View view(Module module) {
        View v = cells == null ? module.all() : module.cell(ints(cells));
        if (group != null) {
            v = v.group(group);
        }
        if (branches != null) {
            v = v.branch(ints(branches));
        }
        if (comps != null) {
            v = v.comp(ints(comps));
        }
        if (loc != null) {
            v = v.loc(loc);
        }
        return v;
    }

    private static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }
}
