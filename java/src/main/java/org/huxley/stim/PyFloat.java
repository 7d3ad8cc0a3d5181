package org.huxley.stim;

/** Python's float floor division, which Jaxley's sample counts depend on. */
public final class PyFloat {
    private PyFloat() {
    }

    /**
     * {@code a // b} as CPython computes it for floats (fmod, then rounding of the quotient), e.g.
     * 5.0 // 0.025 = 199.0, where {@code Math.floor(5.0 / 0.025)} gives 200.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the floored quotient
     */
    public static double floorDiv(double a, double b) {
        double mod = a % b; // C fmod
        double div = (a - mod) / b;
        if (mod != 0.0 && ((b < 0) != (mod < 0))) {
            div -= 1.0;
        }
        double floor;
        if (div != 0.0) {
            floor = Math.floor(div);
            if (div - floor > 0.5) {
                floor += 1.0;
            }
        } else {
            floor = Math.copySign(0.0, a / b);
        }
        return floor;
    }
}
