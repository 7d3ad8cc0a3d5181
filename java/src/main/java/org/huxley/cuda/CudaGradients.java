package org.huxley.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import org.huxley.HuxleyException;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.RunControl;
import org.huxley.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gradient kernels on a GPU (docs/gpu.md "Gradients"): the schedule of {@link KernelGradients}
 * with every array in device memory, one launch per phase (forward with checkpoints, one per segment,
 * the reduction), one thread per parameter set. Uses the modules and context of a {@link CudaEngine}
 * (the same built-in fatbin or NVRTC module carries the forward and the gradient kernels). A batch
 * whose checkpoints do not fit in device memory is split into launches that do.
 */
public final class CudaGradients {
    private static final Logger LOG = LoggerFactory.getLogger(CudaGradients.class);
    private final CudaEngine engine;

    /**
     * Gradients on an open forward engine's device and modules.
     *
     * @param engine the forward engine
     */
    public CudaGradients(CudaEngine engine) {
        this.engine = engine;
    }

    /** {@return the forward engine this runs on} */
    public CudaEngine engine() {
        return engine;
    }

    /**
     * Value and gradient for every set of the batch: the loss on the host or on the device, a checkpoint
     * every K steps (memory ⌈T/K⌉ + K + 2 states per set), as {@code request} says.
     *
     * @param plan the compiled model
     * @param protocol time step and duration
     * @param batch parameter sets
     * @param request loss, recordings, checkpoint interval
     * @param control cancellation and progress
     * @return loss, gradient and run figures
     */
    public KernelGradients.Result valueAndGradient(Plan plan, Protocol protocol, Batch batch,
            KernelGradients.Request request, RunControl control) {
        return KernelGradients.run(new DeviceBackend(), plan, protocol, batch, request, control);
    }

    /** The kernel name of a phase and precision. */
    static String kernelName(int phase, Precision p) {
        String what = switch (phase) {
            case AdjointLayout.FORWARD -> "forward";
            case AdjointLayout.SEGMENT -> "segment";
            case AdjointLayout.LOSS -> "loss";
            default -> "reduce";
        };
        return "hx_adj_" + what + "_" + p.suffix();
    }

    private final class DeviceBackend implements KernelGradients.Backend {
        @Override
        public Precision precision() {
            return engine.precision();
        }

        @Override
        public int setsPerLaunch(AdjointImage.Sizes sizes, int terms, int sets) {
            CudaContext context = engine.context();
            long free = context.freeMemory();
            long budget = Math.max(0, (long) ((free - CudaEngine.RESERVE_BYTES) * 0.9));
            long cap = Long.getLong("huxley.cuda.maxBytes", Long.MAX_VALUE);
            budget = Math.min(budget, cap);
            long fixed = sizes.bytes(0, terms);
            long perSet = sizes.bytesPerSet(terms);
            long fit = budget <= fixed ? 0 : (budget - fixed) / perSet;
            if (fit < 1) {
                throw new HuxleyException(String.format(java.util.Locale.ROOT,
                        "the gradient of this model does not fit on %s: one parameter set needs %.1f MiB (%d stored "
                                + "states of %d values, checkpoints every %d steps) but only %.1f MiB of device memory "
                                + "can be used (%.1f MiB free%s); record fewer samples or shorten the run",
                        context.deviceName(), (fixed + perSet) / 1048576.0, sizes.storedStates(), sizes.stateSize,
                        sizes.every, budget / 1048576.0, free / 1048576.0,
                        cap == Long.MAX_VALUE ? "" : ", capped by huxley.cuda.maxBytes"));
            }
            int chunk = (int) Math.min(sets, Math.min(fit, Integer.MAX_VALUE));
            if (chunk < sets) {
                LOG.info("gradient batch of {} sets split into launches of {} ({} KiB per set, {} MiB usable)", sets,
                        chunk, perSet >> 10, budget >> 20);
            }
            return chunk;
        }

