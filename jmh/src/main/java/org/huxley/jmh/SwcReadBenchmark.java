package org.huxley.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.huxley.model.Cell;
import org.huxley.morph.SwcOptions;
import org.huxley.morph.SwcReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading an SWC morphology into a {@link Cell}: parsing, checking, tracing, frustum geometry and
 * building the cell with its groups. The text is held in memory, so disk I/O is not measured.
 * Default: the layer-5 pyramidal cell with axon (10,617 points) bundled in the jar from the core's
 * test resources; {@code -p swc=/path/to/file.swc} reads another file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SwcReadBenchmark {
    static final String BUNDLED = "classpath:/org/huxley/morphologies/morph_l5pc_with_axon.swc";

    /** "classpath:/..." for a resource in the benchmarks jar, otherwise a file path. */
    @Param({BUNDLED})
    public String swc;

    /** Compartments per branch. */
    @Param({"2"})
    public int ncomp;

    private String text;
    private SwcOptions options;

    @Setup
    public void load() {
        try {
            if (swc.startsWith("classpath:")) {
                String path = swc.substring("classpath:".length());
                try (InputStream in = SwcReadBenchmark.class.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("no resource " + path + " in the benchmarks jar");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(Path.of(swc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options = SwcOptions.builder().ncomp(ncomp).build();
    }

    @Benchmark
    public Cell read() {
        return SwcReader.readMorphology("benchmark.swc", new StringReader(text), options).cell();
    }
}
