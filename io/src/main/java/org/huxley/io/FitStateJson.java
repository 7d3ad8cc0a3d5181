package org.huxley.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.huxley.ModelException;
import org.huxley.fit.FitState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves and loads a {@link FitState} (what {@code Fitter.resume} continues from) as JSON. Doubles are
 * written in their shortest exact form, so a resumed fit continues bitwise; NaN and infinities are
 * written as the strings "NaN", "Infinity", "-Infinity". The file is written to a temporary file
 * and moved into place, so a crash never leaves a truncated state.
 */
public final class FitStateJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FitStateJson() {
    }

    /**
     * Writes a fit state as JSON (atomically: a temporary file, then a move).
     *
     * @param file where to write
     * @param state the state
     */
    public static void write(Path file, FitState state) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException | JacksonException e) {
            throw new ModelException("cannot write fit state " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a fit state written by {@link #write}; throws {@link ModelException} naming the file and position on bad input.
     *
     * @param file the JSON file
     * @return the state
     */
    public static FitState read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("fit state " + file + " does not exist");
        }
        try {
            FitState s = MAPPER.readValue(file.toFile(), FitState.class);
            if (s.starts() == null || s.starts().isEmpty()) {
                throw new ModelException("fit state " + file + " has no starts");
            }
            return s;
        } catch (JacksonException e) {
            throw new ModelException("fit state " + file + " is not valid: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        }
    }

    /** {@return the mapper used (records, doubles round-trip exactly)} */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
