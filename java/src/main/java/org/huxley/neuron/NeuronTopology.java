package org.huxley.neuron;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.model.Site;

/**
 * NEURON's section tree mapped onto Huxley cells: one branch per section, one cell per root, every
 * child hanging from the x = 1 node (Huxley's branch point) of the section it is attached to.
 * {@code child.connect(parent(1))} maps directly; {@code parent(0)} of a non-root parent is the node
 * that parent itself hangs from, so the child becomes its sibling. Not representable (rejected):
 * a child at the root's x = 0 (Huxley has no node at a root's start), at 0 &lt; x &lt; 1 (a segment
 * centre), or attached by its x = 1 end.
 */
final class NeuronTopology {
    private final List<NeuronSection> sections;
    private final Map<String, Integer> index = new HashMap<>();
    /** Per section: the section whose x = 1 node it hangs from, −1 for a root. */
    private final int[] owner;
    private final int[] cellOf;
    private final int[] branchOf;
    /** Per cell: its sections in branch order. */
    private final List<List<Integer>> cells = new ArrayList<>();
    /** Per section: the sections hanging from its x = 1 node. */
    private final List<List<Integer>> childrenAtEnd = new ArrayList<>();

    NeuronTopology(List<NeuronSection> sections) {
        this.sections = sections;
        int n = sections.size();
        owner = new int[n];
        cellOf = new int[n];
        branchOf = new int[n];
        for (int i = 0; i < n; i++) {
            NeuronSection s = sections.get(i);
            index.put(s.name(), i);
            childrenAtEnd.add(new ArrayList<>());
            if (s.parent() == null) {
                owner[i] = -1;
                cellOf[i] = cells.size();
                cells.add(new ArrayList<>());
            } else {
                owner[i] = attachment(s);
                childrenAtEnd.get(owner[i]).add(i);
                cellOf[i] = cellOf[owner[i]];
            }
            branchOf[i] = cells.get(cellOf[i]).size();
            cells.get(cellOf[i]).add(i);
        }
    }

    /** The section whose x = 1 node the child's start joins. */
    private int attachment(NeuronSection s) {
        if (s.childX() != 0.0) {
            throw new ModelException("section " + s.name() + " is attached by its x = " + s.childX()
                    + " end; only connect(..., 0) (the child's start) maps onto Huxley's cells");
        }
        int p = index.get(s.parent());
        double x = s.parentX();
        if (x == 1.0) {
            return p;
        }
        if (x == 0.0) {
            if (owner[p] < 0) {
                throw new ModelException("section " + s.name() + " is attached at " + s.parent()
                        + "(0), the start of a root section: Huxley's cells have no node there (branches"
                        + " attach to the distal end of their parent); make " + s.parent() + "'s x = 0 end its"
                        + " x = 1 end or attach at (1)");
            }
            return owner[p];
        }
        throw new ModelException("section " + s.name() + " is attached at " + s.parent() + "(" + x
                + "), a segment centre: Huxley attaches children only at the distal end of a branch");
    }

    int numCells() {
        return cells.size();
    }

    /** The sections of cell c, in branch order. */
    List<Integer> sectionsOf(int cell) {
        return cells.get(cell);
    }

    /** Huxley's parent list of cell c. */
    int[] parents(int cell) {
        List<Integer> secs = cells.get(cell);
        int[] parents = new int[secs.size()];
        for (int b = 0; b < parents.length; b++) {
            int o = owner[secs.get(b)];
            parents[b] = o < 0 ? -1 : branchOf[o];
        }
        return parents;
    }

    NeuronSection section(int i) {
        return sections.get(i);
    }

    /** The compartment of segment k of section i. */
    Site site(int i, int k) {
        return new Site(cellOf[i], branchOf[i], k);
    }

    /**
     * Resolves {@code section(x)}: x = 0 is the root's own end node or, for a child, the node it
     * hangs from; x = 1 the section's end node; otherwise the centre of segment ⌊x·nseg⌋.
     */
    NeuronNode resolve(NeuronLocation at) {
        Integer i = index.get(at.section());
        if (i == null) {
            throw new ModelException("no section named '" + at.section() + "' (at " + at + ")");
        }
        NeuronSection s = sections.get(i);
        double x = at.x();
        if (x == 0.0) {
            if (owner[i] < 0) {
                return new NeuronNode.ZeroArea(s.name() + "(0)", List.of(site(i, 0)),
                        new double[] {s.halfSegmentResistanceMOhm()}, 0.0);
            }
            return endNode(owner[i], 0.0);
        }
        if (x == 1.0) {
            return endNode(i, 1.0);
        }
        int k = Math.min((int) Math.floor(x * s.nseg()), s.nseg() - 1);
        return new NeuronNode.Centre(site(i, k), (k + 0.5) / s.nseg());
    }

    /** The zero-area x = 1 node of section i: a dead end, or a junction with its children. */
    private NeuronNode.ZeroArea endNode(int i, double nodeX) {
        NeuronSection s = sections.get(i);
        List<Site> neighbours = new ArrayList<>();
        List<Integer> children = childrenAtEnd.get(i);
        double[] r = new double[1 + children.size()];
        neighbours.add(site(i, s.nseg() - 1));
        r[0] = s.halfSegmentResistanceMOhm();
        for (int j = 0; j < children.size(); j++) {
            int c = children.get(j);
            neighbours.add(site(c, 0));
            r[j + 1] = sections.get(c).halfSegmentResistanceMOhm();
        }
        return new NeuronNode.ZeroArea(s.name() + "(1)", neighbours, r, nodeX);
    }
}
