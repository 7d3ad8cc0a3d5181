package org.huxley.engine;

import org.huxley.engine.internal.StepState;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;

/**
 * Collects {@value #BLOCK} consecutive samples of some recordings in one small array and copies
 * them into the [recording][sample] output row by row: writing each sample straight into a
 * thousand rows touches a thousand cache lines per step (NEURON's case i records every cell).
 */
final class RecordBuffer {
    static final int BLOCK = 16;
    private final double[][] out;
    private final int[] which;
    private final RecordingTarget[] targets;
    /** [k·BLOCK + j]: sample firstCol + j of recording which[k]. */
    private final double[] buffer;
    private int firstCol;
    private int count;

    /** @param which the recordings (indices into {@code out}) this buffer fills */
    RecordBuffer(Plan plan, double[][] out, int[] which) {
        this.out = out;
        this.which = which;
        this.targets = new RecordingTarget[which.length];
        for (int k = 0; k < which.length; k++) {
            targets[k] = plan.recordings().get(which[k]);
        }
        this.buffer = new double[which.length * BLOCK];
    }

    /** Records sample {@code col}; samples must come in consecutive order. */
    void record(StepState s, int col) {
        if (count == 0) {
            firstCol = col;
        }
        s.recordInto(targets, buffer, count, BLOCK);
        if (++count == BLOCK) {
            flush();
        }
    }

    /** Copies the buffered samples into the output. */
    void flush() {
        for (int k = 0; k < which.length; k++) {
            System.arraycopy(buffer, k * BLOCK, out[which[k]], firstCol, count);
        }
        count = 0;
    }
}
