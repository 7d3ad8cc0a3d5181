package org.huxley.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed FFM bindings to NVRTC (the CUDA runtime compiler), loaded lazily: {@code libnvrtc.so.13}
 * (or 12, 11.2) through the loader's search path, then from {@code $CUDA_HOME/lib64},
 * {@code /usr/local/cuda/lib64} and {@code /usr/local/cuda-13.0/lib64}; the system property
 * {@code huxley.nvrtc.library} names a file explicitly. Errors are {@link CudaException}s whose
 * description is the compile log.
 */
public final class Nvrtc {
    static final String LIB = "libnvrtc";
    private static final Object LOCK = new Object();
    private static volatile Nvrtc instance;
    private static volatile CudaUnavailableException failure;

    private final MethodHandle version;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle destroyProgram;
    private final MethodHandle getLogSize;
    private final MethodHandle getLog;
    private final MethodHandle getPtxSize;
    private final MethodHandle getPtx;
    private final MethodHandle getCubinSize;
    private final MethodHandle getCubin;
    private final MethodHandle getErrorString;
    private final int[] versionNumbers;

    private Nvrtc(SymbolLookup lib) throws Throwable {
        version = NativeLibs.fn(lib, LIB, "nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        createProgram = NativeLibs.fn(lib, LIB, "nvrtcCreateProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        compileProgram = NativeLibs.fn(lib, LIB, "nvrtcCompileProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        destroyProgram = NativeLibs.fn(lib, LIB, "nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        FunctionDescriptor sizeFd = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        getLogSize = NativeLibs.fn(lib, LIB, "nvrtcGetProgramLogSize", sizeFd);
        getLog = NativeLibs.fn(lib, LIB, "nvrtcGetProgramLog", sizeFd);
        getPtxSize = NativeLibs.fn(lib, LIB, "nvrtcGetPTXSize", sizeFd);
        getPtx = NativeLibs.fn(lib, LIB, "nvrtcGetPTX", sizeFd);
        getCubinSize = NativeLibs.fn(lib, LIB, "nvrtcGetCUBINSize", sizeFd);
        getCubin = NativeLibs.fn(lib, LIB, "nvrtcGetCUBIN", sizeFd);
        getErrorString = NativeLibs.fn(lib, LIB, "nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT);
            MemorySegment minor = a.allocate(JAVA_INT);
            check("nvrtcVersion", (int) version.invokeExact(major, minor), null);
            versionNumbers = new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
        }
    }

    /**
     * The NVRTC library, loaded once.
     *
     * @return the library
     * @throws CudaUnavailableException if no NVRTC library can be loaded (the same reason every time)
     */
    public static Nvrtc get() {
        Nvrtc n = instance;
        if (n != null) {
            return n;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                NativeLibs.nativeAccessProblem().ifPresent(p -> {
                    throw new CudaUnavailableException(p);
                });
                List<Path> dirs = new ArrayList<>();
                String cudaHome = System.getenv("CUDA_HOME");
                if (cudaHome != null && !cudaHome.isBlank()) {
                    dirs.add(Path.of(cudaHome, "lib64"));
                }
                dirs.add(Path.of("/usr/local/cuda/lib64"));
                dirs.add(Path.of("/usr/local/cuda-13.0/lib64"));
                dirs.add(Path.of("/usr/local/cuda-12/lib64"));
                SymbolLookup lib = NativeLibs.load("NVRTC (libnvrtc.so.13)", "huxley.nvrtc.library",
                        List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"), dirs);
                instance = new Nvrtc(lib);
                return instance;
            } catch (CudaUnavailableException e) {
                failure = e;
                throw e;
            } catch (Throwable t) {
                failure = new CudaUnavailableException("NVRTC could not be bound: " + t, t);
                throw failure;
            }
        }
    }

    /** {@return why {@link #get()} fails, or null when NVRTC is usable} */
    public static String unavailableReason() {
        try {
            get();
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    /** {@return {major, minor}} */
    public int[] version() {
        return versionNumbers.clone();
    }

    /**
     * What {@link #compile} returns: the image (cubin, or NUL-terminated PTX) and the log.
     *
     * @param image the compiled image
     * @param isCubin whether it is a cubin (else PTX)
     * @param log the compile log
     */
    public record Result(byte[] image, boolean isCubin, String log) {
    }

    /**
     * Compiles one source with in-memory headers.
     *
     * @param headers include name → text
     * @param options NVRTC options; with {@code --gpu-architecture=sm_XY} a cubin is returned,
     *     with {@code compute_XY} PTX
     * @param source the CUDA C++ source
     * @param name the source's name, for messages
     * @return the image and the log
     * @throws CudaException with the compile log when compilation fails
     */
    public Result compile(String source, String name, Map<String, String> headers, List<String> options) {
        try (Arena a = Arena.ofConfined()) {
            List<String> names = new ArrayList<>(headers.keySet());
            List<String> texts = names.stream().map(headers::get).toList();
            MemorySegment progOut = a.allocate(ADDRESS);
            check("nvrtcCreateProgram", (int) createProgram.invokeExact(progOut, a.allocateFrom(source),
                    a.allocateFrom(name), names.size(), NativeLibs.strings(a, texts), NativeLibs.strings(a, names)), null);
            MemorySegment prog = progOut.get(ADDRESS, 0);
            try {
                int rc = (int) compileProgram.invokeExact(prog, options.size(), NativeLibs.strings(a, options));
                String log = bytes(a, prog, getLogSize, getLog, true);
                check("nvrtcCompileProgram(" + name + ", " + options + ")", rc, log);
                boolean cubin = options.stream().anyMatch(o -> o.matches("(--gpu-architecture=|-arch=)sm_\\d+"));
                byte[] image = cubin ? raw(a, prog, getCubinSize, getCubin) : raw(a, prog, getPtxSize, getPtx);
                return new Result(image, cubin, log);
            } finally {
                MemorySegment p = a.allocate(ADDRESS);
                p.set(ADDRESS, 0, prog);
                int ignored = (int) destroyProgram.invokeExact(p);
            }
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    private byte[] raw(Arena a, MemorySegment prog, MethodHandle size, MethodHandle get) throws Throwable {
        MemorySegment n = a.allocate(JAVA_LONG);
        check("nvrtcGet*Size", (int) size.invokeExact(prog, n), null);
        long len = n.get(JAVA_LONG, 0);
        MemorySegment buf = a.allocate(Math.max(1, len));
        check("nvrtcGet*", (int) get.invokeExact(prog, buf), null);
        return buf.asSlice(0, len).toArray(JAVA_BYTE);
    }

    private String bytes(Arena a, MemorySegment prog, MethodHandle size, MethodHandle get, boolean text)
            throws Throwable {
        byte[] b = raw(a, prog, size, get);
        int len = b.length;
        while (text && len > 0 && b[len - 1] == 0) {
            len--;
        }
        return new String(b, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void check(String call, int rc, String log) {
        if (rc != 0) {
            String name;
            try {
                name = NativeLibs.string((MemorySegment) getErrorString.invokeExact(rc));
            } catch (Throwable t) {
                name = "NVRTC_ERROR_" + rc;
            }
            throw new CudaException(call, rc, name, log == null || log.isBlank() ? name : log);
        }
    }
}
