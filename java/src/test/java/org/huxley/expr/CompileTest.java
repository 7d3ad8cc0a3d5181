package org.huxley.expr;

import static org.huxley.expr.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompileTest {
    private static final Symbol X = Symbol.of("x");
    private static final Symbol Y = Symbol.of("y");

    /** Compiled and reference evaluation agree bitwise on random trees and random points (NaNs included). */
    @Test
    void compiledAgreesWithEvalBitwise() {
        Random r = new Random(7);
        List<Symbol> slots = RandomTrees.SYMBOLS;
        int finite = 0;
        for (int i = 0; i < 3000; i++) {
            Expr e = RandomTrees.tree(r, 6);
            CompiledExpr ce = e.compile(slots);
            for (int j = 0; j < 5; j++) {
                double[] p = RandomTrees.point(r);
                double expected = e.eval(s -> p[slots.indexOf(s)]);
                double actual = ce.eval(p);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), e + " at " + java.util.Arrays.toString(p));
                finite += Double.isFinite(expected) ? 1 : 0;
            }
        }
        assertTrue(finite > 5000, "too few finite samples: " + finite);
    }

    @Test
    void derivativesCompileToo() {
        Expr e = mul(sym(X), efun(div(sub(sym(Y), sym(X)), c(3))));
        List<Symbol> slots = List.of(Y, X);
        CompiledExpr dx = e.diff(X).compile(slots);
        double[] p = {-1.0, 2.0};
        assertEquals(e.diff(X).eval(s -> s.equals(X) ? 2.0 : -1.0), dx.eval(p));
    }

    @Test
    void constantSubtreesAreFolded() {
        Expr e = new Add(List.of(new Mul(List.of(new Const(2), new Const(3))), new Var(X)));
        CompiledExpr ce = e.compile(List.of(X));
        assertEquals(7.0, ce.eval(new double[] {1.0}));
        assertEquals(Math.exp(1.0), new SaveExp(new Const(1.0)).compile(List.of()).eval(new double[0]));
    }

    @Test
    void unknownSymbolIsRejectedByName() {
        Expr e = add(sym(X), sym("gNaBar"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.compile(List.of(X)));
        assertTrue(ex.getMessage().contains("gNaBar"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.compile(List.of(X, X)));
    }

    @Test
    void compileAllSharesIdenticalSubtrees() {
        Expr shared = efun(add(sym(X), c(40)));
        List<Expr> exprs = List.of(mul(shared, sym(Y)), add(shared, c(1)), shared);
        List<CompiledExpr> compiled = ExprCompiler.compileAll(exprs, List.of(X, Y));
        List<Double> values = new ArrayList<>();
        for (CompiledExpr ce : compiled) {
            values.add(ce.eval(new double[] {-40.0, 3.0}));
        }
        assertEquals(List.of(3.0, 2.0, 1.0), values);
        List<CompiledExpr> twice = ExprCompiler.compileAll(List.of(shared, efun(add(sym(X), c(40)))), List.of(X, Y));
        assertTrue(twice.get(0) == twice.get(1), "identical trees should share one compiled node");
    }
}
