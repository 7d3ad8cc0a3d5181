package org.huxley.morph;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a neuron morphology from an SWC file into a {@link Cell}, reproducing Jaxley's graph-based
 * {@code read_swc} (jaxleyverse/jaxley@2638cca2665e; reference-numerics §9), so that a cell read
 * here and in Jaxley is the same model: same branches in the same order, same parents, and per
 * compartment the same length, radius, frustum area, volume and proximal/distal resistive loads.
 *
 * <pre>{@code
 * Cell cell = SwcReader.read(Path.of("morph.swc"),
 *         SwcOptions.builder().ncomp(2).maxBranchLengthUm(300).build());
 * cell.group("soma").branch(0).loc(1.0).record();
 * }</pre>
 *
 * <p>Steps: {@link SwcParser} checks each row, {@link SwcTree} the parent links, {@link SwcGraph}
 * applies the single-point-soma and somatic-branch-point conventions, {@link BranchTracer} cuts the
 * tree into branches, {@link BranchCompartments} measures the compartments. The cell's compartments
 * are added to groups soma / axon / basal / apical by SWC type id (customN for other ids, undefined
 * for 0). Malformed input throws {@link SwcFormatException} naming file, line and problem; nothing
 * is repaired silently: every change the reader makes to what the file says (minimum radius, 0.1 µm
 * for a zero-length branch, dropped trees) is logged as a WARN.
 */
public final class SwcReader {
    private static final Logger LOG = LoggerFactory.getLogger(SwcReader.class);

    private SwcReader() {
    }

    /**
     * Reads a file into a cell; the file name is used in error messages.
     *
     * @param file the SWC file
     * @param options how to read it
     * @return the cell
     */
    public static Cell read(Path file, SwcOptions options) {
        return readMorphology(file, options).cell();
    }

    /**
     * Reads a file into a cell with its branch summaries.
     *
     * @param file the SWC file
     * @param options how to read it
     * @return the morphology
     */
    public static SwcMorphology readMorphology(Path file, SwcOptions options) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readMorphology(name, in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SWC file " + file, e);
        }
    }

    /**
     * Reads SWC text into a cell with its branch summaries.
     *
     * @param source name of the text for messages (e.g. the file or resource name)
     * @param text the SWC text
     * @param options how to read it
     * @return the morphology
     * @throws SwcFormatException if the text is not a readable morphology
     */
    public static SwcMorphology readMorphology(String source, Reader text, SwcOptions options) {
        List<SwcPoint> points = SwcParser.parse(source, text);
        SwcTree tree = SwcTree.of(source, points, options.allowMultipleTrees());
        SwcGraph graph = SwcGraph.of(tree);
        BranchTracer.Result traced = BranchTracer.trace(graph, options);
        if (traced.nodesReached() < graph.size) {
            LOG.warn("{}: the file holds several trees; kept the {} points traced from its lowest-index tip and "
                    + "dropped the other {} points, as Jaxley does", source, traced.nodesReached(),
                    graph.size - traced.nodesReached());
        }
        BranchCompartments builder = new BranchCompartments(graph, options);
        List<Branch> branches = new ArrayList<>();
        List<SwcBranch> summaries = new ArrayList<>();
        int ncompTotal = 0;
        for (int b = 0; b < traced.branches().size(); b++) {
            BranchCompartments.Built built = builder.build(b, traced.branches().get(b), traced.parents()[b]);
            branches.add(new Branch(built.compartments()));
            summaries.add(built.summary());
            ncompTotal += built.compartments().size();
        }
        if (builder.clipped > 0) {
            LOG.warn("{}: minRadiusUm = {} raised the radius of {} of {} compartments (smallest was {} µm, at {}); "
                    + "areas and resistive loads are unchanged, as in Jaxley", source, options.minRadiusUm(),
                    builder.clipped, ncompTotal, builder.smallestClippedUm, builder.smallestClippedAt);
        }
        Cell cell = new Cell(branches, traced.parents());
        addGroups(cell, summaries);
        return new SwcMorphology(source, cell, summaries);
    }

    /** Adds each branch's compartments to the group of its type id, groups in name order (as Jaxley). */
    private static void addGroups(Cell cell, List<SwcBranch> branches) {
        Map<String, List<Integer>> byGroup = new TreeMap<>();
        for (int b = 0; b < branches.size(); b++) {
            byGroup.computeIfAbsent(branches.get(b).group(), k -> new ArrayList<>()).add(b);
        }
        byGroup.forEach((group, list) -> cell.branch(list.stream().mapToInt(Integer::intValue).toArray())
                .addToGroup(group));
    }
}
