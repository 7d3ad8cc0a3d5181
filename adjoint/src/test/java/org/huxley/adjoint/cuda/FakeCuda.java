package org.huxley.adjoint.cuda;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.HostLibrary;
import org.huxley.cuda.KernelSources;
import org.huxley.engine.Precision;
import org.huxley.testing.HostTestSupport;

/**
 * The CPU stand-in of libcuda.so.1 (huxley-core's test resource fake_cuda.cpp, see FakeDriverTest)
 * for the gradient module's tests: a {@link CudaEngine} whose device path is real (bindings, buffers,
 * struct with device addresses, launches, status word, downloads) and whose kernels are the host
 * build of the built-in module. Null when there is no host compiler.
 */
public final class FakeCuda {
    private static Path library;
    private static boolean tried;

    private FakeCuda() {
    }

    /** Whether g++ is available (else the fake cannot be built). */
    public static boolean available() {
        return HostTestSupport.hostCompiler();
    }

    /** A CUDA engine on the fake driver. */
    public static synchronized CudaEngine engine(Precision precision) throws Exception {
        if (!tried) {
            tried = true;
            Path host = HostLibrary.forSource(KernelSources.builtinGradients(), false).file();
            Path dir = Files.createTempDirectory("fake-cuda-grad");
            Path src = dir.resolve("fake_cuda.cpp");
            try (InputStream in = ClassLoader.getSystemResourceAsStream("org/huxley/cuda/fake/fake_cuda.cpp")) {
                Files.write(src, in.readAllBytes());
            }
            Path so = dir.resolve("libfakecuda.so");
            Process p = new ProcessBuilder(System.getProperty("huxley.cxx", "g++"), "-std=c++17", "-O1", "-shared",
                    "-fPIC", "-DHX_HOSTLIB=\"" + host.toAbsolutePath() + "\"", src.toString(), "-o", so.toString(), "-ldl")
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("fake driver did not compile:\n" + log);
            }
            library = so;
        }
        CudaEngine engine = CudaEngine.onDriverLibrary(library, precision);
        // the stand-in runs the host library above whatever image is loaded: skip compiling device code
        engine.preloadImage(KernelSources.builtinGradients(), new byte[] {0}, "fake (host library)");
        return engine;
    }
}
