package org.huxley.expr;

import java.util.List;
import java.util.function.Function;

/**
 * Renders expressions as readable infix ({@link Expr#toString}) or as C/CUDA source
 * ({@link Expr#toC}). Parentheses are inserted from operator precedence so that the printed
 * text parses back to the same tree, with the same left-to-right evaluation order.
 */
final class Printer {
    private static final int ADD = 1;
    private static final int MUL = 2;
    private static final int UNARY = 3;
    private static final int POW = 4;
    private static final int ATOM = 5;

    private final Function<Symbol, String> names;
    private final boolean c;

    private Printer(Function<Symbol, String> names, boolean c) {
        this.names = names;
        this.c = c;
    }

    static String infix(Expr e) {
        return new Printer(Symbol::name, false).print(e, 0);
    }

    static String c(Expr e, Function<Symbol, String> names) {
        return new Printer(names, true).print(e, 0);
    }

    private String print(Expr e, int minPrec) {
        String s = render(e);
        return precedence(e) < minPrec ? "(" + s + ")" : s;
    }

    private int precedence(Expr e) {
        return switch (e) {
            case Const(double v) -> !Double.isFinite(v) && c ? ATOM
                    : Math.copySign(1.0, v) < 0 ? UNARY : ATOM;
            case Add a -> ADD;
            case Sub s -> ADD;
            case Mul m -> MUL;
            case Div d -> MUL;
            case Neg n -> UNARY;
            case Pow(Expr b, int n) -> !c ? POW : (n >= 2 && n <= 4) ? MUL : ATOM;
            default -> ATOM;
        };
    }

    private String render(Expr e) {
        return switch (e) {
            case Const(double v) -> constant(v);
            case Var(Symbol s) -> c ? names.apply(s) : s.name();
            case Add(List<Expr> terms) -> chain(terms, " + ", ADD, MUL);
            case Sub(Expr l, Expr r) -> print(l, ADD) + " - " + print(r, MUL);
            case Mul(List<Expr> factors) -> chain(factors, " * ", MUL, UNARY);
            case Div(Expr l, Expr r) -> print(l, MUL) + " / " + print(r, UNARY);
            // The operand never starts with '-', so C never sees "--" (decrement).
            case Neg(Expr a) -> "-" + print(a, POW);
            case Pow(Expr b, int n) -> power(b, n);
            case SaveExp(Expr a) -> call(c ? "hx_save_exp" : "saveExp", a);
            case SaveExpSlope(Expr a) -> call(c ? "hx_save_exp_slope" : "saveExpSlope", a);
            case Log(Expr a) -> call("log", a);
            case Sqrt(Expr a) -> call("sqrt", a);
            case Tanh(Expr a) -> call("tanh", a);
            case Efun(Expr a) -> call(c ? "hx_efun" : "efun", a);
            case EfunSlope(Expr a) -> call(c ? "hx_efun_slope" : "efunSlope", a);
            case EfunCurvature(Expr a) -> call(c ? "hx_efun_curvature" : "efunCurvature", a);
            case Min(Expr a, Expr b) -> call(c ? "fmin" : "min", a, b);
            case Max(Expr a, Expr b) -> call(c ? "fmax" : "max", a, b);
            case IfLe(Expr l, Expr r, Expr t, Expr o) ->
                    "(" + print(l, ADD) + " <= " + print(r, ADD) + " ? " + print(t, 0) + " : " + print(o, 0) + ")";
        };
    }

    /** First operand at {@code firstPrec}, the rest at {@code restPrec} (left associativity). */
    private String chain(List<Expr> xs, String op, int firstPrec, int restPrec) {
        StringBuilder sb = new StringBuilder(print(xs.getFirst(), firstPrec));
        for (int i = 1; i < xs.size(); i++) {
            sb.append(op).append(print(xs.get(i), restPrec));
        }
        return sb.toString();
    }

    private String power(Expr b, int n) {
        if (!c) {
            return print(b, ATOM) + "^" + (n < 0 ? "(" + n + ")" : Integer.toString(n));
        }
        if (n == 0) {
            return "1.0";
        }
        if (n == 1) {
            return print(b, ATOM);
        }
        String base = print(b, ATOM);
        if (n <= 4 && n > 0) {
            return String.join(" * ", java.util.Collections.nCopies(n, base));
        }
        return "pow(" + print(b, 0) + ", " + (double) n + ")";
    }

    private String call(String f, Expr... args) {
        StringBuilder sb = new StringBuilder(f).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(print(args[i], 0));
        }
        return sb.append(')').toString();
    }

    /** Shortest decimal that parses back to exactly {@code v} (Java's and C's parsers round correctly). */
    private String constant(double v) {
        if (c && Double.isNaN(v)) {
            return "(0.0 / 0.0)";
        }
        if (c && Double.isInfinite(v)) {
            return v > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
        }
        return Double.toString(v);
    }
}
