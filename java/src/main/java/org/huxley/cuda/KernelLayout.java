package org.huxley.cuda;

import java.util.Locale;
import org.huxley.engine.Precision;
import org.huxley.plan.MechanismTable;
import org.huxley.plan.Plan;

/**
 * The thread organisation of the forward kernel (docs/gpu.md "Kernel variants"), chosen with the
 * system property {@code huxley.cuda.layout} or per engine.
 *
 * <ul>
 * <li>{@link #AUTO} (default): cell-per-block for cells of {@value #AUTO_MIN_NODES} nodes or more
 * when it can run the plan exactly, else thread-per-instance. Measured on an H100 (docs/gpu.md):
 * cell-per-block is 6 to 24 times faster on tree252 and ca1 at every batch size tried (1 to 10,000).</li>
 * <li>{@link #THREAD_PER_INSTANCE}: one thread per parameter set, the whole cell on it
 * (hx_forward_f32/f64); right for small cells at large batches (hh1).</li>
 * <li>{@link #CELL_PER_BLOCK}: one block per parameter set, its threads over compartments, channel
 * instances and chain units of the tree, the node arrays in shared memory (hx_forward_cpb_f32/f64,
 * kernels/include/huxley_coop.cuh); for cells of tens to hundreds of compartments. Bitwise the same
 * operations as the thread-per-instance kernel.</li>
 * </ul>
 */
enum KernelLayout {
    AUTO("auto"),
    THREAD_PER_INSTANCE("thread-per-instance"),
    CELL_PER_BLOCK("cell-per-block");

    /** Nodes from which {@link #AUTO} picks cell-per-block: a warp's worth, so the block is not mostly idle. */
    static final int AUTO_MIN_NODES = 32;
    /** The system property that selects the layout of new engines. */
    static final String PROPERTY = "huxley.cuda.layout";
    /** Dynamic shared memory a block may use without opting in per function (48 KiB on every CUDA GPU). */
    static final int MAX_SHARED_BYTES = 48 * 1024;
    /** Most threads per block of the cell-per-block kernels (HX_CPB_BLOCK). */
    static final int MAX_BLOCK = 256;

    private final String id;

    KernelLayout(String id) {
        this.id = id;
    }

    /** {@return the name used by the property and in logs} */
    String id() {
        return id;
    }

    /**
     * The layout named by the property {@code huxley.cuda.layout} (default auto).
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static KernelLayout fromProperty() {
        return parse(System.getProperty(PROPERTY, AUTO.id));
    }

    /**
     * {@return the layout called {@code name}}
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static KernelLayout parse(String name) {
        for (KernelLayout l : values()) {
            if (l.id.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + name + ": expected auto, thread-per-instance or "
                + "cell-per-block");
    }

    /**
     * {@return the kernel's entry point for a precision}
     *
     * @throws IllegalStateException for {@link #AUTO}, which names no kernel until resolved for a plan
     */
    String kernelName(Precision p) {
        if (this == AUTO) {
            throw new IllegalStateException("the auto layout is resolved per plan before a kernel is chosen");
        }
        return (this == CELL_PER_BLOCK ? "hx_forward_cpb_" : "hx_forward_") + p.suffix();
    }

    /**
     * {@return the layout a plan runs with}: thread-per-instance as requested; auto as cell-per-block
     * for plans of {@value #AUTO_MIN_NODES} nodes or more; cell-per-block unless
     * {@link #cellPerBlockRefusal} names a reason, then thread-per-instance.
     *
     * @param plan the plan to run
     * @param p the kernels' precision (shared memory per node)
     */
    KernelLayout resolve(Plan plan, Precision p) {
        if (this == THREAD_PER_INSTANCE || (this == AUTO && plan.numNodes() < AUTO_MIN_NODES)) {
            return THREAD_PER_INSTANCE;
        }
        return cellPerBlockRefusal(plan, p) == null ? CELL_PER_BLOCK : THREAD_PER_INSTANCE;
    }

