package org.huxley.expr;

import static org.huxley.expr.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimplifyTest {
    private static final Symbol X = Symbol.of("x");
    private static final Symbol Y = Symbol.of("y");
    private static final Expr x = sym(X);
    private static final Expr y = sym(Y);

    @Test
    void neutralAndAbsorbingElements() {
        assertEquals(x, add(x, c(0)));
        assertEquals(x, add(c(0), x));
        assertEquals(x, sub(x, c(0)));
        assertEquals(new Neg(x), sub(c(0), x));
        assertEquals(x, mul(x, c(1)));
        assertEquals(c(0), mul(x, c(0)));
        assertEquals(c(0), mul(c(0), tanh(x), y));
        assertEquals(x, div(x, c(1)));
        assertEquals(c(0), div(c(0), x));
        assertEquals(x, pow(x, 1));
        assertEquals(c(1), pow(x, 0));
    }

    @Test
    void signs() {
        assertEquals(x, neg(neg(x)));
        assertEquals(new Sub(y, x), neg(sub(x, y)));
        assertEquals(new Sub(x, y), add(x, neg(y)));
        assertEquals(new Add(List.of(x, y)), sub(x, neg(y)));
        assertEquals(new Neg(new Mul(List.of(x, y))), mul(neg(x), y));
        assertEquals(new Mul(List.of(x, y)), mul(neg(x), neg(y)));
        assertEquals(new Neg(x), mul(c(-1), x));
        assertEquals(new Sub(x, c(2)), add(x, c(-2)));
    }

    @Test
    void constantFolding() {
        assertEquals(c(3), add(c(1), c(2)));
        assertEquals(c(-1), sub(c(1), c(2)));
        assertEquals(c(0.5), div(c(1), c(2)));
        assertEquals(c(8), pow(c(2), 3));
        assertEquals(c(Math.exp(20)), saveExp(c(50)));
        assertEquals(c(1), efun(c(0)));
        assertEquals(c(Math.log(3)), log(c(3)));
        assertEquals(c(2), max(c(2), c(-1)));
        assertEquals(new Mul(List.of(c(6), x, y)), mul(c(2), x, c(3), y));
        assertEquals(new Mul(List.of(c(6), x, y)), mul(mul(c(2), x), mul(c(3), y)));
        assertEquals(new Mul(List.of(c(-6), x)), mul(c(2), neg(mul(c(3), x))));
        assertEquals(x, ifLe(c(1), c(2), x, y));
        assertEquals(x, ifLe(y, c(2), x, x));
    }

    /** Sums keep their order so cancellation is exactly as written: (1e20 + x) - 1e20 is 0 at x = 1. */
    @Test
    void sumsAreNotReassociated() {
        Expr e = add(c(1e20), x, c(-1e20));
        assertEquals(0.0, e.eval(s -> 1.0));
        Expr f = add(x, add(y, c(1)));
        assertEquals(2, ((Add) f).terms().size());
        // Leading constants fold in evaluation order: (1e-16 + 1e-16) + 1, not 1e-16 + (1e-16 + 1).
        assertEquals(c(1e-16 + 1e-16 + 1.0), add(c(1e-16), c(1e-16), c(1)));
        assertEquals(1.0, c(1e-16 + (1e-16 + 1.0)).eval(s -> 0.0));
    }

    @Test
    void derivativesComeOutSimplified() {
        assertEquals(c(3), mul(c(3), x).diff(X));
        assertEquals(new Mul(List.of(c(2), x)), pow(x, 2).diff(X));
        assertEquals(c(0), mul(y, y).diff(X));
        assertEquals(y, mul(x, y).diff(X));
        assertEquals(new Div(c(1), x), log(x).diff(X));
        assertEquals(new EfunCurvature(x), efun(x).diff(X).diff(X));
        assertInstanceOf(IfLe.class, min(x, y).diff(X));
        assertEquals(new EfunSlope(x), efun(x).diff(X));
        assertEquals(new SaveExpSlope(x), saveExp(x).diff(X));
    }

    @Test
    void symbolsAndSubstitution() {
        Expr e = add(mul(x, y), saveExp(x));
        assertEquals(Set.of(X, Y), e.symbols());
        assertEquals(List.of(X, Y), List.copyOf(e.symbols()));
        Expr s = e.substitute(Map.of(Y, c(0)));
        assertEquals(saveExp(x), s);
        assertEquals(c(6.0 + Math.exp(2.0)), e.substitute(Map.of(X, c(2.0), Y, c(3.0))));
        assertEquals(add(mul(tanh(y), y), saveExp(tanh(y))), e.substitute(Map.of(X, tanh(y))));
        assertEquals(Symbol.of("x"), X);
        assertEquals(Symbol.of("x").hashCode(), X.hashCode());
    }
}
