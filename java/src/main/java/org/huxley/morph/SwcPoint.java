package org.huxley.morph;

/**
 * One row of an SWC file: {@code index type x y z radius parent}.
 *
 * @param index the point's index (column 1), a positive integer
 * @param typeId structure identifier (column 2): 0 undefined, 1 soma, 2 axon, 3 basal dendrite,
 *     4 apical dendrite, other values custom
 * @param xUm x coordinate, µm
 * @param yUm y coordinate, µm
 * @param zUm z coordinate, µm
 * @param radiusUm radius (column 6 is a radius, not a diameter), µm, ≥ 0
 * @param parent index of the parent point, or −1 for a root
 * @param line 1-based line number of the row in the file, for error messages
 */
public record SwcPoint(int index, int typeId, double xUm, double yUm, double zUm, double radiusUm, int parent,
        int line) {
}
