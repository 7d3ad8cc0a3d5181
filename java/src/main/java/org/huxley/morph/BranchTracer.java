package org.huxley.morph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.huxley.stim.PyFloat;

/**
 * Cuts the SWC graph into unbranched branches the way Jaxley's graph reader does
 * (reference-numerics §9 steps 3–4):
 *
 * <ol>
 *   <li>The root is the lowest-index node with fewer than two neighbours. A depth-first traversal
 *       visits neighbours in increasing index order.
 *   <li>A branch ends at a tip, at a node with more than two neighbours, or where the type id
 *       changes (type ids outside the relevant set count as equal). At a type change the boundary
 *       edge starts the next branch when the traversal runs along the SWC parent → child direction,
 *       and ends the current branch when it runs against it. A tip whose type differs from its
 *       predecessor becomes a one-edge branch of its own. Empty branches are dropped.
 *   <li>With a maximum branch length, each branch's edges are grouped by
 *       floor(cumulative length at the end of the edge / maximum) (Python float floor division),
 *       and each group becomes a branch: pieces are roughly, not exactly, equal.
 *   <li>Unless tracing interruptions are ignored, a point whose parent is not the previous row and
 *       neither is a branch point splits the branch that runs through the parent there.
 * </ol>
 *
 * <p>The branches come out in traversal order; a branch's parent is the branch that ends where it
 * starts. Jaxley renumbers compartments afterwards by a second depth-first traversal of the
 * compartment graph from its lowest-index tip; that traversal starts at the first compartment of
 * branch 0 and meets child branches in the order they were created here, so it reproduces this
 * order, which is therefore used as is.
 */
final class BranchTracer {
    private final SwcGraph g;
    private final Set<Integer> relevantTypeIds;
    private int reached;

    private BranchTracer(SwcGraph g, Set<Integer> relevantTypeIds) {
        this.g = g;
        this.relevantTypeIds = relevantTypeIds;
    }

    /**
     * The traced branches, the parent of each (−1 for branch 0) and how many graph nodes the
     * traversal reached (fewer than all when the file holds several trees).
     */
    record Result(List<TracedBranch> branches, int[] parents, int nodesReached) {
    }

    static Result trace(SwcGraph g, SwcOptions options) {
        BranchTracer t = new BranchTracer(g, options.relevantTypeIds());
        List<TracedBranch> branches = t.depthFirst();
        int reached = t.reached;
        if (branches.isEmpty()) {
            throw new SwcFormatException(g.source, g.line[t.root()], "the tree traced from " + g.describe(t.root())
                    + " has no edge: a cell needs at least two connected points");
        }
        if (Double.isFinite(options.maxBranchLengthUm())) {
            branches = splitLongBranches(branches, options.maxBranchLengthUm());
        }
        if (!options.ignoreTracingInterruptions()) {
            branches = t.splitAtInterruptions(branches);
        }
        return new Result(branches, parents(g, branches), reached);
    }

