package org.huxley.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.huxley.engine.Protocol;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.ModelFile;

/**
 * Turns {@code --model} into a model: a built-in example by name ({@link ExampleModels}) or a model
 * file ({@link ModelFile}), with the command line's t_max and dt overrides applied.
 */
final class ModelSource {
    private ModelSource() {
    }

    /**
     * @param spec an example name or a path to a {@code .json} model file; null for the default example
     * @param dtMs time step override, ms, or null
     * @param tMaxMs duration override, ms, or null
     * @throws BadInputException for an unknown example that is no file either, or an override the file cannot take
     */
    static HuxleyModel load(String spec, Double dtMs, Double tMaxMs) {
        String name = spec == null ? ExampleModels.DEFAULT : spec;
        if (ExampleModels.exists(name)) {
            return ExampleModels.model(name, dtMs != null ? dtMs : Protocol.DEFAULT_DT_MS, tMaxMs);
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            if (name.endsWith(".json") || name.contains("/") || name.contains(java.io.File.separator)) {
                throw new BadInputException("model file not found: " + name);
            }
            ExampleModels.description(name); // throws: unknown example, listing the known ones
        }
        HuxleyModel m = ModelFile.read(file);
        return withOverrides(m, dtMs, tMaxMs, file.getFileName().toString());
    }

    /** A short description of where the model came from, for provenance. */
    static String describe(String spec, HuxleyModel m) {
        String name = spec == null ? ExampleModels.DEFAULT : spec;
        return ExampleModels.exists(name) ? "example " + name : name + (m.name().isEmpty() ? "" : " (" + m.name() + ")");
    }

    private static HuxleyModel withOverrides(HuxleyModel m, Double dtMs, Double tMaxMs, String source) {
        Protocol p = m.protocol();
        if (dtMs != null && dtMs != p.dtMs()) {
            if (!m.module().stimuli().isEmpty() || !m.module().clamps().isEmpty()) {
                throw new BadInputException(source + ": --dt " + dtMs + " ms: the file's stimuli are sampled at its "
                        + "protocol dt = " + p.dtMs() + " ms; change the time step in the file instead");
            }
            p = p.withDt(dtMs);
        }
        if (tMaxMs != null) {
            p = p.withTMax(tMaxMs);
        }
        return new HuxleyModel(m.name(), m.module(), p, m.precision(), m.engine(), m.seed(), m.trainables(),
                m.description());
    }
}
