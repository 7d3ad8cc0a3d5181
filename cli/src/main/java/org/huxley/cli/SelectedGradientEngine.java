package org.huxley.cli;

import java.util.function.Function;
import org.huxley.adjoint.CpuGradientEngine;
import org.huxley.adjoint.GradientEngine;
import org.huxley.adjoint.cuda.CudaGradientEngine;
import org.huxley.engine.Precision;

/**
 * The gradient engine grad runs on, chosen like {@link SelectedEngine}: the CPU discrete adjoint
 * (float64) or the CUDA one (float64 equal to the CPU adjoint to about 1e-13 relative on an H100,
 * float32 by the cosine rule; docs/gpu.md); closes the device when done.
 *
 * @param engine the engine
 * @param precision the arithmetic it uses (the CPU adjoint is always float64)
 * @param why one line for logs, e.g. why CUDA was not used
 */
record SelectedGradientEngine(GradientEngine engine, Precision precision, String why) implements AutoCloseable {
    /**
     * Opens the CUDA gradient engine. Tests put the host build of the same kernels here
     * ({@code HostGradientEngine}) to run grad's CUDA path without a GPU.
     */
    static volatile Function<Precision, GradientEngine> cudaFactory = CudaGradientEngine::create;

    /**
     * Picks the engine: {@code cpu} → CPU adjoint; {@code cuda} → CUDA or an error with the reason;
     * {@code auto} → the CPU adjoint (float64): for grad's one parameter set it is faster than today's
     * one-thread-per-set CUDA gradient kernels (docs/performance.md "CUDA engine"), so the GPU is used
     * only when asked for.
     *
     * @throws BadInputException for the CPU engine asked for float32
     * @throws org.huxley.cuda.CudaUnavailableException for {@code cuda} where CUDA cannot run
     */
    static SelectedGradientEngine choose(EngineOptions.EngineKind kind, Precision precision, int threads) {
        switch (kind) {
            case CPU -> {
                if (precision == Precision.FLOAT32) {
                    throw new BadInputException("the CPU gradient engine computes in float64 only: use --precision "
                            + "float64 or --engine cuda");
                }
                return cpu(threads, "CPU engine asked for");
            }
            case CUDA -> {
                return new SelectedGradientEngine(cudaFactory.apply(precision), precision, "CUDA engine asked for");
            }
            default -> {
                return cpu(threads, "auto: the CPU adjoint is faster than the CUDA gradient kernels for one set");
            }
        }
    }

    private static SelectedGradientEngine cpu(int threads, String why) {
        return new SelectedGradientEngine(new CpuGradientEngine(threads, null), Precision.FLOAT64, why);
    }

    /** {@code float64} or {@code float32}. */
    String precisionName() {
        return precision == Precision.FLOAT32 ? "float32" : "float64";
    }

    @Override
    public void close() {
        if (engine instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + engine.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
