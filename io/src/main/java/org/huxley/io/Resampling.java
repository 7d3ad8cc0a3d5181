package org.huxley.io;

/** How a trace is evaluated between its samples. */
public enum Resampling {
    /** Linear interpolation between neighbouring samples (voltages). */
    LINEAR,
    /** The previous sample (zero-order hold): keeps step currents sharp. */
    HOLD
}
