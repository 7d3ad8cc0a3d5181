package org.huxley.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.huxley.engine.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a module's device code comes from: the prebuilt fatbin of the built-in mechanisms (a jar
 * resource built by build-native/build.sh with nvcc: SASS sm_80, sm_90 + PTX), or NVRTC for any
 * other source, cached by the hash of source, options and architecture in memory and under
 * {@code ~/.cache/huxley/cuda} (property {@code huxley.cache.dir}).
 */
final class CudaKernels {
    private static final Logger LOG = LoggerFactory.getLogger(CudaKernels.class);
    private static final Map<String, byte[]> COMPILED = new ConcurrentHashMap<>();

    private CudaKernels() {
    }

    /** The kernel name of a precision. */
    static String kernelName(Precision p) {
        return "hx_forward_" + p.suffix();
    }

    /** The prebuilt fatbin of the built-in source for a precision, or null (with the reason logged at DEBUG). */
    static byte[] prebuiltFatbin(Precision p) {
        String hash = KernelSources.prebuiltHash();
        if (hash == null) {
            LOG.debug("no prebuilt fatbin: the build had no nvcc");
            return null;
        }
        if (!hash.equals(KernelSources.builtins().sha256())) {
            LOG.warn("the prebuilt fatbin was built from another built-in source (hash {} vs {}); using NVRTC. "
                    + "This is a packaging error: rebuild the jar.", hash, KernelSources.builtins().sha256());
            return null;
        }
        return KernelSources.resource(KernelSources.NATIVE_RESOURCES + "huxley_builtin_" + p.suffix() + ".fatbin");
    }

    /** The prebuilt fatbin of the built-in gradient source for a precision, or null (NVRTC then). */
    static byte[] prebuiltGradientFatbin(Precision p) {
        String hash = KernelSources.prebuiltGradientHash();
        if (hash == null || !hash.equals(KernelSources.builtinGradients().sha256())) {
            LOG.debug("no prebuilt gradient fatbin for this source (hash {})", hash);
            return null;
        }
        return KernelSources.resource(KernelSources.NATIVE_RESOURCES + "huxley_builtin_grad_" + p.suffix() + ".fatbin");
    }

    /** NVRTC options for a precision and compute capability (10·major + minor). */
    static List<String> nvrtcOptions(Precision p, int cc) {
        return List.of("--gpu-architecture=sm_" + cc, "-std=c++17",
                // float64 without FMA contraction: the same roundings as the Java engine (docs/gpu.md)
                p == Precision.FLOAT64 ? "--fmad=false" : "--fmad=true",
                p == Precision.FLOAT64 ? "-DHX_ONLY_F64" : "-DHX_ONLY_F32");
    }

    /**
     * Compiles a source with NVRTC for one precision and architecture (cubin), using the caches.
     *
     * @throws CudaUnavailableException if NVRTC is missing
     * @throws CudaException with the log if compilation fails
     */
    static byte[] compile(CudaSourceGenerator.Source src, Precision p, int cc) {
        Nvrtc nvrtc = Nvrtc.get();
        List<String> options = nvrtcOptions(p, cc);
        int[] v = nvrtc.version();
        String key = CudaSourceGenerator.sha256(src.sha256() + KernelSources.headersHash() + options + "nvrtc" + v[0]
                + "." + v[1]);
        return COMPILED.computeIfAbsent(key, k -> {
            Path file = KernelSources.cacheDir().resolve("cuda").resolve(k.substring(0, 32) + ".cubin");
            try {
                if (Files.isRegularFile(file)) {
                    return Files.readAllBytes(file);
                }
            } catch (IOException e) {
                LOG.debug("kernel cache unreadable: {}", e.toString());
            }
            long t0 = System.nanoTime();
            Nvrtc.Result r = nvrtc.compile(src.text(), "huxley_module.cu", KernelSources.headers(), options);
            LOG.debug("NVRTC {}.{} compiled {} for sm_{} in {} ms", v[0], v[1], p, cc, (System.nanoTime() - t0) / 1e6);
            try {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "k", ".tmp");
                Files.write(tmp, r.image());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("kernel cache not written: {}", e.toString());
            }
            return r.image();
        });
    }
}
