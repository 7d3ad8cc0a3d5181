package org.huxley.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.huxley.SimulationDivergedException;
import org.huxley.adjoint.GradientEngine;
import org.huxley.adjoint.GradientResult;
import org.huxley.adjoint.Losses;
import org.huxley.engine.Batch;
import org.huxley.engine.RunControl;
import org.huxley.io.model.HuxleyModel;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code huxley grad}: value and gradient of a mean-squared-error loss with respect to the model's
 * trainables, at the model's values (exact discrete adjoint on the CPU or the GPU, {@link SelectedGradientEngine}).
 */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = {"Value and gradient of the mean squared error between the model's recordings and a target, "
                + "with respect to the model's trainables, at the model's own values.",
                "Target: --target traces.csv (one column per recording, as simulate writes), else the model's own "
                        + "traces with every trainable scaled by (1 + --perturb).",
                "Writes grad.json into --out and prints a table."})
final class GradCommand implements Callable<Integer> {
    @ParentCommand
    HuxleyCli root;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--target", paramLabel = "CSV", description = "Target traces (CSV, one column per recording).")
    Path target;

    @Option(names = "--perturb", paramLabel = "F", defaultValue = "0.1",
            description = "Without --target: the target is the model run with each trainable x (1 + F) "
                    + "(default: ${DEFAULT-VALUE}).")
    double perturb;

    @Option(names = "--stride", paramLabel = "K", defaultValue = "1",
            description = "Compare every K-th recorded sample (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "out/grad")
    Path out;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        Console con = root.console();
        if (stride < 1) {
            throw new BadInputException("--stride must be >= 1, got " + stride);
        }
        HuxleyModel m = modelOptions.load();
        Plan plan = m.compile();
        ParameterLayout layout = m.layout();
        if (layout.size() == 0) {
            throw new BadInputException(modelOptions.describe(m) + " declares no trainables: nothing to "
                    + "differentiate (add \"trainables\" to the model file)");
        }
        int threads = engineOptions.threads();
        GradTarget tgt = target != null ? GradTarget.fromCsv(target, plan, m.protocol())
                : GradTarget.perturbed(plan, m.protocol(), layout, perturb, threads);
        try (SelectedGradientEngine se = SelectedGradientEngine.choose(engineOptions.kind(m.engine()),
                engineOptions.precision(m.precision()), threads)) {
            return run(con, m, plan, layout, tgt, se);
        }
    }

    private int run(Console con, HuxleyModel m, Plan plan, ParameterLayout layout, GradTarget tgt,
            SelectedGradientEngine se) throws java.io.IOException {
        GradientEngine engine = se.engine();
        String source = modelOptions.describe(m);
        Provenance prov = Provenance.of(engine.name(), se.precisionName(), m.seed(), source, root.commandLine());
        con.log("grad", "%s: %d trainables, %d compartments, loss: MSE to %s; engine %s (%s)", source, layout.size(),
                plan.numCompartments(), tgt.description(), engine.name(), se.why());
        long t0 = System.nanoTime();
        GradientResult g;
        try (ProgressDisplay bar = new ProgressDisplay("grad", con.progress())) {
            RunControl control = Cancellation.control(bar);
            try {
                g = engine.valueAndGradient(plan, m.protocol(), new Batch(layout.batch(1)),
                        Losses.meanSquaredError(tgt.values(), stride), control);
            } finally {
                Cancellation.release(control);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!g.valid(0)) {
            throw new SimulationDivergedException("the loss is NaN: the simulation at the model's values diverged"
                    + (g.recordings().diverged(0) ? " at step " + g.recordings().divergedAtStep(0) : ""));
        }
        ObjectNode json = json(m, layout, g, prov, tgt, seconds);
        RunJson.write(out.resolve("grad.json"), json);
        con.resultJson(json);
        con.result(table(layout, g, seconds, engine.name()));
        return ExitCodes.OK;
    }

    private ObjectNode json(HuxleyModel m, ParameterLayout layout, GradientResult g, Provenance prov, GradTarget tgt,
            double seconds) {
        ObjectNode o = Console.mapper().createObjectNode();
        o.put("subcommand", "grad");
        prov.putInto(o);
        ObjectNode loss = o.putObject("loss");
        loss.put("kind", "mean squared error over recordings and samples 0, stride, 2*stride, ...");
        loss.put("target", tgt.description());
        loss.put("stride", stride);
        loss.put("value", g.loss(0));
        o.put("dt_ms", m.protocol().dtMs());
        o.put("steps", g.recordings().numSamples() - 1);
        o.put("wall_seconds", seconds);
        double[] values = layout.batch(1).row(0);
        double[] grad = g.gradient(0);
        ArrayNode params = o.putArray("gradient");
        for (int p = 0; p < layout.size(); p++) {
            ParameterLayout.Parameter par = layout.parameters().get(p);
            ObjectNode po = params.addObject();
            po.put("name", par.name());
            po.put("field", par.field().key());
            po.put("unit", par.field().info().unit());
            po.put("trainable", layout.entryOf(p));
            po.put("value", values[p]);
            po.put("dloss_dvalue", grad[p]);
        }
        o.putObject("files").put("grad_json", out.resolve("grad.json").toString());
        return o;
    }

    private static String table(ParameterLayout layout, GradientResult g, double seconds, String engine) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.6e (%.2f s on %s)%n", g.loss(0),
                seconds, engine));
        sb.append(String.format(Locale.ROOT, "%-32s %-10s %14s %14s%n", "parameter", "unit", "value", "dloss/dvalue"));
        double[] values = layout.batch(1).row(0);
        double[] grad = g.gradient(0);
        List<ParameterLayout.Parameter> ps = layout.parameters();
        for (int p = 0; p < ps.size(); p++) {
            sb.append(String.format(Locale.ROOT, "%-32s %-10s %14.6e %14.6e%n", ps.get(p).name(),
                    ps.get(p).field().info().unit(), values[p], grad[p]));
        }
        return sb.toString();
    }
}
