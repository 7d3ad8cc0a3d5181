package org.huxley.io.model;

import java.util.List;
import java.util.function.Function;
import org.huxley.expr.Add;
import org.huxley.expr.Const;
import org.huxley.expr.Div;
import org.huxley.expr.Efun;
import org.huxley.expr.EfunCurvature;
import org.huxley.expr.EfunSlope;
import org.huxley.expr.Expr;
import org.huxley.expr.IfLe;
import org.huxley.expr.Log;
import org.huxley.expr.Max;
import org.huxley.expr.Min;
import org.huxley.expr.Mul;
import org.huxley.expr.Neg;
import org.huxley.expr.Pow;
import org.huxley.expr.SaveExp;
import org.huxley.expr.SaveExpSlope;
import org.huxley.expr.Sqrt;
import org.huxley.expr.Sub;
import org.huxley.expr.Symbol;
import org.huxley.expr.Tanh;
import org.huxley.expr.Var;

/**
 * Writes expression trees in the model-file grammar ({@link ExprParser}), with parentheses exactly
 * where the tree needs them, so that parsing the text gives back the same tree: sums and products
 * continue to the left, a nested right operand is parenthesised, constants are Java's shortest
 * exact decimal.
 */
final class ExprText {
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    private final Function<Symbol, String> names;

    private ExprText(Function<Symbol, String> names) {
        this.names = names;
    }

    /** @param names the short name of each symbol as the file's expressions use it */
    static String write(Expr e, Function<Symbol, String> names) {
        return new ExprText(names).print(e, 0);
    }

    private String print(Expr e, int minPrec) {
        String s = render(e);
        return precedence(e) < minPrec ? "(" + s + ")" : s;
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Const(double v) -> Math.copySign(1.0, v) < 0 ? UNARY : ATOM;
            case Add a -> SUM;
            case Sub s -> SUM;
            case Mul m -> PRODUCT;
            case Div d -> PRODUCT;
            case Neg n -> UNARY;
            case Pow p -> POWER;
            default -> ATOM;
        };
    }

    private String render(Expr e) {
        return switch (e) {
            case Const(double v) -> Double.toString(v);
            case Var(Symbol s) -> names.apply(s);
            case Add(List<Expr> terms) -> chain(terms, " + ", SUM, PRODUCT);
            case Sub(Expr l, Expr r) -> print(l, SUM) + " - " + print(r, PRODUCT);
            case Mul(List<Expr> factors) -> chain(factors, " * ", PRODUCT, UNARY);
            case Div(Expr l, Expr r) -> print(l, PRODUCT) + " / " + print(r, UNARY);
            case Neg(Expr a) -> "-" + print(a, POWER);
            case Pow(Expr b, int n) -> print(b, ATOM) + "^" + (n < 0 ? "(" + n + ")" : Integer.toString(n));
            case SaveExp(Expr a) -> call("saveExp", a);
            case SaveExpSlope(Expr a) -> call("saveExpSlope", a);
            case Log(Expr a) -> call("log", a);
            case Sqrt(Expr a) -> call("sqrt", a);
            case Tanh(Expr a) -> call("tanh", a);
            case Efun(Expr a) -> call("efun", a);
            case EfunSlope(Expr a) -> call("efunSlope", a);
            case EfunCurvature(Expr a) -> call("efunCurvature", a);
            case Min(Expr a, Expr b) -> call("min", a, b);
            case Max(Expr a, Expr b) -> call("max", a, b);
            case IfLe(Expr l, Expr r, Expr t, Expr o) -> call("ifle", l, r, t, o);
        };
    }

    /** First operand at {@code firstPrec} (it may continue the chain), the rest at {@code restPrec}. */
    private String chain(List<Expr> xs, String op, int firstPrec, int restPrec) {
        StringBuilder sb = new StringBuilder(print(xs.getFirst(), firstPrec));
        for (int i = 1; i < xs.size(); i++) {
            sb.append(op).append(print(xs.get(i), restPrec));
        }
        return sb.toString();
    }

    private String call(String f, Expr... args) {
        StringBuilder sb = new StringBuilder(f).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(print(args[i], 0));
        }
        return sb.append(')').toString();
    }
}
