package org.huxley.io.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.huxley.HuxleyException;
import org.huxley.model.Branch;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.CompartmentField;
import org.huxley.morph.DLambdaRule;
import org.huxley.morph.SwcOptions;
import org.huxley.morph.SwcReader;

/**
 * Builds the cells of a model file: from an SWC morphology (path relative to the model file, with
 * the reader's options) or from explicit branches (per-compartment geometry and a parent list),
 * then the cell's own groups and membrane rules.
 */
final class CellReader {
    private static final Set<String> SWC_KEYS = Set.of("swc", "ncomp", "d_lambda", "max_branch_len", "min_radius",
            "relevant_type_ids", "ignore_tracing_interruptions", "allow_multiple_trees");
    private static final Set<String> COMMON_KEYS = Set.of("groups", "membrane", "copies");
    private static final Set<String> GEOMETRY_KEYS = Set.of("length", "radius", "axial_resistivity", "capacitance", "v",
            "area", "volume", "resistive_load_in", "resistive_load_out");
    private static final Set<String> D_LAMBDA_KEYS = Set.of("frequency_hz", "d_lambda", "axial_resistivity",
            "capacitance");

    private CellReader() {
    }

    /** How many copies of the cell the entry asks for (default 1). */
    static int copies(JsonIn cell) {
        return cell.has("copies") ? cell.req("copies").integer(1, 1_000_000) : 1;
    }

