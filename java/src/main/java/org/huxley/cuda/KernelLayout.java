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
 * <li>{@link #THREAD_PER_INSTANCE} (default): one thread per parameter set, the whole cell on it
 * (hx_forward_f32/f64); right for small cells at large batches.</li>
 * <li>{@link #CELL_PER_BLOCK} (opt-in until measured on a device): one block per parameter set, its
 * threads over compartments, channel instances and tree levels, the node arrays in shared memory
 * (hx_forward_cpb_f32/f64, kernels/include/huxley_coop.cuh); meant for cells of hundreds of
 * compartments. Bitwise the same operations as the default kernel.</li>
 * </ul>
 */
enum KernelLayout {
    THREAD_PER_INSTANCE("thread-per-instance"),
    CELL_PER_BLOCK("cell-per-block");

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
     * The layout named by the property {@code huxley.cuda.layout} (default thread-per-instance).
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static KernelLayout fromProperty() {
        return parse(System.getProperty(PROPERTY, THREAD_PER_INSTANCE.id));
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
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + name + ": expected thread-per-instance or "
                + "cell-per-block");
    }

    /** {@return the kernel's entry point for a precision} */
    String kernelName(Precision p) {
        return (this == CELL_PER_BLOCK ? "hx_forward_cpb_" : "hx_forward_") + p.suffix();
    }

    /** {@return dynamic shared memory of a cell-per-block block for n nodes, bytes (hx_coop_bytes)} */
    static long sharedBytes(int nodes, Precision p) {
        long rs = p == Precision.FLOAT64 ? 8 : 4;
        return 4L * nodes * rs + (4L * nodes + 6) * 4;
    }

    /** {@return threads per block of the cell-per-block kernel: the nodes rounded up to a warp, at most 256} */
    static int blockThreads(int nodes) {
        int warps = Math.max(1, (nodes + 31) / 32);
        return Math.min(MAX_BLOCK, warps * 32);
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