        @Override
        public KernelGradients.Launch open(AdjointImage image, Arena arena) {
            CudaContext context = engine.context();
            CudaModule module = engine.module(KernelSources.selectGradients(image.sizes.shape.plan).source());
            Precision p = engine.precision();
            CudaModule.Kernel[] kernels = {module.kernel(kernelName(AdjointLayout.FORWARD, p)),
                    module.kernel(kernelName(AdjointLayout.SEGMENT, p)), module.kernel(kernelName(AdjointLayout.REDUCE, p)),
                    module.kernel(kernelName(AdjointLayout.LOSS, p))};
            Map<String, DeviceBuffer> buffers = new HashMap<>();
            try {
                Map<String, Long> addr = new HashMap<>();
                for (Map.Entry<String, MemorySegment> e : image.allInputs().entrySet()) {
                    DeviceBuffer buf = context.allocate(e.getValue().byteSize());
                    buffers.put(e.getKey(), buf);
                    buf.upload(e.getValue());
                    addr.put(e.getKey(), buf.address());
                }
                for (Map.Entry<String, Long> e : image.allOutputs().entrySet()) {
                    DeviceBuffer buf = context.allocate(Math.max(8, e.getValue()));
                    buffers.put(e.getKey(), buf);
                    addr.put(e.getKey(), buf.address());
                }
                MemorySegment zero = arena.allocate(ValueLayout.JAVA_INT);
                buffers.get("status").upload(zero);
                MemorySegment struct = image.struct(arena, addr);
                return new DeviceLaunch(context, kernels, buffers, struct, arena, image.run.sets);
            } catch (RuntimeException e) {
                buffers.values().forEach(DeviceBuffer::close);
                throw e;
            }
        }
    }

    private static final class DeviceLaunch extends KernelGradients.Launch {
        private final CudaContext context;
        private final CudaModule.Kernel[] kernels;
        private final Map<String, DeviceBuffer> buffers;
        private final MemorySegment struct;
        private final Arena arena;
        private final int sets;
        private double ms;

        DeviceLaunch(CudaContext context, CudaModule.Kernel[] kernels, Map<String, DeviceBuffer> buffers,
                MemorySegment struct, Arena arena, int sets) {
            this.context = context;
            this.kernels = kernels;
            this.buffers = buffers;
            this.struct = struct;
            this.arena = arena;
            this.sets = sets;
        }

        @Override
        void run(int phase, long segment) {
            AdjointLayout.setLong(struct, "segment", segment);
            CudaDriver d = context.driver();
            context.makeCurrent();
            MemorySegment start = d.eventCreate();
            MemorySegment end = d.eventCreate();
            try {
                d.eventRecord(start);
                kernels[phase].launch((sets + CudaEngine.BLOCK - 1) / CudaEngine.BLOCK, CudaEngine.BLOCK, struct);
                d.eventRecord(end);
                d.eventSynchronize(end);
                context.synchronize();
                ms += d.eventElapsedMs(start, end);
            } finally {
                d.eventDestroy(start);
                d.eventDestroy(end);
            }
            MemorySegment st = arena.allocate(ValueLayout.JAVA_INT);
            buffers.get("status").download(st);
            int status = st.get(ValueLayout.JAVA_INT, 0);
            if (status != 0) {
                throw new HuxleyException("the CUDA gradient kernel " + kernels[phase].name() + " reported status " + status
                        + (status == 1 ? " (ABI mismatch between the Java mirror and the kernel: packaging error)"
                                : status == 2 ? " (unknown mechanism id: internal error)" : ""));
            }
        }

        @Override
        MemorySegment read(String field) {
            DeviceBuffer b = buffers.get(field);
            MemorySegment host = arena.allocate(b.bytes(), 16);
            b.download(host);
            return host;
        }

        @Override
        void write(String field, MemorySegment data) {
            buffers.get(field).upload(data);
        }

        @Override
        long bytes() {
            return buffers.values().stream().mapToLong(DeviceBuffer::bytes).sum();
        }

        @Override
        double kernelMs() {
            return ms;
        }

        @Override
        public void close() {
            DeviceBuffer.closeAll(buffers.values());
        }
    }
}
