package org.huxley.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;

/**
 * The cells of a plan split into chunks of consecutive cells that can be stepped on separate
 * threads: each chunk owns a contiguous range of nodes, of the solve order and of every channel
 * table's instances. A cell's arithmetic is the same whichever chunk holds it, so results do not
 * depend on the number of chunks.
 */
public final class CellChunks {
    /**
     * One chunk: node range, solve-order range, per channel table an instance range, and the indices
     * of the stimuli, clamps and recordings on its nodes.
     */
    public record Chunk(int nodeFrom, int nodeTo, int orderFrom, int orderTo, int[] instanceFrom, int[] instanceTo,
            int[] stimuli, int[] clamps, int[] recordings) {
    }

    private final List<Chunk> chunks;

    private CellChunks(List<Chunk> chunks) {
        this.chunks = chunks;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /**
     * Up to {@code wanted} chunks of about equal node counts, or null where the plan cannot be split
     * (one cell, or a channel table whose instances are not grouped by cell).
     */
    public static CellChunks of(Plan plan, int wanted) {
        int cells = plan.numCells();
        int n = plan.numNodes();
        if (wanted < 2 || cells < 2) {
            return null;
        }
        int[] cellNodeStart = new int[cells + 1];
        int previous = 0;
        for (int node = 0; node < n; node++) {
            int c = plan.cellOf(node);
            if (c < previous) {
                return null; // nodes not grouped by cell
            }
            previous = c;
            cellNodeStart[c + 1] = node + 1;
        }
        for (int c = 1; c <= cells; c++) {
            cellNodeStart[c] = Math.max(cellNodeStart[c], cellNodeStart[c - 1]);
        }
        int[] orderStart = plan.cellOrderStart();
        List<MechanismTable> tables = plan.channels();
        int chunkCount = Math.min(wanted, cells);
        List<Chunk> out = new ArrayList<>();
        int cell = 0;
        for (int k = 0; k < chunkCount; k++) {
            int endNode = (int) ((long) n * (k + 1) / chunkCount);
            int firstCell = cell;
            while (cell < cells && (cell == firstCell || cellNodeStart[cell + 1] <= endNode)) {
                cell++;
            }
            if (k == chunkCount - 1) {
                cell = cells;
            }
            if (cell == firstCell) {
                continue;
            }
            int nodeFrom = cellNodeStart[firstCell];
            int nodeTo = cellNodeStart[cell];
            int[] from = new int[tables.size()];
            int[] to = new int[tables.size()];
            for (int t = 0; t < tables.size(); t++) {
                if (!instanceRange(tables.get(t).nodes(), nodeFrom, nodeTo, from, to, t)) {
                    return null;
                }
            }
            int[] stim = select(plan.numStimuli(), plan::stimulusNode, nodeFrom, nodeTo);
            int[] clamps = select(plan.numClamps(), plan::clampNode, nodeFrom, nodeTo);
            int[] recs = select(plan.recordings().size(), r -> recordingNode(plan, plan.recordings().get(r)),
                    nodeFrom, nodeTo);
            out.add(new Chunk(nodeFrom, nodeTo, orderStart[firstCell], orderStart[cell], from, to, stim, clamps, recs));
        }
        int recorded = out.stream().mapToInt(c -> c.recordings().length).sum();
        if (out.size() < 2 || recorded != plan.recordings().size()) {
            return null; // a recording without a node (e.g. of a synapse) keeps the run on one thread
        }
        return new CellChunks(List.copyOf(out));
    }

    /**
     * {@code wanted} ranges of about equal node counts, cells ignored, for the channel part of
     * each step only ({@link ForwardStepper#chunkChannels}; the solve stays whole): every node's
     * instances fall in one range, so its sums keep their order. Null for fewer than
     * {@code minNodes} nodes (a step too short to share) or a table that is not sorted by node.
     */
    public static CellChunks byNodes(Plan plan, int wanted, int minNodes) {
        int n = plan.numNodes();
        if (wanted < 2 || n < minNodes) {
            return null;
        }
        List<MechanismTable> tables = plan.channels();
        List<Chunk> out = new ArrayList<>();
        for (int k = 0; k < wanted; k++) {
            int nodeFrom = (int) ((long) n * k / wanted);
            int nodeTo = (int) ((long) n * (k + 1) / wanted);
            int[] from = new int[tables.size()];
            int[] to = new int[tables.size()];
            for (int t = 0; t < tables.size(); t++) {
                if (!instanceRange(tables.get(t).nodes(), nodeFrom, nodeTo, from, to, t)) {
                    return null;
                }
            }
            int[] stim = select(plan.numStimuli(), plan::stimulusNode, nodeFrom, nodeTo);
            out.add(new Chunk(nodeFrom, nodeTo, -1, -1, from, to, stim, new int[0], new int[0]));
        }
        return new CellChunks(List.copyOf(out));
    }

    /** Indices i in [0, count) whose node lies in [nodeFrom, nodeTo), ascending. */
    private static int[] select(int count, IntUnaryOperator nodeOf, int nodeFrom, int nodeTo) {
        return IntStream.range(0, count).filter(i -> {
            int node = nodeOf.applyAsInt(i);
            return node >= nodeFrom && node < nodeTo;
        }).toArray();
    }

    /** The node a recording reads (synapse recordings: −1, they are never chunked: see ForwardStepper). */
    private static int recordingNode(Plan plan, RecordingTarget rt) {
        return switch (rt.kind()) {
            case VOLTAGE -> rt.node();
            case STATE -> plan.channels().get(rt.table()).nodes()[rt.instance()];
            case CURRENT -> rt.currentTables().length == 0 ? -1
                    : plan.channels().get(rt.currentTables()[0]).nodes()[rt.currentInstances()[0]];
            case SYNAPSE_STATE, SYNAPSE_CURRENT -> -1;
        };
    }

    /** The instances on nodes [nodeFrom, nodeTo) as one contiguous range, or false if they are not. */
    private static boolean instanceRange(int[] nodes, int nodeFrom, int nodeTo, int[] from, int[] to, int t) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] >= nodeFrom && nodes[i] < nodeTo) {
                if (first < 0) {
                    first = i;
                } else if (last != i - 1) {
                    return false;
                }
                last = i;
            }
        }
        from[t] = first < 0 ? 0 : first;
        to[t] = first < 0 ? 0 : last + 1;
        return true;
    }
}
