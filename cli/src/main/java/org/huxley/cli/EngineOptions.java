package org.huxley.cli;

import java.util.Locale;
import org.huxley.engine.Precision;
import picocli.CommandLine.Option;

/** The engine options shared by simulate, grad and bench (a picocli mixin). */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "NAME",
            description = "auto (CUDA when usable, else CPU), cpu or cuda (default: the model file's, else auto).")
    String engine;

    @Option(names = "--precision", paramLabel = "P",
            description = "float64 or float32 (GPU only; the CPU engine computes in float64) "
                    + "(default: the model file's, else float64).")
    String precision;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: all processors).")
    Integer threads;

    /** The engine name asked for (command line over model file over {@code auto}), validated. */
    EngineKind kind(String modelDefault) {
        String name = engine != null ? engine : modelDefault != null ? modelDefault : "auto";
        return EngineKind.parse(name);
    }

    /** The precision asked for (command line over model file over float64), validated. */
    Precision precision(Precision modelDefault) {
        if (precision == null) {
            return modelDefault != null ? modelDefault : Precision.FLOAT64;
        }
        return parsePrecision(precision);
    }

    int threads() {
        return threads(threads);
    }

    /** The thread count asked for, validated, else all processors. */
    static int threads(Integer asked) {
        if (asked != null && asked < 1) {
            throw new BadInputException("--threads must be >= 1, got " + asked);
        }
        return asked != null ? asked : Runtime.getRuntime().availableProcessors();
    }

    static Precision parsePrecision(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "float64", "f64", "double" -> Precision.FLOAT64;
            case "float32", "f32", "float" -> Precision.FLOAT32;
            default -> throw new BadInputException("unknown precision '" + s + "': use float64 or float32");
        };
    }

    /** The engine families the command line knows. */
    enum EngineKind {
        AUTO, CPU, CUDA;

        static EngineKind parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "cpu" -> CPU;
                case "cuda", "gpu" -> CUDA;
                default -> throw new BadInputException("unknown engine '" + s + "': use auto, cpu or cuda");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
