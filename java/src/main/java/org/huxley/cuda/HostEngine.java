package org.huxley.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.huxley.HuxleyException;
import org.huxley.engine.Batch;
import org.huxley.engine.Engine;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.internal.RunInputs;
import org.huxley.plan.Plan;

/**
 * The CUDA kernels' numerics compiled for the host and run through the same {@code hx_run} ABI
 * ({@link HostLibrary}): a GPU-less check of the kernel math, the generated mechanism code and the
 * marshalling, against {@link org.huxley.engine.CpuEngine}. Single-threaded; for tests and
 * diagnostics, not for speed.
 */
public final class HostEngine implements Engine {
    private final Precision precision;
    private final boolean allowPrebuilt;
    private final KernelLayout layout;

    /**
     * Uses the prebuilt library for built-in mechanisms when the build made one.
     *
     * @param precision the kernels' precision
     */
    public HostEngine(Precision precision) {
        this(precision, true);
    }

    /**
     * An engine running the kernel numerics on the host.
     *
     * @param allowPrebuilt false to compile every source at run time (tests the compile path)
     * @param precision the kernels' precision
     */
    public HostEngine(Precision precision, boolean allowPrebuilt) {
        this(precision, allowPrebuilt, KernelLayout.THREAD_PER_INSTANCE);
    }

    /** An engine running the code of the kernel with the given thread organisation (tests). */
    HostEngine(Precision precision, boolean allowPrebuilt, KernelLayout layout) {
        this.precision = precision;
        this.allowPrebuilt = allowPrebuilt;
        this.layout = layout;
    }

    @Override
    public String name() {
        return "host-kernels-" + (layout == KernelLayout.CELL_PER_BLOCK ? "cpb-" : "") + precision.suffix();
    }

    /**
     * {@return the library that runs a plan (compiling it if needed)}
     *
     * @param plan the compiled model
     */
    public HostLibrary library(Plan plan) {
        return HostLibrary.forSource(KernelSources.select(plan).source(), allowPrebuilt);
    }

    @Override
    public Recordings run(Plan plan, Protocol protocol, Batch batch) {
        RunInputs in = RunInputs.prepare(plan, protocol, batch);
        KernelSources.Selection sel = KernelSources.select(plan);
        HostLibrary lib = HostLibrary.forSource(sel.source(), allowPrebuilt);
        RunImage.Shape shape = new RunImage.Shape(plan, protocol, batch, in, sel.channelIds(), sel.synapseIds(), precision);
        int sets = batch.size();
        double[][][] data = new double[sets][shape.recordings][shape.samples];
        int[] diverged = new int[sets];
        try (Arena arena = Arena.ofConfined()) {
            RunImage img = RunImage.build(shape, batch, in, 0, sets, arena);
            Map<String, Long> addr = new HashMap<>();
            img.inputs.forEach((k, seg) -> addr.put(k, seg.address()));
            Map<String, MemorySegment> outs = new HashMap<>();
            img.outputBytes.forEach((k, bytes) -> {
                MemorySegment seg = arena.allocate(Math.max(8, bytes), 16);
                outs.put(k, seg);
                addr.put(k, seg.address());
            });
            MemorySegment struct = img.struct(arena, addr);
            int status = layout == KernelLayout.CELL_PER_BLOCK ? lib.forwardCellPerBlock(struct) : lib.forward(struct);
            if (status != 0) {
                throw new HuxleyException("host kernels failed with status " + status + " (1 = ABI mismatch, 2 = unknown"
                        + " mechanism id) using " + lib.origin());
            }
            img.readOutputs(outs.get("out"), outs.get("diverged_at"), data, diverged, 0);
        }
        return Recordings.of(data, plan.recordingLabels(), protocol.dtMs(), protocol.recordEvery(), diverged);
    }
}
