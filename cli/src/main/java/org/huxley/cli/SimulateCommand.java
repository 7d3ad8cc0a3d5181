package org.huxley.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Engine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.model.Cell;
import org.huxley.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code huxley simulate}: runs the bundled example (model files arrive with the io module). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate the bundled example cell (5-branch HH tree, step current) and write its traces.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out/simulate")
    Path out;

    @Option(names = "--t-max", description = "Simulated time, ms (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    double tMaxMs;

    @Option(names = "--dt", description = "Time step, ms (default: ${DEFAULT-VALUE}).", defaultValue = "0.025")
    double dtMs;

    @Option(names = "--amplitude", description = "Step current amplitude, nA (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.2")
    double amplitudeNa;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--json", description = "Print a JSON summary on stdout (for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Cell cell = ExampleModels.hhTree(amplitudeNa, tMaxMs, dtMs);
        Plan plan = cell.compile();
        Engine engine = new CpuEngine();
        Recordings rec = engine.run(plan, Protocol.defaults().withDt(dtMs).withTMax(tMaxMs));
        rec.requireFinite();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("huxley", Versions.version());
        prov.put("commit", Versions.commit());
        prov.put("engine", engine.name());
        prov.put("precision", "float64");
        prov.put("seed", "none (deterministic)");
        prov.put("model", "bundled example: 5-branch HH tree, step " + amplitudeNa + " nA from 5 ms for 30 ms");
        prov.put("dt_ms", Double.toString(dtMs));
        Path csv = out.resolve("traces.csv");
        TraceCsv.write(csv, rec, 0, prov);
        int spikes = Spikes.count(rec.trace(0, 0), 0.0);
        if (json) {
            System.out.printf(Locale.ROOT,
                    "{\"traces\": \"%s\", \"samples\": %d, \"recordings\": %d, \"soma_spikes\": %d, "
                            + "\"wall_s\": %.3f, \"engine\": \"%s\", \"huxley\": \"%s\", \"commit\": \"%s\"}%n",
                    csv.toString().replace("\\", "\\\\"), rec.numSamples(), rec.numRecordings(), spikes, seconds,
                    engine.name(), Versions.version(), Versions.commit());
        } else if (!quiet) {
            System.out.printf(Locale.ROOT, "Simulated %.1f ms (%d compartments, %d steps) in %.2f s on %s.%n",
                    tMaxMs, plan.numCompartments(), rec.numSamples() - 1, seconds, engine.name());
            System.out.printf(Locale.ROOT, "Soma: %d spikes. Traces: %s%n", spikes, csv);
        }
        return 0;
    }
}
