package org.huxley.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.huxley.ModelException;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.model.Clamp;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.model.Recording;
import org.huxley.model.Site;
import org.huxley.model.Stimulus;

/** Validates a {@link Module} and compiles it into a {@link Plan}. */
public final class ModelCompiler {
    private ModelCompiler() {
    }

    /**
     * Validates a model and compiles it into a plan.
     *
     * @param model the model
     * @return the plan
     * @throws ModelException naming the element and value of the first problem found: invalid
     *     geometry or values, nothing recorded
     */
    public static Plan compile(Module model) {
        int numCells = model.numCells();
        List<Boolean> bp = new ArrayList<>();
        List<Integer> cellOfNode = new ArrayList<>();
        List<Site> siteOf = new ArrayList<>();
        Map<Site, Integer> nodeOf = new HashMap<>();
        List<LinkKind> kinds = new ArrayList<>();
        List<Integer> la = new ArrayList<>();
        List<Integer> lb = new ArrayList<>();
        List<int[]> cellRanges = new ArrayList<>();

        for (int c = 0; c < numCells; c++) {
            int first = bp.size();
            int nb = model.numBranches(c);
            int[] branchStart = new int[nb];
            for (int b = 0; b < nb; b++) {
                branchStart[b] = bp.size();
                int ncomp = model.numComps(c, b);
                for (int k = 0; k < ncomp; k++) {
                    Site s = new Site(c, b, k);
                    nodeOf.put(s, bp.size());
                    siteOf.add(s);
                    bp.add(false);
                    cellOfNode.add(c);
                    if (k > 0) {
                        kinds.add(LinkKind.COMP_TO_COMP);
                        la.add(bp.size() - 2);
                        lb.add(bp.size() - 1);
                    }
                }
            }
            int[] parents = model.parents(c);
            TreeSet<Integer> parentBranches = new TreeSet<>();
            for (int p : parents) {
                if (p >= 0) {
                    parentBranches.add(p);
                }
            }
            for (int p : parentBranches) {
                int bpNode = bp.size();
                bp.add(true);
                cellOfNode.add(c);
                siteOf.add(null);
                kinds.add(LinkKind.BRANCHPOINT_TO_PARENT_END);
                la.add(bpNode);
                lb.add(branchStart[p] + model.numComps(c, p) - 1);
                for (int child = 0; child < nb; child++) {
                    if (parents[child] == p) {
                        kinds.add(LinkKind.BRANCHPOINT_TO_CHILD_START);
                        la.add(bpNode);
                        lb.add(branchStart[child]);
                    }
                }
            }
            cellRanges.add(new int[] {first, bp.size()});
        }

        int n = bp.size();
        boolean[] isBp = new boolean[n];
        int[] nodeCell = new int[n];
        for (int i = 0; i < n; i++) {
            isBp[i] = bp.get(i);
            nodeCell[i] = cellOfNode.get(i);
        }
        double[][] geometry = geometry(model, siteOf, n);
        LinkKind[] linkKind = kinds.toArray(new LinkKind[0]);
        int[] linkA = la.stream().mapToInt(Integer::intValue).toArray();
        int[] linkB = lb.stream().mapToInt(Integer::intValue).toArray();

        // Breadth-first solve order per cell from its first node, neighbours in increasing order.
        List<List<int[]>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int l = 0; l < linkA.length; l++) {
            adj.get(linkA[l]).add(new int[] {linkB[l], l});
            adj.get(linkB[l]).add(new int[] {linkA[l], l});
        }
        adj.forEach(list -> list.sort((x, y) -> Integer.compare(x[0], y[0])));
        int[] order = new int[n];
        int[] parent = new int[n];
        int[] parentLink = new int[n];
        Arrays.fill(parent, -2);
        int[] cellStart = new int[numCells + 1];
        int pos = 0;
        for (int c = 0; c < numCells; c++) {
            cellStart[c] = pos;
            int root = cellRanges.get(c)[0];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(root);
            parent[root] = -1;
            parentLink[root] = -1;
            while (!queue.isEmpty()) {
                int u = queue.poll();
                order[pos++] = u;
                for (int[] e : adj.get(u)) {
                    if (parent[e[0]] == -2) {
                        parent[e[0]] = u;
                        parentLink[e[0]] = e[1];
                        queue.add(e[0]);
                    }
                }
            }
        }
        cellStart[numCells] = pos;
        if (pos != n) {
            throw new IllegalStateException("internal: solve order covers " + pos + " of " + n + " nodes");
        }

