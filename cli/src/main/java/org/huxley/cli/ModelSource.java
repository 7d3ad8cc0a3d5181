package org.huxley.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huxley.engine.Protocol;
import org.huxley.io.model.HuxleyModel;
import org.huxley.io.model.ModelFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns {@code --model} into a model: a built-in example by name ({@link ExampleModels}) or a model
 * file ({@link ModelFile}), with the command line's t_max and dt overrides applied
 * (a file is read again with its protocol changed, so its stimuli follow).
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
        return withOverrides(m, file, dtMs, tMaxMs);
    }

    /** A short title: the example's name, else the file's model name, else its file name. */
    static String title(String spec, HuxleyModel m) {
        String name = spec == null ? ExampleModels.DEFAULT : spec;
        if (ExampleModels.exists(name)) {
            return "example " + name;
        }
        return m.name().isEmpty() ? Path.of(name).getFileName().toString() : m.name();
    }

    /** A short description of where the model came from, for provenance. */
    static String describe(String spec, HuxleyModel m) {
        String name = spec == null ? ExampleModels.DEFAULT : spec;
        if (ExampleModels.exists(name)) {
            return "example " + name;
        }
        return m.name().isEmpty() ? name : name + " (" + m.name() + ")";
    }

    /**
     * The file read again with its protocol's dt and t_max replaced, so that its stimuli are sampled
     * for the new grid exactly as if the file had said so (a t_max replaces the file's steps).
     */
    private static HuxleyModel withOverrides(HuxleyModel m, Path file, Double dtMs, Double tMaxMs) {
        if (dtMs == null && tMaxMs == null) {
            return m;
        }
        ObjectNode root;
        try {
            root = (ObjectNode) Console.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode p = root.get("protocol");
        ObjectNode protocol = p instanceof ObjectNode o ? o : root.putObject("protocol");
        if (dtMs != null) {
            protocol.put("dt", dtMs);
        }
        if (tMaxMs != null) {
            protocol.remove("steps");
            protocol.put("t_max", tMaxMs);
        }
        return ModelFile.parse(Console.mapper().writeValueAsString(root), file.toString());
    }
}
