package org.huxley.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.huxley.cuda.CudaContext;
import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.CudaUnavailableException;
import org.huxley.engine.Precision;
import org.huxley.mech.BuiltinMechanisms;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code huxley info}: versions, engines available here (and why not), device, Java and OS. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Huxley version and commit, the engines available here (and why not), the device, "
                + "Java and OS, built-in mechanisms, examples and workloads.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    HuxleyCli root;

    @Override
    public Integer call() {
        Console con = root.console();
        ObjectNode o = Console.mapper().createObjectNode();
        o.put("huxley", Versions.version());
        o.put("commit", Versions.commit());
        ObjectNode java = o.putObject("java");
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("home", System.getProperty("java.home"));
        ObjectNode os = o.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        os.put("processors", Runtime.getRuntime().availableProcessors());
        os.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        ArrayNode engines = o.putArray("engines");
        ObjectNode cpu = engines.addObject();
        cpu.put("name", "cpu-float64");
        cpu.put("available", true);
        cpu.put("detail", Runtime.getRuntime().availableProcessors() + " threads; gradients: cpu-float64-adjoint");
        String why = null;
        CudaEngine cuda = null;
        try {
            cuda = CudaEngine.create(Precision.FLOAT64);
        } catch (CudaUnavailableException e) {
            why = e.getMessage();
        }
        try {
            for (Precision p : new Precision[] {Precision.FLOAT64, Precision.FLOAT32}) {
                ObjectNode e = engines.addObject();
                e.put("name", "cuda-" + p.suffix());
                e.put("available", cuda != null);
                if (cuda != null) {
                    e.put("detail", "kernels: " + cuda.builtinKernelOrigin() + "; gradients: cuda-" + p.suffix()
                            + "-adjoint");
                } else {
                    e.put("reason", why);
                }
            }
            if (cuda != null) {
                CudaContext ctx = cuda.context();
                ObjectNode dev = o.putObject("device");
                dev.put("name", ctx.deviceName());
                dev.put("ordinal", ctx.ordinal());
                dev.put("compute_capability", ctx.computeCapability());
                dev.put("multiprocessors", ctx.multiprocessors());
                dev.put("total_memory_bytes", ctx.totalMemory());
                dev.put("driver_version", ctx.driverVersion());
            } else {
                o.putNull("device");
            }
        } finally {
            if (cuda != null) {
                cuda.close();
            }
        }
        ArrayNode mechs = o.putArray("mechanisms");
        BuiltinMechanisms.all().keySet().forEach(mechs::add);
        ArrayNode ex = o.putArray("examples");
        ExampleModels.names().forEach(ex::add);
        ArrayNode wl = o.putArray("workloads");
        BenchWorkloads.names().forEach(wl::add);
        con.resultJson(o);
        con.result(text(o));
        return ExitCodes.OK;
    }

    private static String text(ObjectNode o) {
        StringBuilder sb = new StringBuilder();
        sb.append("huxley ").append(o.get("huxley").asString()).append(" (commit ").append(o.get("commit").asString())
                .append(")\n");
        var j = o.get("java");
        sb.append("java ").append(j.get("version").asString()).append(" (").append(j.get("vendor").asString())
                .append(")\n");
        var os = o.get("os");
        sb.append(String.format(Locale.ROOT, "os %s %s %s, %d processors, max heap %.1f GiB%n",
                os.get("name").asString(),
                os.get("version").asString(), os.get("arch").asString(), os.get("processors").asInt(),
                os.get("max_heap_bytes").asLong() / (double) (1L << 30)));
        sb.append("engines:\n");
        for (var e : o.get("engines")) {
            sb.append(String.format(Locale.ROOT, "  %-12s %s%n", e.get("name").asString(),
                    e.get("available").asBoolean() ? "available (" + e.get("detail").asString() + ")"
                            : "unavailable: " + e.get("reason").asString()));
        }
        var dev = o.get("device");
        if (dev != null && !dev.isNull()) {
            sb.append(String.format(Locale.ROOT, "device %s (compute capability %d, %d SMs, %.1f GiB, driver %d)%n",
                    dev.get("name").asString(), dev.get("compute_capability").asInt(),
                    dev.get("multiprocessors").asInt(), dev.get("total_memory_bytes").asLong() / (double) (1L << 30),
                    dev.get("driver_version").asInt()));
        } else {
            sb.append("device: none (CPU only)\n");
        }
        sb.append("mechanisms: ").append(join(o.get("mechanisms"))).append('\n');
        sb.append("examples: ").append(join(o.get("examples"))).append('\n');
        sb.append("bench workloads: ").append(join(o.get("workloads"))).append('\n');
        return sb.toString();
    }

    private static String join(tools.jackson.databind.JsonNode arr) {
        StringBuilder sb = new StringBuilder();
        for (var n : arr) {
            sb.append(sb.isEmpty() ? "" : ", ").append(n.asString());
        }
        return sb.toString();
    }
}
