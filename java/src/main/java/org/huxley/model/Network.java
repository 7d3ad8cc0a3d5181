package org.huxley.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;

/**
 * Cells (copied) connected by synapses. Synapse types are processed in order of first connection,
 * edges of one type in connection order (reference-numerics §7). Synapses are stored column by
 * column per type, so a network holds millions of them; {@link #synapses()} and
 * {@link SynapseEdge} are light views of that storage. Wiring, delays and spike-driven synapses:
 * docs/networks.md.
 */
public final class Network extends Module {
    private final List<Cell> cells;
    /** First network compartment index of each cell, and the total as last entry. */
    private final int[] cellStart;
    /** Per cell: first cell-local compartment index of each branch, and the cell's total. */
    private final int[][] branchStart;
    private final List<SynapseColumns> types = new ArrayList<>();
    private int numEdges;
    private int[] edgeType = new int[0];
    private int[] edgeLocal = new int[0];

    /**
     * A network of the given cells (copied), without synapses.
     *
     * @param cells the cells (copied), in order
     */
    public Network(List<Cell> cells) {
        if (cells == null || cells.isEmpty()) {
            throw new ModelException("a network needs at least one cell");
        }
        List<Cell> copies = new ArrayList<>();
        cellStart = new int[cells.size() + 1];
        branchStart = new int[cells.size()][];
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
            int nb = cell.nbranches();
            branchStart[c] = new int[nb + 1];
            for (int b = 0; b < nb; b++) {
                branchStart[c][b + 1] = branchStart[c][b] + cell.numComps(0, b);
            }
            cellStart[c + 1] = cellStart[c] + branchStart[c][nb];
        }
        this.cells = List.copyOf(copies);
    }

    /**
     * {@return {@code ncells} copies of {@link Cell#binaryTree(int, int)}, unconnected}
     *
     * @param ncells number of cells
     * @param nbranches branches per cell
     * @param ncomp compartments per branch
     */
    public static Network of(int ncells, int nbranches, int ncomp) {
        return new Network(Collections.nCopies(ncells, Cell.binaryTree(nbranches, ncomp)));
    }

    // ---- wiring ----

    /**
     * Connects the i-th compartment of {@code pre} to the i-th of {@code post} (both in model order)
     * with one synapse of the given type each.
     *
     * @param pre pre-synaptic compartments
     * @param post post-synaptic compartments, paired with {@code pre} one to one
     * @param synapseType a voltage-driven synapse mechanism
     * @return the new edges' selection
     * @throws ModelException if a view belongs to another model, the counts differ, or the type is
     *     not a voltage-driven synapse
     */
    public EdgeView connect(View pre, View post, Mechanism synapseType) {
        requireVoltageDriven(synapseType, "connect");
        requireOwn(pre, "connect", "pre");
        requireOwn(post, "connect", "post");
        if (pre.size() != post.size()) {
            throw new ModelException("connect: pre selects " + pre.size() + " compartments, post " + post.size()
                    + "; they are paired one to one");
        }
        int n = pre.size();
        int[] p = new int[n];
        int[] q = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = compartmentIndex(pre.sites().get(i));
            q[i] = compartmentIndex(post.sites().get(i));
        }
        return addEdges(synapseType, p, q, n, null);
    }

    /**
     * One synapse from every cell of {@code pre} to every cell of {@code post} (pre cell major, as
     * Jaxley's fully_connect; a cell in both selections gets an autapse). The synapse starts at the
     * first compartment of {@code pre} in the pre cell and ends at the first compartment of
     * {@code post} in the post cell (model order), so {@code fullyConnect(net.cell(0, 1),
     * net.cell(2, 3), type)} wires branch 0 comp 0 to branch 0 comp 0.
     *
     * @param pre the pre-synaptic cells (their first selected compartment)
     * @param post the post-synaptic cells (their first selected compartment)
     * @param synapseType a voltage-driven synapse mechanism
     * @return the new edges' selection
     */
    public EdgeView fullyConnect(View pre, View post, Mechanism synapseType) {
        return fully(pre, post, synapseType, null);
    }

    /**
     * As {@link #fullyConnect(View, View, Mechanism)}, but each synapse ends at a compartment of
     * {@code post} in the post cell drawn uniformly (with replacement) by
     * {@code new java.util.Random(seed)}. This does not reproduce NumPy's draws in Jaxley's
     * {@code random_post_comp=True}; for parity, connect the compartments Jaxley picked explicitly.
     *
     * @param pre the pre-synaptic cells (their first selected compartment)
     * @param post the post-synaptic cells (compartments drawn among the selected ones)
     * @param synapseType a voltage-driven synapse mechanism
     * @param seed seed of the post-compartment draws
     * @return the new edges' selection
     */
    public EdgeView fullyConnect(View pre, View post, Mechanism synapseType, long seed) {
        return fully(pre, post, synapseType, new Random(seed));
    }

    private EdgeView fully(View pre, View post, Mechanism type, Random placement) {
        requireVoltageDriven(type, "fullyConnect");
        CellSites a = cellSites(pre, "fullyConnect", "pre");
        CellSites b = cellSites(post, "fullyConnect", "post");
        long total = (long) a.count() * b.count();
        requireEdgeCount(total, "fullyConnect");
        int n = (int) total;
        int[] p = new int[n];
        int[] q = new int[n];
        int k = 0;
        for (int i = 0; i < a.count(); i++) {
            for (int j = 0; j < b.count(); j++) {
                p[k] = a.first(i);
                q[k] = b.pick(j, placement);
                k++;
            }
        }
        return addEdges(type, p, q, n, null);
    }

    /**
     * Each (pre cell, post cell) pair of the two selections is connected with probability {@code p},
     * independently, in pre-cell-major order; the draws come from {@code new java.util.Random(seed)},
     * so the same arguments give the same network. Sites as in
     * {@link #fullyConnect(View, View, Mechanism)}: the first compartment of each selection in its
     * cell.
     *
     * @param pre the pre-synaptic cells
     * @param post the post-synaptic cells
     * @param synapseType a voltage-driven synapse mechanism
     * @param p connection probability of each (pre, post) cell pair, in [0, 1]
     * @param seed seed of the connection draws
     * @return the new edges' selection
     * @throws ModelException if p is not in [0, 1]
     */
    public EdgeView sparseConnect(View pre, View post, Mechanism synapseType, double p, long seed) {
        return sparseConnect(pre, post, synapseType, p, seed, false);
    }

    /**
     * As {@link #sparseConnect(View, View, Mechanism, double, long)}; with {@code randomPostComp} each
     * synapse ends at a compartment of {@code post} in its post cell drawn uniformly by a second
     * generator, {@code new java.util.Random(~seed)} (the connection pattern does not depend on it).
     *
     * @param pre the pre-synaptic cells
     * @param post the post-synaptic cells
     * @param synapseType a voltage-driven synapse mechanism
     * @param p connection probability of each (pre, post) cell pair, in [0, 1]
     * @param seed seed of the connection draws
     * @param randomPostComp whether each synapse ends at a random compartment of {@code post} in its cell
     * @return the new edges' selection
     */
    public EdgeView sparseConnect(View pre, View post, Mechanism synapseType, double p, long seed,
            boolean randomPostComp) {
        requireVoltageDriven(synapseType, "sparseConnect");
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new ModelException("sparseConnect: connection probability p = " + p + " must lie in [0, 1]");
        }
        CellSites a = cellSites(pre, "sparseConnect", "pre");
        CellSites b = cellSites(post, "sparseConnect", "post");
        Random accept = new Random(seed);
        Random placement = randomPostComp ? new Random(~seed) : null;
        IntBuffer ps = new IntBuffer();
        IntBuffer qs = new IntBuffer();
        for (int i = 0; i < a.count(); i++) {
            for (int j = 0; j < b.count(); j++) {
                if (accept.nextDouble() < p) {
                    ps.add(a.first(i));
                    qs.add(b.pick(j, placement));
                }
            }
        }
        return addEdges(synapseType, ps.data, qs.data, ps.size, null);
    }

    /**
     * One synapse for every true entry of {@code matrix[i][j]}: from the i-th cell of {@code pre}
     * to the j-th cell of {@code post} (cells in model order), row by row. Sites as in
     * {@link #fullyConnect(View, View, Mechanism)}.
     *
     * @param pre the pre-synaptic cells
     * @param post the post-synaptic cells
     * @param synapseType a voltage-driven synapse mechanism
     * @param matrix {@code matrix[i][j]}: connect the i-th pre cell to the j-th post cell
     * @return the new edges' selection
     * @throws ModelException if the matrix is not (pre cells) × (post cells)
     */
    public EdgeView connectivityMatrixConnect(View pre, View post, Mechanism synapseType, boolean[][] matrix) {
        return matrixConnect(pre, post, synapseType, matrix, null);
    }

    /**
     * As {@link #connectivityMatrixConnect(View, View, Mechanism, boolean[][])}, post compartments drawn as in {@link #fullyConnect(View, View, Mechanism, long)}.
     *
     * @param pre the pre-synaptic cells
     * @param post the post-synaptic cells
     * @param synapseType a voltage-driven synapse mechanism
     * @param matrix {@code matrix[i][j]}: connect the i-th pre cell to the j-th post cell
     * @param seed seed of the post-compartment draws
     * @return the new edges' selection
     */
    public EdgeView connectivityMatrixConnect(View pre, View post, Mechanism synapseType, boolean[][] matrix,
            long seed) {
        return matrixConnect(pre, post, synapseType, matrix, new Random(seed));
    }

    private EdgeView matrixConnect(View pre, View post, Mechanism type, boolean[][] matrix, Random placement) {
        requireVoltageDriven(type, "connectivityMatrixConnect");
        CellSites a = cellSites(pre, "connectivityMatrixConnect", "pre");
        CellSites b = cellSites(post, "connectivityMatrixConnect", "post");
        if (matrix == null || matrix.length != a.count()) {
            throw new ModelException("connectivityMatrixConnect: the matrix has " + (matrix == null ? "no" : matrix.length)
                    + " rows but pre selects " + a.count() + " cells; it must be (pre cells) x (post cells) = "
                    + a.count() + " x " + b.count());
        }
        IntBuffer ps = new IntBuffer();
        IntBuffer qs = new IntBuffer();
        for (int i = 0; i < a.count(); i++) {
            if (matrix[i] == null || matrix[i].length != b.count()) {
                throw new ModelException("connectivityMatrixConnect: row " + i + " of the matrix has "
                        + (matrix[i] == null ? "no" : matrix[i].length) + " entries but post selects " + b.count()
                        + " cells; it must be " + a.count() + " x " + b.count());
            }
        }
        for (int i = 0; i < a.count(); i++) {
            for (int j = 0; j < b.count(); j++) {
                if (matrix[i][j]) {
                    ps.add(a.first(i));
                    qs.add(b.pick(j, placement));
                }
            }
        }
        return addEdges(type, ps.data, qs.data, ps.size, null);
    }

    /**
     * Synapses driven by given presynaptic spike times instead of a presynaptic compartment: the
     * i-th spike train (times in ms, ≥ 0, any order) drives one synapse onto the i-th compartment of
     * {@code post}. The type must be spike-driven (e.g. {@code SpikeTrainSynapse}); see
     * docs/networks.md for the event semantics.
     *
     * @param spikeTimesMs one spike train (ms) per post-synaptic compartment
     * @param post the post-synaptic compartments
     * @param synapseType a spike-driven synapse mechanism
     * @return the new edges' selection
     * @throws ModelException if the counts differ, a time is negative or not finite, or the type
     *     is not spike-driven
     */
    public EdgeView connectSpikeTrains(List<double[]> spikeTimesMs, View post, Mechanism synapseType) {
        requireSpikeDriven(synapseType);
        requireOwn(post, "connectSpikeTrains", "post");
        if (spikeTimesMs == null || spikeTimesMs.size() != post.size()) {
            throw new ModelException("connectSpikeTrains: " + (spikeTimesMs == null ? "no" : spikeTimesMs.size())
                    + " spike trains for " + post.size() + " post-synaptic compartments; give one train per compartment");
        }
        int n = post.size();
        int[] p = new int[n];
        int[] q = new int[n];
        double[][] trains = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = -1;
            q[i] = compartmentIndex(post.sites().get(i));
            trains[i] = checkedTrain(spikeTimesMs.get(i), i);
        }
        return addEdges(synapseType, p, q, n, trains);
    }

    /**
     * {@return one synapse onto every compartment of {@code post}, all driven by the same spike train (ms)}
     *
     * @param spikeTimesMs the spike train, ms
     * @param post the post-synaptic compartments
     * @param synapseType a spike-driven synapse mechanism
     */
    public EdgeView connectSpikeTrain(double[] spikeTimesMs, View post, Mechanism synapseType) {
        requireSpikeDriven(synapseType);
        requireOwn(post, "connectSpikeTrain", "post");
        double[] train = checkedTrain(spikeTimesMs, 0);
        return connectSpikeTrains(Collections.nCopies(post.size(), train), post, synapseType);
    }

    private static double[] checkedTrain(double[] times, int index) {
        if (times == null) {
            throw new ModelException("spike train " + index + " is missing (use an empty array for no spikes)");
        }
        for (int k = 0; k < times.length; k++) {
            if (!(times[k] >= 0.0) || Double.isInfinite(times[k])) {
                throw new ModelException("spike train " + index + ": spike " + k + " at t = " + times[k]
                        + " ms; spike times must be finite and >= 0");
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private EdgeView addEdges(Mechanism type, int[] pre, int[] post, int n, double[][] spikes) {
        requireEdgeCount((long) numEdges + n, "connecting");
        SynapseColumns col = columns(type);
        col.reserve(n);
        if ((long) numEdges + n > edgeType.length) {
            int cap = (int) Math.max((long) numEdges + n, Math.min(Integer.MAX_VALUE - 8L,
                    Math.max(16L, edgeType.length + (long) edgeType.length / 2)));
            edgeType = Arrays.copyOf(edgeType, cap);
            edgeLocal = Arrays.copyOf(edgeLocal, cap);
        }
        int typeIndex = types.indexOf(col);
        int[] added = new int[n];
        for (int i = 0; i < n; i++) {
            int id = numEdges++;
            edgeType[id] = typeIndex;
            edgeLocal[id] = col.add(pre[i], post[i], id, spikes == null ? null : spikes[i]);
            added[i] = id;
        }
        return new EdgeView(this, added, EdgeView.Sharing.SHARED);
    }

    private SynapseColumns columns(Mechanism type) {
        for (SynapseColumns c : types) {
            if (c.type.equals(type)) {
                return c;
            }
        }
        for (SynapseColumns c : types) {
            if (c.type.name().equals(type.name())) {
                throw new ModelException("two different synapse types are both named " + type.name());
            }
        }
        SynapseColumns c = new SynapseColumns(type);
        types.add(c);
        return c;
    }

    private static void requireEdgeCount(long n, String what) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelException(what + ": " + n + " synapses exceed the limit of " + (Integer.MAX_VALUE - 8));
        }
    }

    private static void requireSynapse(Mechanism type) {
        if (type == null) {
            throw new ModelException("no synapse type given");
        }
        if (type.kind() != MechanismKind.SYNAPSE) {
            throw new ModelException(type.name() + " is a channel, not a synapse: insert() it instead");
        }
    }

    private static void requireVoltageDriven(Mechanism type, String what) {
        requireSynapse(type);
        if (type.spikeDriven()) {
            throw new ModelException(what + ": " + type.name() + " is driven by spike trains, not by a presynaptic "
                    + "compartment: use connectSpikeTrains");
        }
    }

    private static void requireSpikeDriven(Mechanism type) {
        requireSynapse(type);
        if (!type.spikeDriven()) {
            throw new ModelException("connectSpikeTrains: " + type.name() + " is driven by a presynaptic voltage "
                    + "(it does not use spikes): use connect");
        }
    }

    private void requireOwn(View v, String what, String role) {
        if (v == null) {
            throw new ModelException(what + ": no " + role + " selection given");
        }
        if (v.module() != this) {
            throw new ModelException(what + ": " + role + " selection " + v.description()
                    + " is not a selection of this network (select it with net.cell(..), net.branch(..), ...)");
        }
    }

    /** The cells of a selection, in model order, with the network compartment indices of their sites. */
    private CellSites cellSites(View v, String what, String role) {
        requireOwn(v, what, role);
        List<Site> sites = v.sites();
        int[] comps = new int[sites.size()];
        IntBuffer starts = new IntBuffer();
        int lastCell = -1;
        for (int i = 0; i < comps.length; i++) {
            Site s = sites.get(i);
            comps[i] = compartmentIndex(s);
            if (s.cell() != lastCell) {
                starts.add(i);
                lastCell = s.cell();
            }
        }
        starts.add(comps.length);
        return new CellSites(comps, Arrays.copyOf(starts.data, starts.size));
    }

    /** Sites of a selection grouped by cell (sites are sorted, so each cell's are contiguous). */
    private record CellSites(int[] comps, int[] start) {
        int count() {
            return start.length - 1;
        }

        int first(int cell) {
            return comps[start[cell]];
        }

        int pick(int cell, Random placement) {
            if (placement == null) {
                return first(cell);
            }
            return comps[start[cell] + placement.nextInt(start[cell + 1] - start[cell])];
        }
    }

    /** A growable int array. */
    private static final class IntBuffer {
        int[] data = new int[16];
        int size;

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length + (data.length >> 1));
            }
            data[size++] = x;
        }
    }

    // ---- selections of edges ----

    /**
     * {@return all edges of one synapse type, in connection order (one shared parameter when declared in a layout)}
     *
     * @param synapseType the synapse mechanism
     */
    public EdgeView edges(Mechanism synapseType) {
        for (SynapseColumns c : types) {
            if (c.type.equals(synapseType)) {
                return new EdgeView(this, Arrays.copyOf(c.ids, c.size), EdgeView.Sharing.SHARED);
            }
        }
        throw new ModelException("network has no synapse of type " + (synapseType == null ? null : synapseType.name())
                + "; its synapse types are " + synapseTypes().stream().map(Mechanism::name).toList());
    }

    /** {@return every edge, in connection order} */
    public EdgeView edges() {
        int[] all = new int[numEdges];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new EdgeView(this, all, EdgeView.Sharing.SHARED);
    }

    /** {@return number of synapses} */
    public int numSynapses() {
        return numEdges;
    }

    /** All synapses in connection order (light views of the network's storage). */
    @Override
    public List<SynapseEdge> synapses() {
        return new AbstractList<>() {
            @Override
            public SynapseEdge get(int index) {
                checkEdge(index);
                return new SynapseEdge(Network.this, index);
            }

            @Override
            public int size() {
                return numEdges;
            }
        };
    }

    /** {@return synapse types in order of first connection} */
    public List<Mechanism> synapseTypes() {
        return types.stream().map(c -> c.type).toList();
    }

    // ---- per-edge access (SynapseEdge, EdgeView, layouts) ----

    void checkEdge(int edge) {
        if (edge < 0 || edge >= numEdges) {
            throw new ModelException("synapse index " + edge + " out of range 0.." + (numEdges - 1));
        }
    }

    /**
     * {@return the type of synapse {@code edge}}
     *
     * @param edge network edge index (connection order)
     */
    public Mechanism synapseType(int edge) {
        checkEdge(edge);
        return types.get(edgeType[edge]).type;
    }

    /**
     * {@return whether synapse {@code edge}'s type has a parameter or state {@code f}}
     *
     * @param edge network edge index (connection order)
     * @param f a parameter or state
     */
    public boolean synapseHasField(int edge, Field f) {
        checkEdge(edge);
        return types.get(edgeType[edge]).field(f) >= 0;
    }

    double synapseValue(int edge, Field f) {
        checkEdge(edge);
        SynapseColumns c = types.get(edgeType[edge]);
        int col = c.field(f);
        if (col < 0) {
            throw new ModelException("synapse type " + c.type.name() + " (synapse " + edge + ") has no field " + f.key());
        }
        return c.values[col][edgeLocal[edge]];
    }

    void setSynapseValue(int edge, Field f, double value) {
        synapseValue(edge, f);
        SynapseColumns c = types.get(edgeType[edge]);
        c.values[c.field(f)][edgeLocal[edge]] = value;
    }

    int synapseDelay(int edge) {
        checkEdge(edge);
        return types.get(edgeType[edge]).delay(edgeLocal[edge]);
    }

    void setSynapseDelay(int edge, int steps) {
        checkEdge(edge);
        types.get(edgeType[edge]).setDelay(edgeLocal[edge], steps);
    }

    Site synapsePre(int edge) {
        checkEdge(edge);
        int p = types.get(edgeType[edge]).pre[edgeLocal[edge]];
        return p < 0 ? null : siteOfCompartment(p);
    }

    Site synapsePost(int edge) {
        checkEdge(edge);
        return siteOfCompartment(types.get(edgeType[edge]).post[edgeLocal[edge]]);
    }

    double[] synapseSpikeTimes(int edge) {
        checkEdge(edge);
        double[][] s = types.get(edgeType[edge]).spikes;
        return s == null ? null : s[edgeLocal[edge]].clone();
    }

    // ---- compartment numbering ----

    /** {@return number of compartments of all cells} */
    public int numCompartments() {
        return cellStart[cellStart.length - 1];
    }

    /**
     * {@return index of a compartment in model order (cell by cell, branch by branch, proximal first)}
     *
     * @param s a compartment's site
     */
    public int compartmentIndex(Site s) {
        checkIndex("cell", s.cell(), cells.size());
        int[] bs = branchStart[s.cell()];
        checkIndex("branch", s.branch(), bs.length - 1);
        checkIndex("comp", s.comp(), bs[s.branch() + 1] - bs[s.branch()]);
        return cellStart[s.cell()] + bs[s.branch()] + s.comp();
    }

    /**
     * {@return the site of a compartment index ({@link #compartmentIndex(Site)}'s inverse)}
     *
     * @param index compartment index in model order
     */
    public Site siteOfCompartment(int index) {
        checkIndex("compartment", index, numCompartments());
        int c = upperBound(cellStart, index) - 1;
        int local = index - cellStart[c];
        int b = upperBound(branchStart[c], local) - 1;
        return new Site(c, b, local - branchStart[c][b]);
    }

    /** Number of entries of the ascending array {@code a} that are ≤ x. */
    private static int upperBound(int[] a, int x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- bulk access for compilers ----

    /**
     * One synapse type's edges in connection order, as copies of the network's columns: network
     * edge index, pre- and post-synaptic compartment index ({@link #compartmentIndex}; −1 as the pre
     * of a spike-driven synapse), {@code params[p][i]} and {@code states[s][i]} in the mechanism's
     * order, delays in steps (null if all 0), and spike times (ms, sorted; null unless the type is
     * spike-driven; rows may be shared).
     *
     * @param type the synapse mechanism
     * @param edgeIds network edge index of each edge
     * @param preCompartments pre-synaptic compartment index of each edge (−1 if spike-driven)
     * @param postCompartments post-synaptic compartment index of each edge
     * @param params {@code params[p][i]}: parameter p of edge i, in the mechanism's order
     * @param states {@code states[s][i]}: initial state s of edge i
     * @param delaySteps delay of each edge in steps, or null if all are 0
     * @param spikeTimesMs spike times of each edge (ms, sorted), or null unless spike-driven
     */
    public record SynapseBlock(Mechanism type, int[] edgeIds, int[] preCompartments, int[] postCompartments,
            double[][] params, double[][] states, int[] delaySteps, double[][] spikeTimesMs) {
        /** {@return number of edges in the block} */
        public int size() {
            return edgeIds.length;
        }
    }

    /** {@return the synapse types' edges, in order of first connection (copies)} */
    public List<SynapseBlock> synapseBlocks() {
        List<SynapseBlock> out = new ArrayList<>(types.size());
        for (SynapseColumns c : types) {
            int n = c.size;
            int np = c.type.params().size();
            double[][] params = new double[np][];
            double[][] states = new double[c.fields.size() - np][];
            for (int f = 0; f < c.fields.size(); f++) {
                double[] col = Arrays.copyOf(c.values[f], n);
                if (f < np) {
                    params[f] = col;
                } else {
                    states[f - np] = col;
                }
            }
            int[] delays = null;
            if (c.delays != null) {
                for (int i = 0; i < n && delays == null; i++) {
                    if (c.delays[i] != 0) {
                        delays = Arrays.copyOf(c.delays, n);
                    }
                }
            }
            out.add(new SynapseBlock(c.type, Arrays.copyOf(c.ids, n), Arrays.copyOf(c.pre, n),
                    Arrays.copyOf(c.post, n), params, states, delays,
                    c.spikes == null ? null : Arrays.copyOf(c.spikes, n)));
        }
        return out;
    }

    // ---- Module ----

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
