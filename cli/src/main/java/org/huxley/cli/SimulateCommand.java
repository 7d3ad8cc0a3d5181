package org.huxley.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.huxley.engine.Batch;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import org.huxley.io.model.HuxleyModel;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code huxley simulate}: runs a model (file or built-in example); traces to CSV and PNG. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a model file or a built-in example (default: hh-tree) with the model's own "
                + "parameter values.",
                "Writes traces.csv, traces.png and run.json (provenance and a summary) into --out."})
final class SimulateCommand implements Callable<Integer> {
    @ParentCommand
    HuxleyCli root;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "out/simulate")
    Path out;

    @Option(names = "--no-plot", description = "Skip traces.png.")
    boolean noPlot;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        Console con = root.console();
        HuxleyModel m = modelOptions.load();
        Plan plan = m.compile();
        long t0 = System.nanoTime();
        Recordings rec;
        Provenance prov;
        try (SelectedEngine se = SelectedEngine.choose(engineOptions.kind(m.engine()),
                engineOptions.precision(m.precision()), engineOptions.threads())) {
            con.log("simulate", "%s: %d compartments, %s steps of %s ms on %s (%s)", modelOptions.describe(m),
                    plan.numCompartments(), steps(m), m.protocol().dtMs(), se.engine().name(), se.why());
            prov = Provenance.of(se.engine().name(), se.precisionName(), m.seed(), modelOptions.describe(m),
                    root.commandLine());
            rec = run(se, plan, m, con);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        rec.requireFinite();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("dt_ms", Double.toString(m.protocol().dtMs()));
        extra.put("steps", Integer.toString(rec.numSamples() - 1));
        Path csv = out.resolve("traces.csv");
        TraceFiles.write(csv, rec, 0, m.module(), prov.commentLines(extra));
        Path png = out.resolve("traces.png");
        if (!noPlot) {
            PngFile.write(png, TracePlot.charts(rec, 0, m.module(), modelOptions.title(m)),
                    prov.fields(extra));
        }
        ObjectNode summary = summary(m, plan, rec, prov, seconds, csv, noPlot ? null : png);
        RunJson.write(out.resolve("run.json"), summary);
        con.resultJson(summary);
        con.result(text(m, plan, rec, prov, seconds));
        return ExitCodes.OK;
    }

    private static String steps(HuxleyModel m) {
        return m.protocol().steps() >= 0 ? Integer.toString(m.protocol().steps()) : "(stimulus length)";
    }

    private static Recordings run(SelectedEngine se, Plan plan, HuxleyModel m, Console con) {
        try (ProgressDisplay bar = new ProgressDisplay("simulate", con.progress())) {
            RunControl control = Cancellation.control(bar);
            try {
                return se.engine().run(plan, m.protocol(), new Batch(ParameterSets.none(plan.source())), control);
            } finally {
                Cancellation.release(control);
            }
        }
    }

    private ObjectNode summary(HuxleyModel m, Plan plan, Recordings rec, Provenance prov, double seconds, Path csv,
            Path png) {
        ObjectNode o = Console.mapper().createObjectNode();
        o.put("subcommand", "simulate");
        prov.putInto(o);
        o.put("description", m.description());
        o.put("compartments", plan.numCompartments());
        o.put("dt_ms", m.protocol().dtMs());
        o.put("steps", rec.numSamples() - 1);
        o.put("t_max_ms", rec.timesMs()[rec.numSamples() - 1]);
        o.put("wall_seconds", seconds);
        ArrayNode recs = o.putArray("recordings");
        for (int r = 0; r < rec.numRecordings(); r++) {
            double[] x = rec.trace(0, r);
            ObjectNode ro = recs.addObject();
            String unit = TracePlot.unitOf(m.module().recordings().get(r));
            ro.put("label", rec.labels().get(r));
            ro.put("unit", unit);
            ro.put("min", min(x));
            ro.put("max", max(x));
            if (unit.equals("mV")) {
                ro.put("spikes", Spikes.count(x, 0.0));
            }
        }
        ObjectNode files = o.putObject("files");
        files.put("traces_csv", csv.toString());
        if (png != null) {
            files.put("plot_png", png.toString());
        }
        files.put("run_json", out.resolve("run.json").toString());
        return o;
    }

    private String text(HuxleyModel m, Plan plan, Recordings rec, Provenance prov, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Simulated %s ms of %s (%d compartments, %d steps of %s ms) in %.2f s on %s.%n",
                Numbers.g(rec.timesMs()[rec.numSamples() - 1]), prov.model(), plan.numCompartments(),
                rec.numSamples() - 1,
                m.protocol().dtMs(), seconds, prov.engine()));
        sb.append(String.format(Locale.ROOT, "%-40s %12s %12s %7s%n", "recording", "min", "max", "spikes"));
        List<String> labels = rec.labels();
        for (int r = 0; r < rec.numRecordings(); r++) {
            double[] x = rec.trace(0, r);
            String unit = TracePlot.unitOf(m.module().recordings().get(r));
            sb.append(String.format(Locale.ROOT, "%-40s %12.5g %12.5g %7s%n", labels.get(r) + " (" + unit + ")",
                    min(x), max(x), unit.equals("mV") ? Integer.toString(Spikes.count(x, 0.0)) : "-"));
        }
        sb.append("Outputs: ").append(out.resolve("traces.csv")).append(noPlot ? "" : ", traces.png")
                .append(", run.json\n");
        return sb.toString();
    }

    private static double min(double[] x) {
        double v = Double.POSITIVE_INFINITY;
        for (double d : x) {
            v = Math.min(v, d);
        }
        return v;
    }

    private static double max(double[] x) {
        double v = Double.NEGATIVE_INFINITY;
        for (double d : x) {
            v = Math.max(v, d);
        }
        return v;
    }
}
