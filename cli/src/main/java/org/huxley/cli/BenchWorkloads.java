package org.huxley.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.huxley.bench.NeuronCases;
import org.huxley.bench.StandardWorkloads;
import org.huxley.bench.Workload;

/**
 * The workloads {@code huxley bench} knows, by name: the standard ones of docs/performance.md
 * ({@link StandardWorkloads}: hh1, tree252, ca1, with --batch parameter sets) and NEURON's CPU
 * benchmark cases ({@link NeuronCases}: neuron-i, neuron-ii, neuron-iii as one model like NEURON's,
 * and their -batch forms: one cell as many parameter sets as the case has cells).
 */
final class BenchWorkloads {
    static final List<String> STANDARD = List.of("hh1", "tree252", "ca1");
    /** The short default run (about 30 s on 2 busy cores with the default batch and repeat). */
    static final List<String> DEFAULT = List.of("hh1", "tree252", "ca1", "neuron-i");

    private BenchWorkloads() {
    }

    /** Every known name. */
    static List<String> names() {
        List<String> out = new ArrayList<>(STANDARD);
        for (String c : NeuronCases.NAMES) {
            out.add("neuron-" + c);
            out.add("neuron-" + c + "-batch");
        }
        return out;
    }

    /**
     * Builds a workload (model, plan, protocol and parameter sets).
     *
     * @param batch parameter sets for the standard workloads (the NEURON cases fix their own)
     * @throws BadInputException for an unknown name
     */
    static Workload build(String name, int batch, long seed) {
        String n = name.toLowerCase(Locale.ROOT);
        if (STANDARD.contains(n)) {
            return StandardWorkloads.byName(n, batch, seed);
        }
        for (String c : NeuronCases.NAMES) {
            if (n.equals("neuron-" + c)) {
                return NeuronCases.network(c);
            }
            if (n.equals("neuron-" + c + "-batch")) {
                return NeuronCases.batch(c);
            }
        }
        throw new BadInputException("unknown workload '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
}
