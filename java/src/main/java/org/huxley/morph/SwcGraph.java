package org.huxley.morph;

/**
 * The undirected graph that Jaxley traces, built from a checked {@link SwcTree}: one node per SWC
 * point (node id = position in the file) plus, for a single-point soma, one inserted node (id n).
 * Edges join each point to its parent; lengths are Euclidean distances floored at 1e−5 µm.
 *
 * <p>Single-point soma (exactly one point of type 1): every edge touching the soma gets length 0,
 * and a copy of point 1 is inserted as a new node that sorts before every other node (Jaxley shifts
 * all indices by one and gives the copy index 1), joined to the soma by an edge of length 2·r_soma,
 * in the direction copy → soma. The soma branch then has path length 2r, whose cylinder area 2πr·2r
 * is the sphere's 4πr². The copy and the soma are marked "drop as first point of a branch".
 *
 * <p>Somatic branch point (several soma points, one of them with ≥ 2 soma neighbours): its edges to
 * non-soma neighbours get length 0 and it is marked "drop as first point of a branch" — a mark per
 * node, so a soma branch continuing from it loses that point too (Jaxley's behaviour).
 */
final class SwcGraph {
    /** Minimum edge length, µm (two points on top of each other still get a length). */
    static final double MIN_EDGE_LENGTH_UM = 1e-5;

    final String source;
    final int size;
    final int[] typeId;
    final double[][] xyzr;
    /** Sort key: the SWC index, 0 for the inserted copy (it sorts first). */
    final int[] key;
    final int[] line;
    /** SWC parent node, −1 for roots and the inserted copy. */
    final int[] swcParent;
    /** Sorted (by key) neighbours and the edge id of each. */
    final int[][] neighbours;
    final int[][] neighbourEdge;
    /** Length of each edge, µm, indexed by edge id (the child's node id; the copy's edge has id n). */
    final double[] edgeLengthUm;
    /** Nodes whose point is dropped when a branch starts at them. */
    final boolean[] dropAsFirst;
    /** The soma of a single-point soma, or −1. */
    final int singleSoma;

    private SwcGraph(SwcTree tree) {
        this.source = tree.source;
        int n = tree.points.size();
        int somaCount = 0;
        int soma = -1;
        for (int i = 0; i < n; i++) {
            if (tree.points.get(i).typeId() == 1) {
                somaCount++;
                soma = i;
            }
        }
        this.singleSoma = somaCount == 1 ? soma : -1;
        this.size = singleSoma >= 0 ? n + 1 : n;
        typeId = new int[size];
        xyzr = new double[size][];
        key = new int[size];
        line = new int[size];
        swcParent = new int[size];
        edgeLengthUm = new double[size];
        dropAsFirst = new boolean[size];
        for (int i = 0; i < n; i++) {
            SwcPoint p = tree.points.get(i);
            typeId[i] = p.typeId();
            xyzr[i] = new double[] {p.xUm(), p.yUm(), p.zUm(), p.radiusUm()};
            key[i] = p.index();
            line[i] = p.line();
            swcParent[i] = tree.parentNode[i];
        }
        int[] degree = new int[size];
        for (int i = 0; i < n; i++) {
            int p = swcParent[i];
            if (p >= 0) {
                edgeLengthUm[i] = distance(xyzr[p], xyzr[i]);
                degree[p]++;
                degree[i]++;
            }
        }
        if (singleSoma >= 0) {
            int copy = n;
            SwcPoint one = tree.points.get(tree.nodeOfIndex1);
            typeId[copy] = one.typeId();
            xyzr[copy] = new double[] {one.xUm(), one.yUm(), one.zUm(), one.radiusUm()};
            key[copy] = 0;
            line[copy] = one.line();
            swcParent[copy] = -1;
            edgeLengthUm[copy] = 2.0 * xyzr[singleSoma][3];
            degree[copy]++;
            degree[singleSoma]++;
        }
        neighbours = new int[size][];
        neighbourEdge = new int[size][];
        for (int u = 0; u < size; u++) {
            neighbours[u] = new int[degree[u]];
            neighbourEdge[u] = new int[degree[u]];
        }
        int[] fill = new int[size];
        for (int i = 0; i < n; i++) {
            int p = swcParent[i];
            if (p >= 0) {
                link(p, i, i, fill);
            }
        }
        if (singleSoma >= 0) {
            // The soma's own edges (to its parent and children) get length 0: only the 2r edge counts.
            for (int k = 0; k < neighbours[singleSoma].length; k++) {
                edgeLengthUm[neighbourEdge[singleSoma][k]] = 0.0;
            }
            link(n, singleSoma, n, fill);
            dropAsFirst[n] = true;
            dropAsFirst[singleSoma] = true;
        }
        for (int u = 0; u < size; u++) {
            sortByKey(neighbours[u], neighbourEdge[u]);
        }
        if (somaCount >= 2) {
            markSomaticBranchPoints();
        }
    }

    /** Builds the graph (with the somatic adjustments) for a checked tree. */
    static SwcGraph of(SwcTree tree) {
        return new SwcGraph(tree);
    }

    private void link(int a, int b, int edge, int[] fill) {
        neighbours[a][fill[a]] = b;
        neighbourEdge[a][fill[a]++] = edge;
        neighbours[b][fill[b]] = a;
        neighbourEdge[b][fill[b]++] = edge;
    }

    private void markSomaticBranchPoints() {
        for (int u = 0; u < size; u++) { // file order, as Jaxley's list of soma nodes
            if (typeId[u] != 1) {
                continue;
            }
            int somaNeighbours = 0;
            for (int v : neighbours[u]) {
                if (typeId[v] == 1) {
                    somaNeighbours++;
                }
            }
            if (somaNeighbours > 1) {
                for (int k = 0; k < neighbours[u].length; k++) {
                    if (typeId[neighbours[u][k]] != 1) {
                        dropAsFirst[u] = true;
                        edgeLengthUm[neighbourEdge[u][k]] = 0.0;
                    }
                }
            }
        }
    }

    int degree(int u) {
        return neighbours[u].length;
    }

    /** Whether the SWC file (or the single-soma insertion) has the directed edge parent a → child b. */
    boolean isSwcEdge(int a, int b) {
        return swcParent[b] == a || (singleSoma >= 0 && a == size - 1 && b == singleSoma);
    }

    /** Euclidean distance floored at {@link #MIN_EDGE_LENGTH_UM}, summed as NumPy does ((dx² + dy²) + dz²). */
    static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return d >= MIN_EDGE_LENGTH_UM ? d : MIN_EDGE_LENGTH_UM;
    }

    private void sortByKey(int[] nodes, int[] edges) {
        for (int i = 1; i < nodes.length; i++) {
            int n = nodes[i];
            int e = edges[i];
            int j = i - 1;
            while (j >= 0 && key[nodes[j]] > key[n]) {
                nodes[j + 1] = nodes[j];
                edges[j + 1] = edges[j];
                j--;
            }
            nodes[j + 1] = n;
            edges[j + 1] = e;
        }
    }

    /** "point 12 (line 40)", or "inserted copy of point 1" for the single-soma copy. */
    String describe(int node) {
        if (singleSoma >= 0 && node == size - 1) {
            return "the copy of point 1 inserted for the single-point soma";
        }
        return "point " + key[node] + " (line " + line[node] + ")";
    }
}