    private int root() {
        int best = -1;
        for (int u = 0; u < g.size; u++) {
            if (g.degree(u) < 2 && (best < 0 || g.key[u] < g.key[best])) {
                best = u;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("a tree always has a tip");
        }
        return best;
    }

    private boolean sameType(int a, int b) {
        boolean ra = relevantTypeIds.contains(g.typeId[a]);
        boolean rb = relevantTypeIds.contains(g.typeId[b]);
        return (!ra && !rb) || g.typeId[a] == g.typeId[b];
    }

    private List<TracedBranch> depthFirst() {
        List<TracedBranch> out = new ArrayList<>();
        int root = root();
        boolean[] visited = new boolean[g.size];
        int[] stackNode = new int[g.size];
        int[] stackPos = new int[g.size];
        int sp = 0;
        visited[root] = true;
        reached = 1;
        stackNode[sp] = root;
        stackPos[sp++] = 0;
        Path cur = new Path();
        while (sp > 0) {
            int i = stackNode[sp - 1];
            int[] nb = g.neighbours[i];
            int k = stackPos[sp - 1];
            while (k < nb.length && visited[nb[k]]) {
                k++;
            }
            if (k == nb.length) {
                sp--;
                continue;
            }
            stackPos[sp - 1] = k + 1;
            int j = nb[k];
            visited[j] = true;
            reached++;
            stackNode[sp] = j;
            stackPos[sp++] = 0;

            cur.add(i, j, g.edgeLengthUm[g.neighbourEdge[i][k]]);
            int typeI = g.typeId[i];
            if (g.degree(j) < 2) {
                if (!sameType(i, j)) {
                    cur.emitAllButLast(out, typeI);
                    cur.emit(out, g.typeId[j]);
                } else {
                    cur.emit(out, typeI);
                }
            } else if (g.degree(j) > 2) {
                cur.emit(out, typeI);
            } else if (!sameType(i, j)) {
                if (!g.isSwcEdge(i, j) && g.isSwcEdge(j, i)) {
                    cur.emit(out, typeI);
                } else {
                    cur.emitAllButLast(out, typeI);
                }
            }
        }
        return out;
    }

    private static List<TracedBranch> splitLongBranches(List<TracedBranch> branches, double maxLenUm) {
        List<TracedBranch> out = new ArrayList<>();
        for (TracedBranch b : branches) {
            double cum = 0.0;
            int start = 0;
            double group = Double.NaN;
            for (int e = 0; e < b.edgeLengthsUm().length; e++) {
                cum += b.edgeLengthsUm()[e];
                double k = PyFloat.floorDiv(cum, maxLenUm);
                if (e > 0 && k != group) {
                    out.add(b.slice(start, e));
                    start = e;
                }
                group = k;
            }
            out.add(b.slice(start, b.edgeLengthsUm().length));
        }
        return out;
    }

    /** Jaxley's optional emulation of NEURON's and its old reader's breaks at out-of-order rows. */
    private List<TracedBranch> splitAtInterruptions(List<TracedBranch> branches) {
        boolean[] branchPoint = new boolean[g.size];
        for (int b = 1; b < branches.size(); b++) {
            branchPoint[branches.get(b).first()] = true;
        }
        List<Integer> interrupted = new ArrayList<>();
        for (int u = 0; u < g.size; u++) {
            int p = g.swcParent[u];
            if (p >= 0 && g.key[p] != g.key[u] - 1 && !branchPoint[u] && !branchPoint[p]) {
                interrupted.add(p);
            }
        }
        List<TracedBranch> out = new ArrayList<>(branches);
        for (int node : interrupted) {
            int at = -1;
            int pos = -1;
            for (int b = 0; b < out.size() && at < 0; b++) {
                int[] nodes = out.get(b).nodes();
                for (int q = 0; q < nodes.length; q++) {
                    if (nodes[q] == node) {
                        at = b;
                        pos = q;
                        break;
                    }
                }
            }
            TracedBranch b = out.get(at);
            if (pos < 1 || pos > b.nodes().length - 2) {
                throw new SwcFormatException(g.source, g.line[node], "cannot split at the tracing interruption at "
                        + g.describe(node) + ": it is an end of its branch (Jaxley's reader fails here too); "
                        + "read with ignoreTracingInterruptions(true)");
            }
            out.set(at, b.slice(0, pos));
            out.add(at + 1, b.slice(pos, b.nodes().length - 1));
        }
        return out;
    }

    private static int[] parents(SwcGraph g, List<TracedBranch> branches) {
        int[] endingAt = new int[g.size];
        Arrays.fill(endingAt, -1);
        int[] parents = new int[branches.size()];
        parents[0] = -1;
        endingAt[branches.get(0).last()] = 0;
        for (int b = 1; b < branches.size(); b++) {
            TracedBranch br = branches.get(b);
            int p = endingAt[br.first()];
            if (p < 0) {
                throw new SwcFormatException(g.source, g.line[br.first()], "branch " + b + " starts at "
                        + g.describe(br.first()) + ", where no earlier branch ends; Jaxley cannot read this file either");
            }
            parents[b] = p;
            endingAt[br.last()] = b;
        }
        return parents;
    }

    /** The branch being traced: a start node, then one node and one edge length per step. */
    private static final class Path {
        private int[] nodes = new int[16];
        private double[] lengths = new double[16];
        private int edges;

        void add(int i, int j, double lengthUm) {
            if (edges == 0) {
                nodes[0] = i;
            }
            if (edges + 2 > nodes.length) {
                nodes = Arrays.copyOf(nodes, 2 * nodes.length);
                lengths = Arrays.copyOf(lengths, 2 * lengths.length);
            }
            nodes[edges + 1] = j;
            lengths[edges++] = lengthUm;
        }

        /** Emits the whole path as a branch and starts afresh. */
        void emit(List<TracedBranch> out, int typeId) {
            out.add(new TracedBranch(Arrays.copyOf(nodes, edges + 1), Arrays.copyOf(lengths, edges), typeId));
            edges = 0;
        }

        /** Emits all but the last edge (nothing if that leaves no edge); the last edge stays as the new path. */
        void emitAllButLast(List<TracedBranch> out, int typeId) {
            if (edges > 1) {
                out.add(new TracedBranch(Arrays.copyOf(nodes, edges), Arrays.copyOf(lengths, edges - 1), typeId));
            }
            nodes[0] = nodes[edges - 1];
            nodes[1] = nodes[edges];
            lengths[0] = lengths[edges - 1];
            edges = 1;
        }
    }
}
