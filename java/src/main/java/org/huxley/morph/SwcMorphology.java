package org.huxley.morph;

import java.util.List;
import org.huxley.model.Cell;

/**
 * A cell read from SWC together with how its branches were traced.
 *
 * @param source the file name (or other name) the SWC text came from
 * @param cell the cell: branch b of the cell is {@code branches.get(b)}
 * @param branches one entry per branch of the cell
 */
public record SwcMorphology(String source, Cell cell, List<SwcBranch> branches) {
    /** Copies the lists. */
    public SwcMorphology {
        branches = List.copyOf(branches);
    }
}
