package org.huxley.adjoint.internal;

import org.huxley.engine.internal.StepState;

/** Checkpoints of one level in one flat array: state j at offset j·size (no per-state objects). */
final class StateStore {
    private final int size;
    private double[] data;
    private int count;

    StateStore(int stateSize, int capacity) {
        this.size = stateSize;
        this.data = new double[Math.max(1, capacity) * stateSize];
        var hook = AdjointTestHooks.checkpointStoreAllocated;
        if (hook != null) {
            hook.accept(this);
        }
    }

    void add(StepState s) {
        if ((count + 1) * size > data.length) {
            data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, (count + 1) * size));
        }
        s.save(data, count * size);
        count++;
    }

    void load(int index, StepState into) {
        into.restore(data, index * size);
    }

    int count() {
        return count;
    }

    /** Forgets states from {@code index} on. */
    void truncate(int index) {
        count = Math.min(count, index);
    }
}
