package org.huxley.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Site;

/**
 * A compiled model: immutable, layout-neutral flat arrays that every engine reads.
 *
 * <ul>
 *   <li>Nodes: per cell, its compartments (branch by branch, proximal to distal), then one
 *       branch-point node per distinct parent branch (sorted by parent); cells concatenated
 *       (reference-numerics §2).</li>
 *   <li>Geometry per node, indexed by {@link CompartmentField#ordinal()}; NaN at branch points.</li>
 *   <li>Axial links (node pairs with a {@link LinkKind}) and a solve order: breadth-first per cell
 *       from the cell's first node, with each node's parent node and the link to it.</li>
 *   <li>Channel and synapse tables, stimuli, clamps and recording targets.</li>
 * </ul>
 *
 * <p>Getters return copies; a plan cannot be modified after compilation.
 */
public final class Plan {
    private final Module source;
    private final int numNodes;
    private final int numCells;
    private final boolean[] branchPoint;
    private final int[] nodeCell;
    private final Site[] siteOfNode;
    private final Map<Site, Integer> nodeOfSite;
    private final double[][] geometry;
    private final LinkKind[] linkKind;
    private final int[] linkA;
    private final int[] linkB;
    private final int[] solveOrder;
    private final int[] solveParent;
    private final int[] solveParentLink;
    private final int[] cellOrderStart;
    private final List<MechanismTable> channels;
    private final List<SynapseTable> synapses;
    private final int[] stimulusNodes;
    private final double[][] stimulusCurrentsNa;
    private final int[] clampNodes;
    private final double[][] clampVoltagesMv;
    private final List<RecordingTarget> recordings;
    private final int[] edgeTable;
    private final int[] edgeInstance;
    private final int[] historyNodes;
    private final int maxDelay;

    Plan(Module source, int numCells, boolean[] branchPoint, int[] nodeCell, Site[] siteOfNode,
            Map<Site, Integer> nodeOfSite, double[][] geometry, LinkKind[] linkKind, int[] linkA, int[] linkB,
            int[] solveOrder, int[] solveParent, int[] solveParentLink, int[] cellOrderStart,
            List<MechanismTable> channels, List<SynapseTable> synapses, int[] stimulusNodes,
            double[][] stimulusCurrentsNa, int[] clampNodes, double[][] clampVoltagesMv,
            List<RecordingTarget> recordings, int[] edgeTable, int[] edgeInstance, int[] historyNodes,
            int maxDelay) {
        this.source = source;
        this.numNodes = branchPoint.length;
        this.numCells = numCells;
        this.branchPoint = branchPoint;
        this.nodeCell = nodeCell;
        this.siteOfNode = siteOfNode;
        this.nodeOfSite = Map.copyOf(nodeOfSite);
        this.geometry = geometry;
        this.linkKind = linkKind;
        this.linkA = linkA;
        this.linkB = linkB;
        this.solveOrder = solveOrder;
        this.solveParent = solveParent;
        this.solveParentLink = solveParentLink;
        this.cellOrderStart = cellOrderStart;
        this.channels = List.copyOf(channels);
        this.synapses = List.copyOf(synapses);
        this.stimulusNodes = stimulusNodes;
        this.stimulusCurrentsNa = stimulusCurrentsNa;
        this.clampNodes = clampNodes;
        this.clampVoltagesMv = clampVoltagesMv;
        this.recordings = List.copyOf(recordings);
        this.edgeTable = edgeTable;
        this.edgeInstance = edgeInstance;
        this.historyNodes = historyNodes;
        this.maxDelay = maxDelay;
    }

    /** {@return the model this plan was compiled from (parameter layouts must be declared on it)} */
    public Module source() {
        return source;
    }

    /** {@return number of nodes (compartments and branch points)} */
    public int numNodes() {
        return numNodes;
    }

    /** {@return number of cells} */
    public int numCells() {
        return numCells;
    }

    /** {@return number of compartment nodes (all nodes minus branch points)} */
    public int numCompartments() {
        int n = 0;
        for (boolean b : branchPoint) {
            n += b ? 0 : 1;
        }
        return n;
    }

    /**
     * {@return whether a node is a branch point (not a compartment)}
     *
     * @param node a node index
     */
    public boolean isBranchPoint(int node) {
        return branchPoint[node];
    }

    /**
     * {@return the cell a node belongs to}
     *
     * @param node a node index
     */
    public int cellOf(int node) {
        return nodeCell[node];
    }

    /**
     * {@return the site of a compartment node, or null for a branch point}
     *
     * @param node a node index
     */
    public Site siteOf(int node) {
        return siteOfNode[node];
    }

