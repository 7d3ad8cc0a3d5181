package org.huxley.io.model;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.efun;
import static org.huxley.expr.Exprs.ifLe;
import static org.huxley.expr.Exprs.log;
import static org.huxley.expr.Exprs.max;
import static org.huxley.expr.Exprs.min;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.pow;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sqrt;
import static org.huxley.expr.Exprs.sub;
import static org.huxley.expr.Exprs.sym;
import static org.huxley.expr.Exprs.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.huxley.expr.Add;
import org.huxley.expr.Const;
import org.huxley.expr.Expr;
import org.huxley.expr.Mul;
import org.huxley.expr.Neg;
import org.huxley.expr.Sub;
import org.huxley.expr.Symbol;
import org.huxley.expr.Var;
import org.junit.jupiter.api.Test;

/** The expression grammar: written trees parse back to the same tree; precedence and associativity as documented. */
class ExprGrammarTest {
    private static final Map<String, Symbol> NAMES = Map.of("v", Symbol.of("v"), "x", Symbol.of("M.x"), "g",
            Symbol.of("M.g"));

    private static Expr parse(String s) {
        return ExprParser.parse(s, NAMES::get);
    }

    private static String write(Expr e) {
        return ExprText.write(e, s -> s.name().equals("v") ? "v" : s.name().substring(2));
    }

    @Test
    void writtenTreesParseBackToTheSameTree() {
        Expr v = sym("v");
        Expr x = sym("M.x");
        Expr g = sym("M.g");
        List<Expr> trees = List.of(
                add(v, c(55.0)), sub(v, add(x, g)), add(v, sub(x, g)), sub(sub(v, x), g),
                mul(c(-2.5), v, x), div(v, mul(x, g)), div(mul(v, x), g), mul(div(v, x), g),
                neg(pow(v, 3)), pow(neg(v), 2), pow(add(v, c(1.0)), -2), neg(div(add(v, c(40.0)), c(10.0))),
                saveExp(div(neg(add(v, c(65.0))), c(18.0))), efun(div(neg(add(v, c(40.0))), c(10.0))),
                min(max(x, c(0.0)), sqrt(add(c(1.0), pow(x, 2)))), log(tanh(v)), ifLe(v, c(-20.0), x, g),
                mul(g, pow(x, 4), sub(v, c(-77.0))), add(mul(c(1e-4), v), c(3.0e-12)), sub(c(1.0), saveExp(neg(x))));
        for (Expr e : trees) {
            String text = write(e);
            assertEquals(e, parse(text), "tree of " + text);
        }
    }

    @Test
    void precedenceAndAssociativity() {
        Expr v = new Var(Symbol.of("v"));
        Expr x = new Var(Symbol.of("M.x"));
        assertEquals(new Sub(new Add(List.of(v, x)), v), parse("v + x - v"));
        assertEquals(new Add(List.of(v, new Mul(List.of(x, v)))), parse("v + x * v"));
        assertEquals(new Neg(new org.huxley.expr.Pow(v, 2)), parse("-v^2"));
        assertEquals(new Const(-2.0), parse("-2"));
        assertEquals(new org.huxley.expr.Pow(v, -3), parse("v^-3"));
        assertEquals(new org.huxley.expr.Pow(v, -3), parse("v^(-3)"));
        assertEquals(new Const(1.5e-3), parse(" 1.5E-3 "));
    }

    @Test
    void errorsCarryTheColumn() {
        ExprParser.SyntaxError e = assertThrows(ExprParser.SyntaxError.class, () -> parse("v * (x + )"));
        assertEquals(10, e.column);
        assertEquals(1, assertThrows(ExprParser.SyntaxError.class, () -> parse("   ")).column);
        assertEquals(5, assertThrows(ExprParser.SyntaxError.class, () -> parse("v + w")).column);
        assertEquals(3, assertThrows(ExprParser.SyntaxError.class, () -> parse("v $ x")).column);
    }
}