    /** {@return dynamic shared memory of a cell-per-block block for n nodes, bytes (hx_coop_bytes)} */
    static long sharedBytes(int nodes, Precision p) {
        long rs = p == Precision.FLOAT64 ? 8 : 4;
        return 4L * nodes * rs + (5L * nodes + 7) * 4;
    }

    /** The system property capping the threads per block of the cell-per-block kernel (32 to 256, whole warps). */
    static final String THREADS_PROPERTY = "huxley.cuda.cpbThreads";

    /** Threads per block of cell-per-block launches of many sets (see {@link #blockThreads}). */
    static final int BATCH_BLOCK = 128;
    /** Shared memory per block above which float64 batches keep {@value #MAX_BLOCK} threads. */
    static final int BIG_CELL_SHARED_BYTES = 32 * 1024;

    /**
     * Threads per block of the cell-per-block kernel: the nodes rounded up to a warp, capped by the
     * property {@code huxley.cuda.cpbThreads} if set, else by a rule measured on an H100 (docs/gpu.md,
     * ci/gpu-cpb-threads.sh): {@value #MAX_BLOCK} threads for a few sets (fewer than two per
     * multiprocessor: each block should finish its step soonest), {@value #BATCH_BLOCK} for batches (more
     * blocks resident per multiprocessor: tree252 B = 1000 1.7x faster, ca1 float32 1.5x), except
     * float64 cells whose block memory exceeds 32 KiB (ca1 float64 B = 1000: 256 threads 1.3x faster).
     *
     * @param nodes nodes of the plan
     * @param sets parameter sets in the launch
     * @param p precision
     * @param multiprocessors streaming multiprocessors of the device
     * @return threads per block, a multiple of 32 from 32 to 256
     * @throws IllegalArgumentException naming the property if it is not a multiple of 32 in [32, 256]
     */
    static int blockThreads(int nodes, long sets, Precision p, int multiprocessors) {
        int warps = Math.max(1, (nodes + 31) / 32);
        int cap;
        if (System.getProperty(THREADS_PROPERTY) != null) {
            cap = maxBlockThreads();
        } else if (sets < 2L * multiprocessors
                || (p == Precision.FLOAT64 && sharedBytes(nodes, p) > BIG_CELL_SHARED_BYTES)) {
            cap = MAX_BLOCK;
        } else {
            cap = BATCH_BLOCK;
        }
        return Math.min(cap, warps * 32);
    }

    /** The cap of {@link #blockThreads}: the property {@code huxley.cuda.cpbThreads}, default {@value #MAX_BLOCK}. */
    static int maxBlockThreads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null) {
            return MAX_BLOCK;
        }
        try {
            int t = Integer.parseInt(v.trim());
            if (t >= 32 && t <= MAX_BLOCK && t % 32 == 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + v + ": expected a multiple of 32 from 32 to "
                + MAX_BLOCK);
    }

    /**
     * {@return why the cell-per-block kernel cannot run a plan exactly, or null if it can}: its node
     * arrays must fit in a block's shared memory, and no channel table may hold two instances on one
     * node (their additions into the node would race).
     */
    static String cellPerBlockRefusal(Plan plan, Precision p) {
        long bytes = sharedBytes(plan.numNodes(), p);
        if (bytes > MAX_SHARED_BYTES) {
            return String.format(Locale.ROOT, "%d nodes need %d bytes of shared memory per block (at most %d)",
                    plan.numNodes(), bytes, MAX_SHARED_BYTES);
        }
        boolean[] seen = new boolean[plan.numNodes()];
        for (MechanismTable t : plan.channels()) {
            java.util.Arrays.fill(seen, false);
            for (int node : t.nodes()) {
                if (seen[node]) {
                    return "channel " + t.mechanism().name() + " has two instances on node " + node;
                }
                seen[node] = true;
            }
        }
        return null;
    }
}
