package org.huxley.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;
import org.huxley.plan.SynapseTable;

/**
 * Which generated source runs a plan, and the fixed headers it includes. A plan whose mechanisms
 * are all built-in runs the built-in module (prebuilt at build time where nvcc / g++ exist);
 * any other plan gets a source of its own mechanisms (compiled at run time: NVRTC or g++).
 */
public final class KernelSources {
    /** Jar folder of the fixed headers (copied from kernels/include by the build). */
    static final String HEADER_RESOURCES = "/org/huxley/cuda/include/";
    /** Jar folder of the build-time products (build-native/build.sh). */
    static final String NATIVE_RESOURCES = "/org/huxley/cuda/native/";

    private static volatile CudaSourceGenerator.Source builtins;
    private static volatile CudaSourceGenerator.Source builtinGradients;
    private static volatile Map<String, String> headers;

    private KernelSources() {
    }

    /**
     * A plan's module source with each table's mechanism id.
     *
     * @param source the module source
     * @param channelIds the mechanism id of each channel table
     * @param synapseIds the mechanism id of each synapse table
     * @param builtin whether the source is the built-in one (prebuilt kernels apply)
     */
    public record Selection(CudaSourceGenerator.Source source, int[] channelIds, int[] synapseIds, boolean builtin) {
    }

    /** {@return the source of every built-in mechanism (channels, then synapses, in BuiltinMechanisms order)} */
    public static CudaSourceGenerator.Source builtins() {
        CudaSourceGenerator.Source b = builtins;
        if (b == null) {
            b = builtinSource(false);
            builtins = b;
        }
        return b;
    }

    /** {@return the built-in module with the gradient kernels (huxley_adjoint.cuh) too} */
    public static CudaSourceGenerator.Source builtinGradients() {
        CudaSourceGenerator.Source b = builtinGradients;
        if (b == null) {
            b = builtinSource(true);
            builtinGradients = b;
        }
        return b;
    }

    private static CudaSourceGenerator.Source builtinSource(boolean gradients) {
        List<Mechanism> ch = new ArrayList<>();
        List<Mechanism> sy = new ArrayList<>();
        for (Mechanism m : BuiltinMechanisms.all().values()) {
            (m.kind() == MechanismKind.CHANNEL ? ch : sy).add(m);
        }
        return CudaSourceGenerator.generate(ch, sy, gradients);
    }

    /**
     * {@return the source and ids for a plan}
     *
     * @param plan the compiled model
     */
    public static Selection select(Plan plan) {
        return select(plan, false);
    }

    /**
     * {@return the gradient-kernel source (forward and adjoint) and ids for a plan}
     *
     * @param plan the compiled model
     */
    public static Selection selectGradients(Plan plan) {
        return select(plan, true);
    }

    private static Selection select(Plan plan, boolean gradients) {
        requireSupported(plan);
        boolean allBuiltin = true;
        for (MechanismTable t : plan.channels()) {
            allBuiltin &= isBuiltin(t.mechanism());
        }
        for (SynapseTable t : plan.synapses()) {
            allBuiltin &= isBuiltin(t.mechanism());
        }
        CudaSourceGenerator.Source src;
        if (allBuiltin) {
            src = gradients ? builtinGradients() : builtins();
        } else {
            List<Mechanism> ch = new ArrayList<>();
            List<Mechanism> sy = new ArrayList<>();
            for (MechanismTable t : plan.channels()) {
                if (ch.stream().noneMatch(m -> m == t.mechanism())) {
                    ch.add(t.mechanism());
                }
            }
            for (SynapseTable t : plan.synapses()) {
                if (sy.stream().noneMatch(m -> m == t.mechanism())) {
                    sy.add(t.mechanism());
                }
            }
            src = CudaSourceGenerator.generate(ch, sy, gradients);
        }
        int[] chIds = plan.channels().stream().mapToInt(t -> src.channelId(t.mechanism())).toArray();
        int[] syIds = plan.synapses().stream().mapToInt(t -> src.synapseId(t.mechanism())).toArray();
        return new Selection(src, chIds, syIds, allBuiltin);
    }

