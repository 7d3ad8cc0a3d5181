package org.huxley.morph;

import java.util.List;

/**
 * What the reader made of one branch of the cell, for inspection and diagnostics.
 *
 * @param swcIndices SWC indices of the branch's points in traversal order (the first is the point
 *     it starts from, 0 for the copy of point 1 that a single-point soma gets)
 * @param typeId SWC type id of the branch
 * @param group group the branch's compartments belong to (soma, axon, basal, apical, customN,
 *     undefined)
 * @param lengthUm path length, µm (0.1 µm where the traced length was 0)
 * @param ncomp number of compartments
 * @param parent parent branch, −1 for branch 0
 */
public record SwcBranch(List<Integer> swcIndices, int typeId, String group, double lengthUm, int ncomp,
        int parent) {
    /** Copies the points. */
    public SwcBranch {
        swcIndices = List.copyOf(swcIndices);
    }

    /**
     * {@return group name of an SWC type id: 0 undefined, 1 soma, 2 axon, 3 basal, 4 apical, else customN}
     *
     * @param typeId the SWC type id
     */
    public static String groupOf(int typeId) {
        return switch (typeId) {
            case 0 -> "undefined";
            case 1 -> "soma";
            case 2 -> "axon";
            case 3 -> "basal";
            case 4 -> "apical";
            default -> "custom" + typeId;
        };
    }
}
