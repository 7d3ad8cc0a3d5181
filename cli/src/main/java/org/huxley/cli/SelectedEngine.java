package org.huxley.cli;

import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.CudaUnavailableException;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Engine;
import org.huxley.engine.Precision;

/**
 * The forward engine a command runs on, with the precision it actually computes in and why it was
 * chosen; closes the CUDA engine's device memory and modules when done.
 *
 * @param engine the engine
 * @param precision the arithmetic it uses (the CPU engine is always float64)
 * @param why one line for logs, e.g. why CUDA was not used
 */
record SelectedEngine(Engine engine, Precision precision, String why) implements AutoCloseable {
    /**
     * Picks the engine: {@code cpu} → CPU; {@code cuda} → CUDA or an error with the reason;
     * {@code auto} → CUDA when usable, else CPU (float64) with the reason.
     *
     * @throws BadInputException for the CPU engine asked for float32
     * @throws CudaUnavailableException for {@code cuda} where CUDA cannot run
     */
    static SelectedEngine choose(EngineOptions.EngineKind kind, Precision precision, int threads) {
        switch (kind) {
            case CPU -> {
                if (precision == Precision.FLOAT32) {
                    throw new BadInputException("the CPU engine computes in float64 only: use --precision float64 "
                            + "or --engine cuda");
                }
                return new SelectedEngine(new CpuEngine(threads), Precision.FLOAT64, "CPU engine asked for");
            }
            case CUDA -> {
                return new SelectedEngine(CudaEngine.create(precision), precision, "CUDA engine asked for");
            }
            default -> {
                try {
                    CudaEngine cuda = CudaEngine.create(precision);
                    return new SelectedEngine(cuda, precision, "CUDA is usable: " + cuda.context().deviceName());
                } catch (CudaUnavailableException e) {
                    return new SelectedEngine(new CpuEngine(threads), Precision.FLOAT64,
                            "CUDA engine unavailable (" + e.getMessage() + ")");
                }
            }
        }
    }

    /** {@code float64} or {@code float32}. */
    String precisionName() {
        return precision == Precision.FLOAT32 ? "float32" : "float64";
    }

    @Override
    public void close() {
        if (engine instanceof CudaEngine c) {
            c.close();
        }
    }
}