    /**
     * {@return the node of a compartment}
     *
     * @param site a compartment's site
     */
    public int nodeOf(Site site) {
        Integer n = nodeOfSite.get(site);
        if (n == null) {
            throw new ModelException("the model has no compartment at " + site);
        }
        return n;
    }

    /**
     * A geometry field (or initial v) of every node; NaN at branch points.
     *
     * @param f the field
     * @return one value per node
     */
    public double[] geometry(CompartmentField f) {
        return geometry[f.ordinal()].clone();
    }

    /** {@return number of axial links} */
    public int numLinks() {
        return linkKind.length;
    }

    /**
     * {@return the kind of one link}
     *
     * @param link a link index
     */
    public LinkKind linkKind(int link) {
        return linkKind[link];
    }

    /**
     * {@return first node of a link: the proximal compartment, or the branch point}
     *
     * @param link a link index
     */
    public int linkA(int link) {
        return linkA[link];
    }

    /**
     * {@return second node of a link: the distal compartment, or the compartment next to the branch point}
     *
     * @param link a link index
     */
    public int linkB(int link) {
        return linkB[link];
    }

    /** {@return nodes in solve order: breadth-first per cell, cells in order; parents before children} */
    public int[] solveOrder() {
        return solveOrder.clone();
    }

    /** {@return parent node of each node in the solve tree (−1 for each cell's root), indexed by node} */
    public int[] solveParent() {
        return solveParent.clone();
    }

    /** {@return the link joining each node to its solve parent (−1 for roots), indexed by node} */
    public int[] solveParentLink() {
        return solveParentLink.clone();
    }

    /**
     * Start of each cell in {@link #solveOrder()}, plus the total as last entry.
     *
     * @return numCells() + 1 offsets
     */
    public int[] cellOrderStart() {
        return cellOrderStart.clone();
    }

    /** {@return channel tables in insertion order} */
    public List<MechanismTable> channels() {
        return channels;
    }

    /** {@return synapse tables in order of first connection} */
    public List<SynapseTable> synapses() {
        return synapses;
    }

    /** {@return number of stimuli} */
    public int numStimuli() {
        return stimulusNodes.length;
    }

    /**
     * {@return the node one stimulus injects into}
     *
     * @param i the stimulus index
     */
    public int stimulusNode(int i) {
        return stimulusNodes[i];
    }

    /**
     * {@return samples of stimulus i, nA}
     *
     * @param i the stimulus index
     */
    public double[] stimulusCurrentNa(int i) {
        return stimulusCurrentsNa[i].clone();
    }

    /** {@return number of voltage clamps} */
    public int numClamps() {
        return clampNodes.length;
    }

    /**
     * {@return the node one clamp holds}
     *
     * @param i the clamp index
     */
    public int clampNode(int i) {
        return clampNodes[i];
    }

    /**
     * {@return samples of clamp i, mV}
     *
     * @param i the clamp index
     */
    public double[] clampVoltageMv(int i) {
        return clampVoltagesMv[i].clone();
    }

    /** {@return output rows in recording order} */
    public List<RecordingTarget> recordings() {
        return recordings;
    }

    /** {@return labels of the output rows} */
    public List<String> recordingLabels() {
        return recordings.stream().map(RecordingTarget::label).toList();
    }

    /** {@return number of synapses (network edges)} */
    public int numSynapses() {
        return edgeTable.length;
    }

    /**
     * {@return the synapse table holding network edge {@code edge}}
     *
     * @param edge network edge index
     */
    public int synapseTableOf(int edge) {
        return edgeTable[edge];
    }

    /**
     * {@return the position of network edge {@code edge} within its synapse table}
     *
     * @param edge network edge index
     */
    public int synapseInstanceOf(int edge) {
        return edgeInstance[edge];
    }

    /**
     * Pre-synaptic nodes whose past voltages delayed synapses read: row r of the delay history holds
     * the last {@link #maxDelay()} voltages of node {@code historyNodes()[r]}.
     *
     * @return the nodes, one per history row
     */
    public int[] historyNodes() {
        return historyNodes.clone();
    }

    /** {@return the largest delay (steps) of a voltage-driven synapse, 0 without delays} */
    public int maxDelay() {
        return maxDelay;
    }

    /**
     * {@return channel table index of a mechanism, or −1}
     *
     * @param m a channel mechanism
     */
    public int channelTableOf(org.huxley.mech.Mechanism m) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).mechanism().equals(m)) {
                return i;
            }
        }
        return -1;
    }

    static Map<Site, Integer> unmodifiable(Map<Site, Integer> m) {
        return Collections.unmodifiableMap(m);
    }
}
