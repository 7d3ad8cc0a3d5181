package org.huxley.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.huxley.HuxleyException;
import org.huxley.engine.Batch;
import org.huxley.engine.Engine;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.internal.RunInputs;
import org.huxley.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA forward engine: the contract of {@link org.huxley.engine.CpuEngine} (plan, protocol,
 * batch → recordings) with the kernels of kernels/, one thread per instance, the time loop inside
 * the kernel, recordings written on the device (docs/gpu.md). float64 equals the CPU engine to
 * roundoff of exp/log; float32 follows the accuracy rule of docs/gpu.md.
 *
 * <p>Memory is estimated before allocation: a batch that does not fit is split into chunks that
 * do, and a model of which not even one parameter set fits is refused with the numbers. Device
 * memory lives in {@link DeviceBuffer}s freed when each chunk ends; modules stay loaded until
 * {@link #close()}.
 */
public final class CudaEngine implements Engine, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CudaEngine.class);
    /** Threads per block of the one-thread-per-instance kernels (HX_BLOCK_SIZE). */
    static final int BLOCK = 128;
    /** Device memory left free for the driver and other users, bytes. */
    static final long RESERVE_BYTES = 256L << 20;

    private final CudaContext context;
    private final Precision precision;
    private final Map<String, CudaModule> modules = new ConcurrentHashMap<>();
    private final Map<String, String> moduleOrigins = new ConcurrentHashMap<>();

    private final boolean usePrebuilt;
    /** Requested kernel organisation (property huxley.cuda.layout, default auto), resolved per plan by layoutFor. */
    private volatile KernelLayout layout = KernelLayout.fromProperty();

    private CudaEngine(CudaContext context, Precision precision, boolean usePrebuilt) {
        this.context = context;
        this.precision = precision;
        this.usePrebuilt = usePrebuilt;
    }

    /** Selects the kernel organisation of later runs (tests, GpuBench); returns this engine. */
    CudaEngine layout(KernelLayout requested) {
        this.layout = requested;
        return this;
    }

    /** {@return the requested kernel organisation} */
    KernelLayout layout() {
        return layout;
    }

    /** {@return the organisation a plan runs with: the requested one, resolved by {@link KernelLayout#resolve}} */
    KernelLayout layoutFor(Plan plan) {
        KernelLayout resolved = layout.resolve(plan, precision);
        if (layout == KernelLayout.CELL_PER_BLOCK && resolved != layout) {
            LOG.info("cell-per-block kernel not used ({}): thread-per-instance instead",
                    KernelLayout.cellPerBlockRefusal(plan, precision));
        }
        return resolved;
    }

    /** Grid, block and shared memory of a launch of {@code sets} instances of an {@code n}-node plan. */
    record Geometry(int grid, int block, int sharedBytes) {
        static Geometry of(KernelLayout layout, long sets, int n, Precision p, int multiprocessors) {
            if (layout == KernelLayout.CELL_PER_BLOCK) {
                return new Geometry((int) sets, KernelLayout.blockThreads(n, sets, p, multiprocessors),
                        (int) KernelLayout.sharedBytes(n, p));
            }
            return new Geometry((int) ((sets + BLOCK - 1) / BLOCK), BLOCK, 0);
        }
    }

    /**
     * Opens device 0 (or the one named by the property {@code huxley.cuda.device}) and checks that
     * kernels can be loaded there: the prebuilt fatbin, else NVRTC.
     *
     * @param precision the kernels' precision
     * @return the engine
     * @throws CudaUnavailableException with the reason when the engine cannot run here
     */
    public static CudaEngine create(Precision precision) {
        return create(precision, true);
    }

    /** As {@link #create(Precision)}; {@code usePrebuilt = false} compiles even the built-ins with NVRTC (tests). */
    static CudaEngine create(Precision precision, boolean usePrebuilt) {
        return create(CudaDriver.get(), precision, usePrebuilt);
    }

    /**
     * An engine on a driver library at an explicit path instead of the system's libcuda.so.1: a
     * driver installed elsewhere, or the CPU stand-in of libcuda that the tests use to run the whole
     * device path without a GPU.
     *
     * @param libcuda path of the driver library
     * @param precision the kernels' precision
     * @return the engine
     * @throws CudaUnavailableException if the library cannot be bound or initialised
     */
    public static CudaEngine onDriverLibrary(java.nio.file.Path libcuda, Precision precision) {
        return create(CudaDriver.load(libcuda), precision, true);
    }

    static CudaEngine create(CudaDriver driver, Precision precision, boolean usePrebuilt) {
        CudaContext ctx = CudaContext.open(driver, Integer.getInteger("huxley.cuda.device", 0));
        CudaEngine engine = new CudaEngine(ctx, precision, usePrebuilt);
        try {
            engine.module(KernelSources.builtins());
            return engine;
        } catch (CudaUnavailableException e) {
            engine.close();
            throw e;
        } catch (CudaException e) {
            engine.close();
            throw new CudaUnavailableException("kernels cannot be loaded on " + ctx.deviceName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "cuda-" + precision.suffix();
    }

    /** {@return the floating-point precision of the kernels} */
    public Precision precision() {
        return precision;
    }

    /** {@return the device context this engine runs on} */
    public CudaContext context() {
        return context;
    }

    /** {@return where the built-in module came from: "prebuilt fatbin" or "NVRTC …"} */
    public String builtinKernelOrigin() {
        return moduleOrigins.getOrDefault(KernelSources.builtins().sha256(), "not loaded");
    }

    /**
     * Registers a module image (cubin or fatbin) for a source, so that its kernels are not compiled:
     * an image cached by the application, or a placeholder for the CPU stand-in of libcuda, whose
     * launches do not read the image. No effect if the source is already loaded.
     *
     * @param src the generated source the image was built from
     * @param image the module image
     * @param origin where the image came from, for {@link #moduleOrigin}
     */
    public void preloadImage(CudaSourceGenerator.Source src, byte[] image, String origin) {
        preload(src, image, origin);
    }

    CudaModule preload(CudaSourceGenerator.Source src, byte[] image, String origin) {
        return modules.computeIfAbsent(src.sha256(), k -> {
            moduleOrigins.put(k, origin);
            return context.loadModule(image, origin);
        });
    }

    /**
     * {@return where a loaded module came from ("prebuilt fatbin", "NVRTC", …), or "not loaded"}
     *
     * @param src the generated source
     */
    public String moduleOrigin(CudaSourceGenerator.Source src) {
        return moduleOrigins.getOrDefault(src.sha256(), "not loaded");
    }

    /** The loaded module of a source (loaded on first use). */
    CudaModule module(CudaSourceGenerator.Source src) {
        return modules.computeIfAbsent(src.sha256(), k -> {
            boolean builtin = src.sha256().equals(KernelSources.builtins().sha256());
            boolean builtinGradients = !builtin && src.sha256().equals(KernelSources.builtinGradients().sha256());
            if (usePrebuilt && (builtin || builtinGradients)) {
                byte[] fatbin = builtin ? CudaKernels.prebuiltFatbin(precision)
                        : CudaKernels.prebuiltGradientFatbin(precision);
                if (fatbin != null) {
                    try {
                        CudaModule m = context.loadModule(fatbin, "prebuilt fatbin " + precision.suffix());
                        m.kernel(CudaKernels.kernelName(precision));
                        moduleOrigins.put(k, "prebuilt fatbin");
                        return m;
                    } catch (CudaException e) {
                        LOG.warn("the prebuilt fatbin does not load on {} ({}); compiling with NVRTC", context.deviceName(),
                                e.name());
                    }
                }
            }
            byte[] cubin = CudaKernels.compile(src, precision, context.computeCapability());
            CudaModule m = context.loadModule(cubin, "NVRTC " + src.sha256().substring(0, 12));
            moduleOrigins.put(k, "NVRTC");
            return m;
        });
    }

    @Override
    public Recordings run(Plan plan, Protocol protocol, Batch batch) {
        RunInputs in = RunInputs.prepare(plan, protocol, batch);
        KernelSources.Selection sel = KernelSources.select(plan);
        KernelLayout lay = layoutFor(plan);
        CudaModule.Kernel kernel = module(sel.source()).kernel(lay.kernelName(precision));
        RunImage.Shape shape = new RunImage.Shape(plan, protocol, batch, in, sel.channelIds(), sel.synapseIds(), precision);
        int sets = batch.size();
        int chunk = setsPerChunk(shape, sets);
        double[][][] data = new double[sets][shape.recordings][shape.samples];
        int[] diverged = new int[sets];
        for (int from = 0; from < sets; from += chunk) {
            int to = Math.min(sets, from + chunk);
            try (Arena arena = Arena.ofConfined();
                    DeviceRun run = DeviceRun.upload(context, RunImage.build(shape, batch, in, from, to, arena), arena, lay)) {
                run.launch(kernel);
                run.download(data, diverged, from);
            }
        }
        Recordings rec = Recordings.of(data, plan.recordingLabels(), protocol.dtMs(), protocol.recordEvery(), diverged);
        if (!rec.divergedSets().isEmpty()) {
            LOG.warn("{} of {} parameter sets diverged (non-finite voltage); first: set {} at step {}",
                    rec.divergedSets().size(), sets, rec.divergedSets().get(0),
                    rec.divergedAtStep(rec.divergedSets().get(0)));
        }
        return rec;
    }

    /**
     * Uploads a whole batch for repeated timed launches (benchmarks): inputs on the device,
     * recordings left there until {@link Prepared#recordings()}.
     *
     * @param plan the compiled model
     * @param protocol time step, duration and recording stride
     * @param batch parameter sets and stimuli
     * @return the prepared run
     * @throws HuxleyException if the batch does not fit in one launch
     */
    public Prepared prepare(Plan plan, Protocol protocol, Batch batch) {
        RunInputs in = RunInputs.prepare(plan, protocol, batch);
        KernelSources.Selection sel = KernelSources.select(plan);
        KernelLayout lay = layoutFor(plan);
        CudaModule.Kernel kernel = module(sel.source()).kernel(lay.kernelName(precision));
        RunImage.Shape shape = new RunImage.Shape(plan, protocol, batch, in, sel.channelIds(), sel.synapseIds(), precision);
        int sets = batch.size();
        if (setsPerChunk(shape, sets) < sets) {
            throw new HuxleyException("batch of " + sets + " sets does not fit in one launch on " + context.deviceName());
        }
        Arena arena = Arena.ofShared();
        try {
            DeviceRun run = DeviceRun.upload(context, RunImage.build(shape, batch, in, 0, sets, arena), arena, lay);
            return new Prepared(this, run, kernel, arena, plan, protocol, sets);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** A batch resident on the device. */
    public static final class Prepared implements AutoCloseable {
        private final CudaEngine engine;
        private final DeviceRun run;
        private final CudaModule.Kernel kernel;
        private final Arena arena;
        private final Plan plan;
        private final Protocol protocol;
        private final int sets;

        Prepared(CudaEngine engine, DeviceRun run, CudaModule.Kernel kernel, Arena arena, Plan plan, Protocol protocol,
                int sets) {
            this.engine = engine;
            this.run = run;
            this.kernel = kernel;
            this.arena = arena;
            this.plan = plan;
            this.protocol = protocol;
            this.sets = sets;
        }

        /**
         * Runs the whole simulation once; returns the kernel time from CUDA events, ms.
         *
         * @return the kernel time, ms
         */
        public double launchTimedMs() {
            CudaDriver d = engine.context.driver();
            engine.context.makeCurrent();
            MemorySegment start = d.eventCreate();
            MemorySegment end = d.eventCreate();
            try {
                d.eventRecord(start);
                run.launchAsync(kernel);
                d.eventRecord(end);
                d.eventSynchronize(end);
                engine.context.synchronize();
                run.checkStatus();
                return d.eventElapsedMs(start, end);
            } finally {
                d.eventDestroy(start);
                d.eventDestroy(end);
            }
        }

        /** {@return the kernel organisation this batch runs with} */
        KernelLayout layout() {
            return run.geometry.sharedBytes() > 0 ? KernelLayout.CELL_PER_BLOCK : KernelLayout.THREAD_PER_INSTANCE;
        }

        /** {@return threads per block of this batch's launches} */
        int blockThreads() {
            return run.geometry.block();
        }

        /**
         * Registers per thread of the kernel.
         *
         * @return the count
         */
        public int registers() {
            return kernel.registers();
        }

        /**
         * Copies the recordings of the last launch to the host.
         *
         * @return the recordings
         */
        public Recordings recordings() {
            double[][][] data = new double[sets][run.image.shape.recordings][run.image.shape.samples];
            int[] diverged = new int[sets];
            run.download(data, diverged, 0);
            return Recordings.of(data, plan.recordingLabels(), protocol.dtMs(), protocol.recordEvery(), diverged);
        }

        /** {@return device bytes this batch occupies} */
        public long deviceBytes() {
            return run.bytes();
        }

        @Override
        public void close() {
            try {
                run.close();
            } finally {
                arena.close();
            }
        }
    }

    /**
     * How many sets one launch may hold: all of them if they fit in the free device memory (minus a
     * reserve, capped by the property {@code huxley.cuda.maxBytes}), else as many as fit.
     *
     * @throws HuxleyException if not even one set fits
     */
    int setsPerChunk(RunImage.Shape shape, int sets) {
        long free = context.freeMemory();
        long budget = Math.max(0, (long) ((free - RESERVE_BYTES) * 0.9));
        long cap = Long.getLong("huxley.cuda.maxBytes", Long.MAX_VALUE);
        budget = Math.min(budget, cap);
        long fixed = shape.bytes(0);
        long perSet = shape.bytesPerSet();
        long fit = budget <= fixed ? 0 : (budget - fixed) / perSet;
        if (fit < 1) {
            throw new HuxleyException(String.format(java.util.Locale.ROOT,
                    "the model does not fit on %s: one parameter set needs %.1f MiB (%.1f MiB shared + %.1f MiB per set,"
                            + " %s) but only %.1f MiB of device memory can be used (%.1f MiB free%s); record fewer samples"
                            + " (Protocol.withRecordEvery) or shorten the run",
                    context.deviceName(), (fixed + perSet) / 1048576.0, fixed / 1048576.0, perSet / 1048576.0,
                    precision, budget / 1048576.0, free / 1048576.0,
                    cap == Long.MAX_VALUE ? "" : ", capped by huxley.cuda.maxBytes"));
        }
        int chunk = (int) Math.min(sets, Math.min(fit, Integer.MAX_VALUE));
        if (chunk < sets) {
            LOG.info("batch of {} sets split into launches of {} ({} MiB per set, {} MiB usable)", sets, chunk,
                    perSet >> 20, budget >> 20);
        }
        return chunk;
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (CudaModule m : modules.values()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        modules.clear();
        context.close();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    /** One chunk's device memory: the uploaded inputs and the outputs, freed together. */
    static final class DeviceRun implements AutoCloseable {
        final CudaContext context;
        final RunImage image;
        final Arena arena;
        final Map<String, DeviceBuffer> buffers = new HashMap<>();
        final Geometry geometry;
        MemorySegment struct;

        private DeviceRun(CudaContext context, RunImage image, Arena arena, KernelLayout layout) {
            this.context = context;
            this.image = image;
            this.arena = arena;
            this.geometry = Geometry.of(layout, image.sets, image.shape.n, image.shape.precision,
                    context.multiprocessors());
        }

        static DeviceRun upload(CudaContext context, RunImage image, Arena arena) {
            return upload(context, image, arena, KernelLayout.THREAD_PER_INSTANCE);
        }

        static DeviceRun upload(CudaContext context, RunImage image, Arena arena, KernelLayout layout) {
            DeviceRun run = new DeviceRun(context, image, arena, layout);
            try {
                Map<String, Long> addr = new HashMap<>();
                for (Map.Entry<String, MemorySegment> e : image.inputs.entrySet()) {
                    DeviceBuffer buf = context.allocate(e.getValue().byteSize());
                    run.buffers.put(e.getKey(), buf);
                    buf.upload(e.getValue());
                    addr.put(e.getKey(), buf.address());
                }
                for (Map.Entry<String, Long> e : image.outputBytes.entrySet()) {
                    DeviceBuffer buf = context.allocate(e.getValue());
                    run.buffers.put(e.getKey(), buf);
                    addr.put(e.getKey(), buf.address());
                }
                run.resetStatus();
                run.struct = image.struct(arena, addr);
                return run;
            } catch (RuntimeException e) {
                run.close();
                throw e;
            }
        }

        long bytes() {
            return buffers.values().stream().mapToLong(DeviceBuffer::bytes).sum();
        }

        private void resetStatus() {
            MemorySegment zero = arena.allocate(ValueLayout.JAVA_INT);
            zero.set(ValueLayout.JAVA_INT, 0, 0);
            buffers.get("status").upload(zero);
        }

        void launchAsync(CudaModule.Kernel kernel) {
            kernel.launch(geometry.grid(), geometry.block(), geometry.sharedBytes(), struct);
        }

        /** Launches, waits, and checks the launch, the execution and the kernel's status word. */
        void launch(CudaModule.Kernel kernel) {
            launchAsync(kernel);
            context.synchronize();
            checkStatus();
        }

        void checkStatus() {
            MemorySegment st = arena.allocate(ValueLayout.JAVA_INT);
            buffers.get("status").download(st);
            int status = st.get(ValueLayout.JAVA_INT, 0);
            if (status != 0) {
                throw new HuxleyException("the CUDA kernel reported status " + status
                        + (status == 1 ? " (ABI mismatch between the Java mirror and the kernel: packaging error)"
                                : status == 2 ? " (unknown mechanism id: internal error)" : ""));
            }
        }

        void download(double[][][] data, int[] diverged, int from) {
            MemorySegment out = arena.allocate(Math.max(8, image.outputBytes.get("out")), 16);
            MemorySegment div = arena.allocate(Math.max(8, image.outputBytes.get("diverged_at")), 16);
            buffers.get("out").download(out);
            buffers.get("diverged_at").download(div);
            image.readOutputs(out, div, data, diverged, from);
        }

        @Override
        public void close() {
            DeviceBuffer.closeAll(buffers.values());
        }
    }
}