        List<MechanismTable> channels = channelTables(model, siteOf, n);
        List<Integer> historyNodes = new ArrayList<>();
        List<SynapseTable> synapses = synapseTables(model, siteOf, historyNodes);
        int maxDelay = 0;
        int numEdges = 0;
        for (SynapseTable t : synapses) {
            numEdges += t.size();
            if (t.historyRows() != null) {
                for (int j = 0; j < t.size(); j++) {
                    maxDelay = Math.max(maxDelay, t.delay(j));
                }
            }
        }
        int[] edgeTable = new int[numEdges];
        int[] edgeInstance = new int[numEdges];
        for (int t = 0; t < synapses.size(); t++) {
            int[] ids = synapses.get(t).edgeIds();
            for (int j = 0; j < ids.length; j++) {
                edgeTable[ids[j]] = t;
                edgeInstance[ids[j]] = j;
            }
        }
        int nStim = model.stimuli().size();
        int[] stimNodes = new int[nStim];
        double[][] stimI = new double[nStim][];
        for (int i = 0; i < nStim; i++) {
            Stimulus s = model.stimuli().get(i);
            stimNodes[i] = nodeOf.get(s.site());
            stimI[i] = s.currentNa().clone();
        }
        int nClamp = model.clamps().size();
        int[] clampNodes = new int[nClamp];
        double[][] clampV = new double[nClamp][];
        for (int i = 0; i < nClamp; i++) {
            Clamp cl = model.clamps().get(i);
            clampNodes[i] = nodeOf.get(cl.site());
            clampV[i] = cl.voltageMv().clone();
        }
        List<RecordingTarget> recordings = recordingTargets(model, nodeOf, channels, synapses, edgeTable,
                edgeInstance);
        return new Plan(model, numCells, isBp, nodeCell, siteOf.toArray(new Site[0]), nodeOf, geometry, linkKind,
                linkA, linkB, order, parent, parentLink, cellStart, channels, synapses, stimNodes, stimI,
                clampNodes, clampV, recordings, edgeTable, edgeInstance,
                historyNodes.stream().mapToInt(Integer::intValue).toArray(), maxDelay);
    }

    private static double[][] geometry(Module model, List<Site> siteOf, int n) {
        CompartmentField[] fields = CompartmentField.values();
        double[][] g = new double[fields.length][n];
        for (double[] row : g) {
            Arrays.fill(row, Double.NaN);
        }
        for (int i = 0; i < n; i++) {
            Site s = siteOf.get(i);
            if (s == null) {
                continue;
            }
            Compartment comp = model.compartment(s);
            for (CompartmentField f : fields) {
                double v = comp.get(f);
                boolean ok = f == CompartmentField.V ? Double.isFinite(v)
                        : f == CompartmentField.VOLUME ? v >= 0 && Double.isFinite(v) : v > 0 && Double.isFinite(v);
                if (!ok) {
                    throw new ModelException("invalid " + f.key() + " = " + v + " " + f.info().unit() + " at " + s
                            + (f == CompartmentField.V ? " (must be finite)" : " (must be positive and finite)"));
                }
                g[f.ordinal()][i] = v;
            }
        }
        return g;
    }

    private static List<MechanismTable> channelTables(Module model, List<Site> siteOf, int n) {
        List<MechanismTable> out = new ArrayList<>();
        for (Mechanism m : model.mechanisms()) {
            List<Integer> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Site s = siteOf.get(i);
                if (s != null && model.compartment(s).has(m)) {
                    nodes.add(i);
                }
            }
            if (nodes.isEmpty()) {
                continue;
            }
            double[][] params = new double[m.params().size()][nodes.size()];
            double[][] states = new double[m.states().size()][nodes.size()];
            for (int j = 0; j < nodes.size(); j++) {
                Site s = siteOf.get(nodes.get(j));
                Compartment c = model.compartment(s);
                for (int p = 0; p < params.length; p++) {
                    Param par = m.params().get(p);
                    params[p][j] = finite(c.value(par), par.key(), s.toString());
                }
                for (int k = 0; k < states.length; k++) {
                    StateVar st = m.states().get(k);
                    states[k][j] = finite(c.value(st), st.key(), s.toString());
                }
            }
            out.add(new MechanismTable(m, nodes.stream().mapToInt(Integer::intValue).toArray(), params, states));
        }
        return out;
    }

    /**
     * Synapse tables from the network's column blocks: compartment indices become nodes, values are
     * checked, and every distinct pre node of a delayed voltage-driven edge gets a row of the delay
     * history (in order of first use).
     */
    private static List<SynapseTable> synapseTables(Module model, List<Site> siteOf, List<Integer> historyNodes) {
        if (!(model instanceof Network net)) {
            return List.of();
        }
        int[] nodeOfComp = new int[net.numCompartments()];
        int k = 0;
        for (int node = 0; node < siteOf.size(); node++) {
            if (siteOf.get(node) != null) {
                nodeOfComp[k++] = node;
            }
        }
        List<SynapseTable> out = new ArrayList<>();
        Map<Integer, Integer> historyRow = new HashMap<>();
        for (Network.SynapseBlock blk : net.synapseBlocks()) {
            Mechanism t = blk.type();
            int m = blk.size();
            int[] pre = blk.preCompartments();
            int[] post = blk.postCompartments();
            for (int j = 0; j < m; j++) {
                pre[j] = pre[j] < 0 ? -1 : nodeOfComp[pre[j]];
                post[j] = nodeOfComp[post[j]];
            }
            checkFinite(blk.params(), t.params(), blk.edgeIds());
            checkFinite(blk.states(), t.states(), blk.edgeIds());
            int[] rows = null;
            if (blk.delaySteps() != null && !t.spikeDriven()) {
                rows = new int[m];
                for (int j = 0; j < m; j++) {
                    if (blk.delaySteps()[j] > 0) {
                        final int node = pre[j];
                        rows[j] = historyRow.computeIfAbsent(node, x -> {
                            historyNodes.add(node);
                            return historyNodes.size() - 1;
                        });
                    } else {
                        rows[j] = -1;
                    }
                }
            }
            out.add(new SynapseTable(t, pre, post, blk.edgeIds(), blk.params(), blk.states(), blk.delaySteps(), rows,
                    blk.spikeTimesMs()));
        }
        return out;
    }

    private static void checkFinite(double[][] columns, List<? extends org.huxley.model.Field> fields, int[] ids) {
        for (int f = 0; f < columns.length; f++) {
            double[] col = columns[f];
            for (int j = 0; j < col.length; j++) {
                if (!Double.isFinite(col[j])) {
                    finite(col[j], fields.get(f).key(), "synapse " + ids[j]);
                }
            }
        }
    }

    private static double finite(double v, String key, String where) {
        if (!Double.isFinite(v)) {
            throw new ModelException("invalid " + key + " = " + v + " at " + where + " (must be finite)");
        }
        return v;
    }

    private static List<RecordingTarget> recordingTargets(Module model, Map<Site, Integer> nodeOf,
            List<MechanismTable> channels, List<SynapseTable> synapses, int[] edgeTable, int[] edgeInstance) {
        if (model.recordings().isEmpty()) {
            throw new ModelException("nothing is recorded: call record() on a selection (v, a state or a current) "
                    + "before compiling");
        }
        List<RecordingTarget> out = new ArrayList<>();
        for (Recording r : model.recordings()) {
            switch (r) {
                case Recording.OfField f -> {
                    int node = nodeOf.get(f.site());
                    if (f.field() instanceof StateVar st) {
                        int t = tableWith(channels, st.owner());
                        MechanismTable tab = channels.get(t);
                        out.add(new RecordingTarget(RecordingTarget.Kind.STATE, node, t,
                                tab.mechanism().states().indexOf(st), tab.instanceAt(node), null, null, r.label()));
                    } else {
                        out.add(new RecordingTarget(RecordingTarget.Kind.VOLTAGE, node, -1, -1, -1, null, null,
                                r.label()));
                    }
                }
                case Recording.OfCurrent cur -> {
                    int node = nodeOf.get(cur.site());
                    List<Integer> tabs = new ArrayList<>();
                    List<Integer> inst = new ArrayList<>();
                    for (int t = 0; t < channels.size(); t++) {
                        MechanismTable tab = channels.get(t);
                        int i = tab.instanceAt(node);
                        if (i >= 0 && tab.mechanism().current().name().equals(cur.current().name())) {
                            tabs.add(t);
                            inst.add(i);
                        }
                    }
                    out.add(new RecordingTarget(RecordingTarget.Kind.CURRENT, node, -1, -1, -1,
                            tabs.stream().mapToInt(Integer::intValue).toArray(),
                            inst.stream().mapToInt(Integer::intValue).toArray(), r.label()));
                }
                case Recording.OfSynapse s -> {
                    int t = edgeTable[s.edge()];
                    int inst = edgeInstance[s.edge()];
                    Mechanism type = synapses.get(t).mechanism();
                    if (s.field() != null) {
                        out.add(new RecordingTarget(RecordingTarget.Kind.SYNAPSE_STATE, -1, t,
                                type.states().indexOf((StateVar) s.field()), inst, null, null, r.label()));
                    } else {
                        out.add(new RecordingTarget(RecordingTarget.Kind.SYNAPSE_CURRENT, -1, t, -1, inst, null, null,
                                r.label()));
                    }
                }
            }
        }
        return out;
    }

    private static int tableWith(List<MechanismTable> channels, String mechanismName) {
        for (int t = 0; t < channels.size(); t++) {
            if (channels.get(t).mechanism().name().equals(mechanismName)) {
                return t;
            }
        }
        throw new IllegalStateException("internal: no table for " + mechanismName);
    }
}
