package org.huxley.expr;

import static org.huxley.expr.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrinterTest {
    private static final Symbol X = Symbol.of("x");
    private static final Symbol Y = Symbol.of("y");
    private static final Expr x = sym(X);
    private static final Expr y = sym(Y);

    @Test
    void infixOfSmallExpressions() {
        assertEquals("0.1 * (x + 40.0)", mul(c(0.1), add(x, c(40))).toString());
        assertEquals("x - (y - 2.0)", sub(x, sub(y, c(2))).toString());
        assertEquals("-(x + y)", neg(add(x, y)).toString());
        assertEquals("(x + y)^3", pow(add(x, y), 3).toString());
        assertEquals("x / (2.0 * y)", div(x, mul(c(2), y)).toString());
        assertEquals("efun(-((x + 40.0) / 10.0))", efun(div(neg(add(x, c(40))), c(10))).toString());
        assertEquals("-x / y", new Div(new Neg(x), y).toString());
        assertEquals("min(x, saveExp(y))", min(x, saveExp(y)).toString());
        assertEquals("x^(-2)", pow(x, -2).toString());
        assertEquals("-(-x)", new Neg(new Neg(x)).toString());
        assertEquals("x", Symbol.of("x").toString());
    }

    @Test
    void cOfSmallExpression() {
        Expr e = add(mul(c(0.1), pow(x, 3)), div(efun(y), sub(saveExp(x), c(1))), pow(tanh(x), 5),
                max(log(x), sqrt(y)));
        assertEquals("0.1 * (s[0] * s[0] * s[0]) + hx_efun(s[1]) / (hx_save_exp(s[0]) - 1.0)"
                        + " + pow(tanh(s[0]), 5.0) + fmax(log(s[0]), sqrt(s[1]))",
                e.toC(s -> s.equals(X) ? "s[0]" : "s[1]"));
        assertEquals("hx_efun_slope(x) * hx_efun_curvature(x) * hx_save_exp_slope(x)",
                mul(efunSlope(x), efunCurvature(x), saveExpSlope(x)).toC(Symbol::name));
        assertEquals("(x <= y ? 1.0 : 0.0)", ifLe(x, y, c(1), c(0)).toC(Symbol::name));
        assertEquals("fmin(x, y)", min(x, y).toC(Symbol::name));
    }

    @Test
    void cConstantsRoundTripExactly() {
        for (double v : new double[] {0.1 + 0.2, 1.0 / 3.0, 6.02214076e23, Double.MIN_VALUE, -1e-7, Math.PI}) {
            String text = c(v).toC(Symbol::name);
            assertEquals(v, Double.parseDouble(text), text);
        }
        assertEquals("(1.0 / 0.0)", c(Double.POSITIVE_INFINITY).toC(Symbol::name));
    }

    /** Printed text re-parsed with standard precedence evaluates to the same bits as the tree. */
    @Test
    void printedFormsParseBackToTheSameTree() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Expr e = RandomTrees.tree(r, 5);
            double[] p = RandomTrees.point(r);
            Map<String, Double> env = new HashMap<>();
            for (int k = 0; k < p.length; k++) {
                env.put(RandomTrees.SYMBOLS.get(k).name(), p[k]);
                env.put("v[" + k + "]", p[k]);
            }
            double expected = e.eval(s -> p[RandomTrees.SYMBOLS.indexOf(s)]);
            String infix = e.toString();
            assertEquals(expected, InfixParser.eval(infix, env), infix);
            String cText = e.toC(s -> "v[" + RandomTrees.SYMBOLS.indexOf(s) + "]");
            assertFalse(cText.contains("--"), cText);
            assertEquals(expected, InfixParser.eval(cText, env), cText);
        }
    }
}