    static Cell read(JsonIn in, Path baseDir, MechanismCatalog mechanisms) {
        Cell cell;
        if (in.has("swc")) {
            in.keys(union(SWC_KEYS, COMMON_KEYS));
            cell = swc(in, baseDir);
        } else if (in.has("branches")) {
            in.keys(union(Set.of("branches", "parents"), COMMON_KEYS));
            cell = explicit(in);
        } else {
            in.keys(union(union(SWC_KEYS, COMMON_KEYS), Set.of("branches", "parents")));
            throw in.fail("a cell needs either 'swc' (a morphology file) or 'branches'");
        }
        if (in.has("groups")) {
            GroupReader.apply(in.req("groups"), cell);
        }
        if (in.has("membrane")) {
            MembraneReader.applyAll(in.req("membrane"), cell, mechanisms);
        }
        return cell;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Cell swc(JsonIn in, Path baseDir) {
        JsonIn swcIn = in.req("swc");
        Path file = baseDir.resolve(swcIn.string()).normalize();
        if (!Files.isRegularFile(file)) {
            throw swcIn.fail("SWC file not found: " + file);
        }
        SwcOptions.Builder b = SwcOptions.builder();
        if (in.has("ncomp") && in.has("d_lambda")) {
            throw in.fail("give either 'ncomp' or 'd_lambda', not both");
        }
        try {
            if (in.has("ncomp")) {
                b.ncomp(in.req("ncomp").integer(1, 1_000_000));
            }
            if (in.has("d_lambda")) {
                b.dLambda(dLambda(in.req("d_lambda")));
            }
            if (in.has("max_branch_len")) {
                b.maxBranchLengthUm(in.req("max_branch_len").positive());
            }
            if (in.has("min_radius")) {
                b.minRadiusUm(in.req("min_radius").positive());
            }
            if (in.has("relevant_type_ids")) {
                b.relevantTypeIds(new TreeSet<>(in.req("relevant_type_ids").indices()));
            }
            if (in.has("ignore_tracing_interruptions")) {
                b.ignoreTracingInterruptions(in.req("ignore_tracing_interruptions").bool());
            }
            if (in.has("allow_multiple_trees")) {
                b.allowMultipleTrees(in.req("allow_multiple_trees").bool());
            }
            return SwcReader.read(file, b.build());
        } catch (HuxleyException | java.io.UncheckedIOException e) {
            if (e instanceof ModelFileException mfe) {
                throw mfe;
            }
            throw swcIn.fail(e.getMessage(), e);
        }
    }

    private static DLambdaRule dLambda(JsonIn in) {
        DLambdaRule d = DLambdaRule.defaults();
        if (in.node().isBoolean()) {
            if (!in.bool()) {
                throw in.fail("d_lambda: give true (NEURON's defaults) or an object of settings");
            }
            return d;
        }
        in.keys(D_LAMBDA_KEYS);
        return new DLambdaRule(in.has("frequency_hz") ? in.req("frequency_hz").positive() : d.frequencyHz(),
                in.has("d_lambda") ? in.req("d_lambda").positive() : d.dLambda(),
                in.has("axial_resistivity") ? in.req("axial_resistivity").positive() : d.axialResistivityOhmCm(),
                in.has("capacitance") ? in.req("capacitance").positive() : d.capacitanceUfPerCm2());
    }

    private static Cell explicit(JsonIn in) {
        List<JsonIn> branchesIn = in.req("branches").array(1);
        List<Branch> branches = new ArrayList<>();
        for (JsonIn b : branchesIn) {
            branches.add(branch(b));
        }
        int[] parents;
        if (in.has("parents")) {
            JsonIn p = in.req("parents");
            List<JsonIn> xs = p.array(1);
            parents = new int[xs.size()];
            for (int i = 0; i < parents.length; i++) {
                parents[i] = xs.get(i).integer(-1, Integer.MAX_VALUE);
            }
        } else if (branches.size() == 1) {
            parents = new int[] {-1};
        } else {
            throw in.fail("a cell of " + branches.size() + " branches needs 'parents' (the parent branch of each, -1 for the root)");
        }
        try {
            return new Cell(branches, parents);
        } catch (HuxleyException e) {
            throw in.req("parents").fail(e.getMessage());
        }
    }

    /** {"ncomp": n, geometry...} for n equal compartments, or {"compartments": [geometry...]}. */
    private static Branch branch(JsonIn in) {
        if (in.has("compartments")) {
            in.keys(Set.of("compartments"));
            List<Compartment> comps = new ArrayList<>();
            for (JsonIn c : in.req("compartments").array(1)) {
                c.keys(GEOMETRY_KEYS);
                comps.add(compartment(c));
            }
            return new Branch(comps);
        }
        in.keys(union(GEOMETRY_KEYS, Set.of("ncomp")));
        int ncomp = in.has("ncomp") ? in.req("ncomp").integer(1, 1_000_000) : 1;
        return new Branch(Collections.nCopies(ncomp, compartment(in)));
    }

    /**
     * A compartment: a cylinder of the given length and radius (defaults 10 µm and 1 µm), whose
     * area, volume and resistive loads may each be overridden (e.g. measured frusta).
     */
    private static Compartment compartment(JsonIn in) {
        Compartment c = new Compartment();
        for (CompartmentField f : List.of(CompartmentField.LENGTH, CompartmentField.RADIUS,
                CompartmentField.AXIAL_RESISTIVITY, CompartmentField.CAPACITANCE, CompartmentField.V)) {
            if (in.has(f.key())) {
                c.set(f, value(in.req(f.key()), f));
            }
        }
        double[] measured = new double[4];
        List<CompartmentField> derived = List.of(CompartmentField.AREA, CompartmentField.VOLUME,
                CompartmentField.RESISTIVE_LOAD_IN, CompartmentField.RESISTIVE_LOAD_OUT);
        boolean any = false;
        for (int i = 0; i < 4; i++) {
            CompartmentField f = derived.get(i);
            any |= in.has(f.key());
            measured[i] = in.has(f.key()) ? value(in.req(f.key()), f) : c.get(f);
        }
        if (any) {
            c.setMeasuredGeometry(c.get(CompartmentField.LENGTH), c.get(CompartmentField.RADIUS), measured[0],
                    measured[1], measured[2], measured[3]);
        }
        return c;
    }

    private static double value(JsonIn in, CompartmentField f) {
        double v = in.number();
        if (!f.info().accepts(v)) {
            throw in.fail(f.key() + " = " + v + " is outside its valid range [" + f.info().lo() + ", " + f.info().hi()
                    + "] " + f.info().unit());
        }
        return v;
    }
}
