package org.huxley.cli;

import org.huxley.io.model.HuxleyModel;
import picocli.CommandLine.Option;

/** The model options shared by simulate and grad (a picocli mixin): which model, and protocol overrides. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE|NAME",
            description = "A model file (.json) or a built-in example: hh-tree (default), hh-single, ca1.")
    String model;

    @Option(names = "--t-max", paramLabel = "MS", description = "Simulated time, ms (default: the model's).")
    Double tMaxMs;

    @Option(names = "--dt", paramLabel = "MS", description = "Time step, ms (default: the model's).")
    Double dtMs;

    /** The model with the overrides applied ({@link ModelSource#load}). */
    HuxleyModel load() {
        return ModelSource.load(model, dtMs, tMaxMs);
    }

    /** Where the model came from, for provenance ({@link ModelSource#describe}). */
    String describe(HuxleyModel m) {
        return ModelSource.describe(model, m);
    }

    /** A short title for plots ({@link ModelSource#title}). */
    String title(HuxleyModel m) {
        return ModelSource.title(model, m);
    }
}
