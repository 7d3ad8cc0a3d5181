package org.huxley.engine;

import java.util.Locale;
import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.CudaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the forward engine at run time: the CUDA engine when a GPU, its driver and kernels are
 * usable, else the CPU engine. Logs one INFO line naming the device (or, for the CPU, why not,
 * as one WARN line). The system property {@code huxley.engine} = {@code cpu} / {@code cuda} /
 * {@code auto} (default) forces a choice; {@code cuda} fails instead of falling back.
 */
public final class Engines {
    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private Engines() {
    }

    /** {@return the best engine in float64 (results equal to the CPU engine's)} */
    public static Engine best() {
        return best(Precision.FLOAT64);
    }

    /**
     * The best engine with the given GPU precision (the CPU engine is always float64).
     *
     * @param precision the GPU precision
     * @return the engine
     * @throws CudaUnavailableException only when {@code huxley.engine=cuda} and CUDA cannot run
     */
    public static Engine best(Precision precision) {
        String choice = System.getProperty("huxley.engine", "auto").toLowerCase(Locale.ROOT);
        if (choice.equals("cpu")) {
            LOG.info("engine: CPU float64 ({} threads; chosen by huxley.engine=cpu)",
                    Runtime.getRuntime().availableProcessors());
            return new CpuEngine();
        }
        try {
            CudaEngine e = CudaEngine.create(precision);
            LOG.info("engine: CUDA {} on {}, driver {}, kernels: {}", precision, e.context(),
                    e.context().driverVersion(), e.builtinKernelOrigin());
            return e;
        } catch (CudaUnavailableException e) {
            if (choice.equals("cuda")) {
                throw e;
            }
            LOG.warn("engine: CPU float64 ({} threads): the CUDA engine is unavailable: {}",
                    Runtime.getRuntime().availableProcessors(), e.getMessage());
            return new CpuEngine();
        }
    }
}
