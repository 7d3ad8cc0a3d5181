package org.huxley.cli;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers in human-readable output: 6 significant digits, no trailing zeros. */
final class Numbers {
    private Numbers() {
    }

    static String g(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return v == 0 ? "0" : new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
