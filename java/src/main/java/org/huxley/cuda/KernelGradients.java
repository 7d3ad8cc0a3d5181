package org.huxley.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.huxley.HuxleyException;
import org.huxley.ModelException;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.engine.RunControl;
import org.huxley.engine.internal.RunInputs;
import org.huxley.engine.internal.SetValues;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;

/**
 * Value and gradient on the gradient kernels (kernels/include/huxley_adjoint.cuh), driven from Java:
 * per launch of parameter sets, the forward phase with a checkpoint every K steps, the loss and
 * ∂L/∂recording on the host (any loss), then the segments last to first (each recomputed from its
 * checkpoint on the device and reversed there), then the reduction onto the parameters. The same
 * schedule runs on the host build of the kernels ({@link #host}) and on a GPU ({@link CudaGradients}).
 * The gradient module wraps this as {@code org.huxley.adjoint.GradientEngine}s.
 */
public final class KernelGradients {
    /** A loss of one set's recordings [recording][sample]; writes ∂L/∂recording into {@code gradient}. */
    @FunctionalInterface
    public interface LossFunction {
        /**
         * Evaluates the loss of one set.
         *
         * @param set parameter-set index
         * @param recordings the set's recordings [recording][sample]
         * @param gradient receives ∂L/∂recording, same shape
         * @return the loss
         */
        double evaluate(int set, double[][] recordings, double[][] gradient);
    }

    /**
     * The outcome of a gradient run.
     *
     * @param loss per set (NaN for diverged sets)
     * @param gradient per set, in the parameter layout's order (NaN for diverged sets)
     * @param recordings the recordings, or null when they stayed on the device
     * @param checkpointEvery K
     * @param storedStatesPerSet checkpoints + segment buffer + one scratch state
     * @param bytesPerState bytes of one stored state of one set
     * @param forwardStepsPerSet forward steps run per set (first sweep plus recomputation)
     * @param steps time steps T of the run
     * @param setsPerLaunch parameter sets held on the device at once
     * @param peakBytes device (or host) bytes of the largest launch
     * @param kernelMs time in the kernels (CUDA events on a GPU, wall time of the calls on the host), ms
     */
    public record Result(double[] loss, double[][] gradient, Recordings recordings, int checkpointEvery,
            long storedStatesPerSet, long bytesPerState, long forwardStepsPerSet, int steps, int setsPerLaunch,
            long peakBytes, double kernelMs) {
    }

    /** Where the launches of one chunk of sets run. */
    abstract static class Launch implements AutoCloseable {
        /** Runs a phase (AdjointLayout.FORWARD, SEGMENT, REDUCE) over every set; throws on a failure. */
        abstract void run(int phase, long segment);

        /** The host view of an output field (downloaded for the device). */
        abstract MemorySegment read(String field);

        /** Writes host data into an output field (uploaded for the device). */
        abstract void write(String field, MemorySegment data);

        /** Bytes this launch holds. */
        abstract long bytes();

        /** Time spent in the phases run so far, ms. */
        abstract double kernelMs();

        @Override
        public abstract void close();
    }

    /** What runs the launches. */
    interface Backend {
        Precision precision();

        /** Sets per launch (all of them unless memory says otherwise). */
        int setsPerLaunch(AdjointImage.Sizes sizes, int terms, int sets);

        Launch open(AdjointImage image, Arena arena);
    }

    private KernelGradients() {
    }

