package org.huxley.io;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers in messages: 6 significant digits, no trailing zeros. */
final class Fmt {
    private Fmt() {
    }

    static String g(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
