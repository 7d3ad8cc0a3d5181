package org.huxley.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernels' numerics compiled for the host (g++, {@code __host__ __device__} defined away) and
 * bound through FFM: {@code hx_host_forward(const hx_run*)} and the test hooks of huxley_entry.cuh.
 * The built-in module comes prebuilt as {@code libhuxley_host.so} when the build had g++; other
 * sources are compiled at run time with {@code g++} (the {@code huxley.cxx} property names another
 * compiler) and cached by the source's hash.
 */
public final class HostLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(HostLibrary.class);
    private static final Map<String, HostLibrary> LOADED = new ConcurrentHashMap<>();
    /** Flags of every host build (also build-native/build.sh): no contraction, IEEE semantics. */
    public static final List<String> CXX_FLAGS = List.of("-std=c++17", "-O2", "-fPIC", "-shared", "-ffp-contract=off",
            "-fno-fast-math", "-x", "c++");

    private final String origin;
    private final Path file;
    private final MethodHandle forward;
    private final MethodHandle forwardCellPerBlock;
    private final MethodHandle math;
    private final MethodHandle abiVersion;
    private final MethodHandle structSize;
    private final MethodHandle fieldOffset;
    private final MethodHandle adjoint;
    private final MethodHandle adjStructSize;
    private final MethodHandle adjFieldOffset;

    private HostLibrary(SymbolLookup lib, String origin, Path file) {
        this.origin = origin;
        this.file = file;
        String name = "libhuxley_host (" + origin + ")";
        forward = NativeLibs.fn(lib, name, "hx_host_forward", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // forward modules only (huxley_coop.cuh); null in gradient modules
        forwardCellPerBlock = lib.find("hx_host_forward_cpb").isPresent()
                ? NativeLibs.fn(lib, name, "hx_host_forward_cpb", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        math = NativeLibs.fn(lib, name, "hx_host_math",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        abiVersion = NativeLibs.fn(lib, name, "hx_host_abi_version", FunctionDescriptor.of(JAVA_LONG));
        structSize = NativeLibs.fn(lib, name, "hx_host_struct_size", FunctionDescriptor.of(JAVA_LONG));
        fieldOffset = NativeLibs.fn(lib, name, "hx_host_field_offset", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        // gradient modules only (CudaSourceGenerator.generate(…, true)); null in forward modules
        boolean grad = lib.find("hx_host_adjoint").isPresent();
        adjoint = grad ? NativeLibs.fn(lib, name, "hx_host_adjoint", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT))
                : null;
        adjStructSize = grad ? NativeLibs.fn(lib, name, "hx_host_adj_struct_size", FunctionDescriptor.of(JAVA_LONG))
                : null;
        adjFieldOffset = grad ? NativeLibs.fn(lib, name, "hx_host_adj_field_offset",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS)) : null;
    }

    /**
     * The host library of a source: the prebuilt one if {@code allowPrebuilt} and its hash matches,
     * else compiled now (or taken from the cache).
     *
     * @param src the generated source
     * @param allowPrebuilt whether the prebuilt library may be used
     * @return the library
     * @throws CudaUnavailableException if no compiler is available or native access is off
     */
    public static HostLibrary forSource(CudaSourceGenerator.Source src, boolean allowPrebuilt) {
        NativeLibs.nativeAccessProblem().ifPresent(p -> {
            throw new CudaUnavailableException(p);
        });
        String key = src.sha256() + (allowPrebuilt ? "" : "-compiled");
        return LOADED.computeIfAbsent(key, k -> {
            boolean forward = src.sha256().equals(KernelSources.prebuiltHash());
            if (allowPrebuilt && (forward || src.sha256().equals(KernelSources.prebuiltGradientHash()))) {
                byte[] so = KernelSources.resource(KernelSources.NATIVE_RESOURCES + "linux-x86_64/"
                        + (forward ? "libhuxley_host.so" : "libhuxley_host_grad.so"));
                if (so != null) {
                    try {
                        Path tmp = Files.createTempFile("libhuxley_host-", ".so");
                        tmp.toFile().deleteOnExit();
                        Files.write(tmp, so);
                        return new HostLibrary(SymbolLookup.libraryLookup(tmp, Arena.global()), "prebuilt", tmp);
                    } catch (IOException e) {
                        LOG.warn("could not extract the prebuilt host library ({}); compiling it", e.toString());
                    }
                }
            }
            return compile(src);
        });
    }

    private static HostLibrary compile(CudaSourceGenerator.Source src) {
        String cxx = System.getProperty("huxley.cxx", "g++");
        String key = CudaSourceGenerator.sha256(src.sha256() + KernelSources.headersHash());
        Path dir = KernelSources.cacheDir().resolve("host").resolve(key.substring(0, 24));
        Path so = dir.resolve("libhuxley_host.so");
        try {
            if (!Files.isRegularFile(so)) {
                Path tmpDir = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".tmp" + ProcessHandle.current().pid()));
                Path file = KernelSources.writeTree(src, tmpDir, "huxley_module.cpp");
                Path tmpSo = tmpDir.resolve("libhuxley_host.so");
                List<String> cmd = new java.util.ArrayList<>();
                cmd.add(cxx);
                cmd.addAll(CXX_FLAGS);
                cmd.add(file.toString());
                cmd.add("-o");
                cmd.add(tmpSo.toString());
                Process p;
                try {
                    p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                } catch (IOException e) {
                    throw new CudaUnavailableException("no host C++ compiler: '" + cxx + "' could not be run (" + e.getMessage()
                            + "); set -Dhuxley.cxx=...");
                }
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(cxx + " did not finish within 300 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(cxx + " failed on the generated source " + file + ":\n" + log);
                }
                Files.createDirectories(dir);
                Files.move(tmpSo, so, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                deleteTree(tmpDir);
            }
            return new HostLibrary(SymbolLookup.libraryLookup(so, Arena.global()), "compiled " + so, so);
        } catch (IOException e) {
            throw new IllegalStateException("could not build the host library in " + dir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the host library", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir, e.toString());
        }
    }

    /** {@return the shared-object file} */
    public Path file() {
        return file;
    }

    /** {@return where this library came from ("prebuilt" or the compiled file)} */
    public String origin() {
        return origin;
    }

    /** Runs {@code hx_host_forward} on a struct in host memory; returns its status. */
    int forward(MemorySegment run) {
        try {
            return (int) forward.invokeExact(run);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * Runs {@code hx_host_forward_cpb} (the cell-per-block kernel's code, phases in reverse item order)
     * on a struct in host memory; returns its status.
     *
     * @throws IllegalStateException if this library has no cell-per-block entry (a gradient module)
     */
    int forwardCellPerBlock(MemorySegment run) {
        if (forwardCellPerBlock == null) {
            throw new IllegalStateException(origin + " has no hx_host_forward_cpb (not a forward module)");
        }
        try {
            return (int) forwardCellPerBlock.invokeExact(run);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return y = f(x) for the math hooks (huxley_entry.cuh: 0..4 double, 10..14 float)}
     *
     * @param f the hook's number
     * @param x the arguments
     */
    public double[] math(int f, double[] x) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment in = a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_DOUBLE, x);
            MemorySegment out = a.allocate(java.lang.foreign.ValueLayout.JAVA_DOUBLE, Math.max(1, x.length));
            int rc = (int) math.invokeExact(f, in, out, (long) x.length);
            if (rc != 0) {
                throw new IllegalArgumentException("hx_host_math: unknown function " + f);
            }
            return java.util.Arrays.copyOf(out.toArray(java.lang.foreign.ValueLayout.JAVA_DOUBLE), x.length);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** {@return the ABI version the library was built with} */
    public long abiVersion() {
        try {
            return (long) abiVersion.invokeExact();
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** {@return the size of the run struct as the library sees it, bytes} */
    public long structSize() {
        try {
            return (long) structSize.invokeExact();
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return the C compiler's offset of an hx_run field, or −1}
     *
     * @param field the field's name
     */
    public long fieldOffset(String field) {
        try (Arena a = Arena.ofConfined()) {
            return (long) fieldOffset.invokeExact(a.allocateFrom(field));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** Runs one phase of the gradient kernels ({@code hx_host_adjoint}) on a struct in host memory; returns its status. */
    int adjoint(MemorySegment adj, int phase) {
        requireGradients();
        try {
            return (int) adjoint.invokeExact(adj, phase);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** {@return sizeof(hx_adj) as the C compiler lays it out} */
    public long adjointStructSize() {
        requireGradients();
        try {
            return (long) adjStructSize.invokeExact();
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return the C compiler's offset of an hx_adj field, or −1}
     *
     * @param field the field name
     */
    public long adjointFieldOffset(String field) {
        requireGradients();
        try (Arena a = Arena.ofConfined()) {
            return (long) adjFieldOffset.invokeExact(a.allocateFrom(field));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    private void requireGradients() {
        if (adjoint == null) {
            throw new IllegalStateException("internal: " + origin + " is a forward module without the gradient kernels");
        }
    }
}