    /**
     * ⌈√T⌉: the K that minimises stored states (⌈T/K⌉ + K + 1).
     *
     * @param steps time steps T
     * @return K
     */
    public static int defaultCheckpointEvery(int steps) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(Math.max(1, steps))));
    }

    /**
     * Bytes of one stored state of one set (for checkpoint policies).
     *
     * @param plan the compiled model
     * @param precision the kernels' precision
     * @return bytes per state
     */
    public static long bytesPerState(Plan plan, Precision precision) {
        long states = 0;
        for (var t : plan.channels()) {
            states += (long) t.size() * t.mechanism().states().size();
        }
        for (var t : plan.synapses()) {
            states += (long) t.size() * t.mechanism().states().size();
        }
        return precision.bytes() * (plan.numNodes() + states);
    }

    /**
     * The built-in mean squared error computed on the device (HX_LOSS_MSE): mean over recordings and
     * every {@code stride}-th sample of (x − target)², the target per recording [recording][sample] or,
     * when null, the constant. The same value and ∂L/∂recording as org.huxley.adjoint.Losses'.
     *
     * @param target target per recording [recording][sample], or null for {@code constant}
     * @param constant the target value when {@code target} is null
     * @param stride compare every stride-th sample (≥ 1)
     */
    public record DeviceLoss(double[][] target, double constant, int stride) {
        /** Checks the stride. */
        public DeviceLoss {
            if (stride < 1) {
                throw new ModelException("loss stride must be >= 1, got " + stride);
            }
        }
    }

    /**
     * What to compute: the loss on the host ({@code hostLoss}, any loss) or on the device
     * ({@code deviceLoss}); whether to copy the recordings back (always with a host loss).
     *
     * @param hostLoss a loss evaluated on the host, or null
     * @param deviceLoss a loss evaluated on the device, or null (exactly one of the two)
     * @param recordings whether to copy the recordings back
     * @param checkpointEvery K, steps between checkpoints (≥ 1)
     */
    public record Request(LossFunction hostLoss, DeviceLoss deviceLoss, boolean recordings, int checkpointEvery) {
        /** Checks that exactly one loss is given and K ≥ 1. */
        public Request {
            if ((hostLoss == null) == (deviceLoss == null)) {
                throw new IllegalArgumentException("give exactly one of a host loss and a device loss");
            }
            if (checkpointEvery < 1) {
                throw new ModelException("checkpoint interval must be >= 1, got " + checkpointEvery);
            }
        }

        /**
         * A loss evaluated on the host, recordings returned.
         *
         * @param loss the loss
         * @param checkpointEvery K
         * @return the request
         */
        public static Request host(LossFunction loss, int checkpointEvery) {
            return new Request(loss, null, true, checkpointEvery);
        }
    }

    /**
     * Value and gradient on the host build of the kernels (tests; single-threaded).
     *
     * @param precision the kernels' precision
     * @param allowPrebuilt use the prebuilt host library for built-in mechanisms when present
     * @param plan the compiled model
     * @param protocol time step and duration
     * @param batch parameter sets
     * @param request loss, recordings, checkpoint interval
     * @param control cancellation and progress
     * @return loss, gradient and run figures
     */
    public static Result host(Precision precision, boolean allowPrebuilt, Plan plan, Protocol protocol, Batch batch,
            Request request, RunControl control) {
        return run(new HostBackend(precision, allowPrebuilt), plan, protocol, batch, request, control);
    }

    static Result run(Backend backend, Plan plan, Protocol protocol, Batch batch, Request request, RunControl control) {
        control.throwIfCancelled("before the gradient run started");
        RunInputs in = RunInputs.prepare(plan, protocol, batch);
        if (in.steps < 1) {
            throw new ModelException("the run has no steps: a gradient needs at least one step (Protocol.withSteps)");
        }
        KernelSources.Selection sel = KernelSources.selectGradients(plan);
        Precision precision = backend.precision();
        RunImage.Shape shape = new RunImage.Shape(plan, protocol, batch, in, sel.channelIds(), sel.synapseIds(),
                precision);
        int k = Math.min(request.checkpointEvery(), in.steps);
        AdjointImage.Sizes sizes = new AdjointImage.Sizes(shape, k, in.binding.size());
        int terms = AdjointImage.countTerms(sizes, in.binding, new SetValues(plan));
        int sets = batch.size();
        int chunk = backend.setsPerLaunch(sizes, terms, sets);
        int R = shape.recordings;
        int samples = shape.samples;
        DeviceLoss deviceLoss = request.deviceLoss();
        if (deviceLoss != null) {
            if (deviceLoss.target() != null) {
                requireTargetShape(deviceLoss.target(), R, samples);
            }
            double[][] every = new double[R][1];
            for (double[] row : every) {
                row[0] = 1.0; // the mean squared error depends on every recording
            }
            requireSupportedLossRows(plan, every);
        }
        boolean keepRecordings = request.recordings() || request.hostLoss() != null;
        double[][][] data = keepRecordings ? new double[sets][R][samples] : null;
        int[] diverged = new int[sets];
        double[] losses = new double[sets];
        double[][] grads = new double[sets][in.binding.size()];
        int segments = sizes.checkpoints - 1;
        long peak = 0;
        double kernelMs = 0;
        long launches = ((long) sets + chunk - 1) / chunk;
        long done = 0;
        int P = in.binding.size();
        for (int from = 0; from < sets; from += chunk) {
            int to = Math.min(sets, from + chunk);
            int n = to - from;
            try (Arena arena = Arena.ofConfined()) {
                AdjointImage img = AdjointImage.build(sizes, batch, in, from, to, deviceLoss, arena);
                try (Launch launch = backend.open(img, arena)) {
                    peak = Math.max(peak, launch.bytes());
                    launch.run(AdjointLayout.FORWARD, 0);
                    MemorySegment div = launch.read("diverged_at");
                    for (int b = 0; b < n; b++) {
                        diverged[from + b] = div.getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, b);
                    }
                    if (keepRecordings) {
                        img.run.readOutputs(launch.read("out"), div, data, diverged, from);
                    }
                    if (deviceLoss != null) {
                        launch.run(AdjointLayout.LOSS, 0);
                        MemorySegment v = launch.read("loss_value");
                        for (int b = 0; b < n; b++) {
                            losses[from + b] = diverged[from + b] >= 0 ? Double.NaN : real(v, precision, b);
                        }
                    } else {
                        launch.write("rec_grad", hostLoss(plan, request.hostLoss(), data, diverged, losses, from, n,
                                precision, arena));
                    }
                    for (int c = segments - 1; c >= 0; c--) {
                        control.throwIfCancelled("in the backward sweep (segment " + c + " of " + segments + ")");
                        launch.run(AdjointLayout.SEGMENT, c);
                        done++;
                        control.report("gradient", done, launches * segments);
                    }
                    launch.run(AdjointLayout.REDUCE, 0);
                    kernelMs += launch.kernelMs();
                    MemorySegment g = launch.read("grad");
                    for (int b = 0; b < n; b++) {
                        for (int p = 0; p < P; p++) {
                            grads[from + b][p] = real(g, precision, (long) p * n + b);
                        }
                    }
                }
            }
        }
        Recordings rec = keepRecordings
                ? Recordings.of(data, plan.recordingLabels(), protocol.dtMs(), protocol.recordEvery(), diverged) : null;
        long fsteps = in.steps + (long) in.steps - segments + (plan.numClamps() > 0 ? in.steps : 0);
        return new Result(losses, grads, rec, k, sizes.storedStates(), (long) precision.bytes() * sizes.stateSize,
                fsteps, in.steps, chunk, peak, kernelMs);
    }

    private static double real(MemorySegment m, Precision p, long at) {
        return p == Precision.FLOAT64 ? m.getAtIndex(JAVA_DOUBLE, at) : m.getAtIndex(JAVA_FLOAT, at);
    }

    /** Evaluates a host loss for sets [from, from + n) and returns ∂L/∂recording in the kernels' layout. */
    private static MemorySegment hostLoss(Plan plan, LossFunction loss, double[][][] data, int[] diverged,
            double[] losses, int from, int n, Precision precision, Arena arena) {
        int R = data[from].length;
        int samples = R == 0 ? 0 : data[from][0].length;
        MemorySegment recGrad = arena.allocate(Math.max(8, (long) precision.bytes() * samples * R * n), 16);
        for (int b = 0; b < n; b++) {
            int set = from + b;
            if (diverged[set] >= 0) {
                losses[set] = Double.NaN;
                continue;
            }
            double[][] g = new double[R][samples];
            losses[set] = loss.evaluate(set, data[set], g);
            requireSupportedLossRows(plan, g);
            for (int r = 0; r < R; r++) {
                for (int s = 0; s < samples; s++) {
                    long at = ((long) s * R + r) * n + b;
                    if (precision == Precision.FLOAT64) {
                        recGrad.setAtIndex(JAVA_DOUBLE, at, g[r][s]);
                    } else {
                        recGrad.setAtIndex(JAVA_FLOAT, at, (float) g[r][s]);
                    }
                }
            }
        }
        return recGrad;
    }

    private static void requireTargetShape(double[][] target, int recordings, int samples) {
        if (target.length != recordings) {
            throw new ModelException("mean-squared-error loss has targets for " + target.length
                    + " recordings, the model records " + recordings);
        }
        for (int r = 0; r < recordings; r++) {
            if (target[r].length != samples) {
                throw new ModelException("mean-squared-error target " + r + " has " + target[r].length
                        + " samples, the recording has " + samples);
            }
        }
    }

    /** Losses on recorded currents are refused, as by the CPU adjoint. */
    private static void requireSupportedLossRows(Plan plan, double[][] recGrad) {
        List<RecordingTarget> recs = plan.recordings();
        for (int r = 0; r < recs.size(); r++) {
            RecordingTarget.Kind kind = recs.get(r).kind();
            if (kind == RecordingTarget.Kind.CURRENT || kind == RecordingTarget.Kind.SYNAPSE_CURRENT) {
                for (double g : recGrad[r]) {
                    if (g != 0.0) {
                        throw new ModelException("the loss depends on recording " + r + " (" + recs.get(r).label()
                                + "), a current: gradients of losses on recorded currents are not supported; "
                                + "record v or a state instead");
                    }
                }
            }
        }
    }

    /** The host build of the kernels: every array in host memory, a launch is a call. */
    static final class HostBackend implements Backend {
        private final Precision precision;
        private final boolean allowPrebuilt;

        HostBackend(Precision precision, boolean allowPrebuilt) {
            this.precision = precision;
            this.allowPrebuilt = allowPrebuilt;
        }

        @Override
        public Precision precision() {
            return precision;
        }

        @Override
        public int setsPerLaunch(AdjointImage.Sizes sizes, int terms, int sets) {
            return sets;
        }

        @Override
        public Launch open(AdjointImage image, Arena arena) {
            HostLibrary lib = HostLibrary.forSource(KernelSources.selectGradients(image.sizes.shape.plan).source(), allowPrebuilt);
            java.util.Map<String, MemorySegment> segs = new java.util.HashMap<>(image.allInputs());
            java.util.Map<String, Long> addr = new java.util.HashMap<>();
            segs.forEach((k, v) -> addr.put(k, v.address()));
            long[] bytes = {0};
            image.allOutputs().forEach((k, b) -> {
                MemorySegment seg = arena.allocate(Math.max(8, b), 16);
                segs.put(k, seg);
                addr.put(k, seg.address());
            });
            segs.values().forEach(s -> bytes[0] += s.byteSize());
            MemorySegment struct = image.struct(arena, addr);
            return new Launch() {
                private long nanos;

                @Override
                void run(int phase, long segment) {
                    AdjointLayout.setLong(struct, "segment", segment);
                    long t0 = System.nanoTime();
                    int status = lib.adjoint(struct, phase);
                    nanos += System.nanoTime() - t0;
                    if (status != 0) {
                        throw new HuxleyException("host gradient kernels failed with status " + status
                                + " (1 = ABI mismatch, 2 = unknown mechanism id) using " + lib.origin());
                    }
                }

                @Override
                MemorySegment read(String field) {
                    return segs.get(field);
                }

                @Override
                void write(String field, MemorySegment data) {
                    MemorySegment.copy(data, 0, segs.get(field), 0, Math.min(data.byteSize(), segs.get(field).byteSize()));
                }

                @Override
                long bytes() {
                    return bytes[0];
                }

                @Override
                double kernelMs() {
                    return nanos / 1e6;
                }

                @Override
                public void close() {
                    // host memory belongs to the caller's arena
                }
            };
        }
    }
}