    /**
     * The device kernels read v_pre of the current step only: transmission delays and spike-train
     * synapses (docs/networks.md) run on the CPU engine for now.
     *
     * @throws org.huxley.ModelException naming the first unsupported synapse type
     */
    static void requireSupported(Plan plan) {
        for (SynapseTable t : plan.synapses()) {
            if (t.spikeDriven() || t.delays() != null) {
                throw new org.huxley.ModelException("the CUDA engine does not support "
                        + (t.spikeDriven() ? "spike-train synapses" : "transmission delays") + " yet (synapse type "
                        + t.mechanism().name() + "); run this model with CpuEngine (or -Dhuxley.engine=cpu)");
            }
        }
    }

    /** Whether {@code m} is the built-in mechanism of its name (identity, not just the name). */
    static boolean isBuiltin(Mechanism m) {
        return BuiltinMechanisms.all().get(m.name()) == m;
    }

    /** {@return the fixed headers: include name → text} */
    public static Map<String, String> headers() {
        Map<String, String> h = headers;
        if (h == null) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String name : CudaSourceGenerator.HEADERS) {
                byte[] bytes = resource(HEADER_RESOURCES + name);
                if (bytes == null) {
                    throw new IllegalStateException("packaging error: kernel header " + name + " missing from the jar ("
                            + HEADER_RESOURCES + ")");
                }
                m.put(name, new String(bytes, StandardCharsets.UTF_8));
            }
            h = Map.copyOf(m);
            headers = h;
        }
        return h;
    }

    /**
     * SHA-256 of the fixed headers (in {@link CudaSourceGenerator#HEADERS} order): part of every compiled
     * module's cache key, so that a changed header is never served from a cache built with the old one.
     */
    static String headersHash() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : headers().entrySet()) {
            sb.append(e.getKey()).append('\0').append(e.getValue()).append('\0');
        }
        return CudaSourceGenerator.sha256(sb.toString());
    }

    /** Writes the source and the headers into {@code dir}; returns the source file. */
    static Path writeTree(CudaSourceGenerator.Source src, Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : headers().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        Path file = dir.resolve(fileName);
        Files.writeString(file, src.text());
        return file;
    }

    /** A class-path resource's bytes, or null. */
    static byte[] resource(String path) {
        try (InputStream in = KernelSources.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hash the build recorded for the prebuilt built-in products, or null if none were built. */
    static String prebuiltHash() {
        byte[] b = resource(NATIVE_RESOURCES + "huxley_builtin.sha256");
        return b == null ? null : new String(b, StandardCharsets.UTF_8).trim();
    }

    /** The same for the built-in gradient module (huxley_builtin_grad.*), or null. */
    static String prebuiltGradientHash() {
        byte[] b = resource(NATIVE_RESOURCES + "huxley_builtin_grad.sha256");
        return b == null ? null : new String(b, StandardCharsets.UTF_8).trim();
    }

    /** Cache folder: {@code huxley.cache.dir}, else {@code ~/.cache/huxley}. */
    static Path cacheDir() {
        String p = System.getProperty("huxley.cache.dir");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "huxley");
    }

    /**
     * Writes the built-in source to {@code args[0]} and its SHA-256 to {@code args[1]}, and the
     * built-in gradient source and its hash to {@code args[2]}, {@code args[3]} if given (used by
     * build-native/build.sh).
     *
     * @param args the .cu and .sha256 output paths (two or four)
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 4) {
            // A build tool, run by build-native/build.sh: a usage error fails the build with this message.
            throw new IllegalArgumentException("usage: KernelSources <out.cu> <out.sha256> [<grad.cu> <grad.sha256>], got "
                    + args.length + " arguments");
        }
        CudaSourceGenerator.Source src = builtins();
        Files.writeString(Path.of(args[0]), src.text());
        Files.writeString(Path.of(args[1]), src.sha256() + "\n");
        if (args.length == 4) {
            CudaSourceGenerator.Source grad = builtinGradients();
            Files.writeString(Path.of(args[2]), grad.text());
            Files.writeString(Path.of(args[3]), grad.sha256() + "\n");
        }
    }
}
