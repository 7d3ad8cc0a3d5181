package org.huxley.engine;

/** Floating-point precision of an engine's arithmetic and stored state. */
public enum Precision {
    /** IEEE binary32: the fast GPU path; accuracy rule in docs/gpu.md. */
    FLOAT32(4),
    /** IEEE binary64: equal to the CPU engine up to last-bit differences of exp/log. */
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** {@return size of one value, bytes} */
    public int bytes() {
        return bytes;
    }

    /** {@return {@code f32} or {@code f64}, as in kernel names} */
    public String suffix() {
        return this == FLOAT32 ? "f32" : "f64";
    }
}
