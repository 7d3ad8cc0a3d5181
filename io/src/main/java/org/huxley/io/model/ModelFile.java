package org.huxley.io.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.ObjectWriter;

/**
 * Reads and writes Huxley model files: versioned JSON documented in docs/model-files.md and
 * docs/model-file.schema.json. Files are validated while read; every error is a
 * {@link ModelFileException} naming the file and the line and column (malformed JSON, expression
 * syntax) or the JSON path (everything else) of the problem. Paths inside a file (SWC
 * morphologies, CSV stimuli) are relative to the file's folder.
 *
 * <p>The writer stores a model built in code so that reading it back gives the same simulation
 * (identical traces): cells as explicit branches with every compartment's geometry, mechanisms
 * and values per compartment, user-defined mechanisms as expressions.
 */
public final class ModelFile {
    /** The format version this reader writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private ModelFile() {
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException if the file cannot be read, is not valid JSON, or does not describe a valid model
     */
    public static HuxleyModel read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ModelFileException.of(file.toString(), Files.exists(file) ? "cannot read the model file: " + e
                    : "model file not found", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return ModelReader.read(text, file.toString(), dir);
    }

    /**
     * Parses model-file text.
     *
     * @param json the text
     * @param sourceName name for messages; relative paths in the text resolve against its folder
     * @throws ModelFileException as {@link #read(Path)}
     */
    public static HuxleyModel parse(String json, String sourceName) {
        Path dir;
        try {
            dir = Path.of(sourceName).toAbsolutePath().getParent();
        } catch (InvalidPathException e) {
            dir = null;
        }
        return ModelReader.read(json, sourceName, dir == null ? Path.of("").toAbsolutePath() : dir);
    }

    /**
     * Writes a model to a file (UTF-8, pretty-printed).
     *
     * @throws ModelFileException if the model cannot be expressed in the format or the file cannot be written
     */
    public static void write(HuxleyModel model, Path file) {
        String json = toJson(model, file.toString());
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw ModelFileException.of(file.toString(), "cannot write the model file: " + e, e);
        }
    }

    /**
     * The model as model-file text.
     *
     * @throws ModelFileException if the model cannot be expressed in the format
     */
    public static String toJson(HuxleyModel model) {
        return toJson(model, model.name().isEmpty() ? "model" : model.name());
    }

    private static String toJson(HuxleyModel model, String source) {
        ObjectWriter w = ModelReader.MAPPER.writer().with(new DefaultPrettyPrinter()
                .withArrayIndenter(new DefaultPrettyPrinter.FixedSpaceIndenter()));
        try {
            return w.writeValueAsString(ModelWriter.write(model, source)) + System.lineSeparator();
        } catch (JacksonException e) {
            throw ModelFileException.of(source, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
