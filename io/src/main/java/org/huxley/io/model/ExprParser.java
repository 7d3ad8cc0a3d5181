package org.huxley.io.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Parses the expression grammar of model files (docs/model-files.md) into {@code org.huxley.expr}
 * trees:
 *
 * <pre>
 * sum     = product { ("+" | "-") product }
 * product = unary { ("*" | "/") unary }
 * unary   = "-" unary | power
 * power   = atom [ "^" integer | "^" "(" ["-"] integer ")" | "^" "-" integer ]
 * atom    = number | name | function "(" sum { "," sum } ")" | "(" sum ")"
 * </pre>
 *
 * Operators are left-associative and evaluated left to right, as written. The tree is built from
 * the record constructors without simplification, so text written by {@link ExprText} parses back
 * to the very tree it came from (bit-identical evaluation). Errors carry the 1-based column.
 */
final class ExprParser {
    /** A syntax or name error at a 1-based column of the expression. */
    static final class SyntaxError extends RuntimeException {
        final int column;

        SyntaxError(int column, String message) {
            super(message);
            this.column = column;
        }
    }

    /** Function name → argument count. */
    static final Map<String, Integer> FUNCTIONS = Map.ofEntries(Map.entry("saveExp", 1), Map.entry("log", 1),
            Map.entry("sqrt", 1), Map.entry("tanh", 1), Map.entry("efun", 1), Map.entry("min", 2), Map.entry("max", 2),
            Map.entry("ifle", 4), Map.entry("saveExpSlope", 1), Map.entry("efunSlope", 1),
            Map.entry("efunCurvature", 1));

    private final String text;
    private final Function<String, Symbol> names;
    private int pos;

    private ExprParser(String text, Function<String, Symbol> names) {
        this.text = text;
        this.names = names;
    }

    /**
     * @param names resolves a name to its symbol, or returns null for an unknown name
     * @throws SyntaxError naming the column
     */
    static Expr parse(String text, Function<String, Symbol> names) {
        ExprParser p = new ExprParser(text, names);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw new SyntaxError(1, "empty expression");
        }
        Expr e = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return e;
    }

    private SyntaxError error(String message) {
        return new SyntaxError(pos + 1, message);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c, String context) {
        if (!eat(c)) {
            throw error(pos < text.length() ? "expected '" + c + "' " + context + ", found '" + text.charAt(pos) + "'"
                    : "expected '" + c + "' " + context + ", found the end of the expression");
        }
    }

    private Expr sum() {
        List<Expr> terms = new ArrayList<>();
        terms.add(product());
        while (true) {
            if (eat('+')) {
                terms.add(product());
            } else if (eat('-')) {
                Expr left = build(terms, true);
                terms.clear();
                terms.add(new Sub(left, product()));
            } else {
                return build(terms, true);
            }
        }
    }

    private Expr product() {
        List<Expr> factors = new ArrayList<>();
        factors.add(unary());
        while (true) {
            if (eat('*')) {
                factors.add(unary());
            } else if (eat('/')) {
                Expr left = build(factors, false);
                factors.clear();
                factors.add(new Div(left, unary()));
            } else {
                return build(factors, false);
            }
        }
    }

    private static Expr build(List<Expr> xs, boolean add) {
        if (xs.size() == 1) {
            return xs.getFirst();
        }
        return add ? new Add(xs) : new Mul(xs);
    }

    private Expr unary() {
        if (eat('-')) {
            Expr a = unary();
            return a instanceof Const(double v) ? new Const(-v) : new Neg(a);
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        if (!eat('^')) {
            return base;
        }
        boolean paren = eat('(');
        boolean negative = eat('-');
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("the exponent after '^' must be an integer");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw new SyntaxError(start + 1, "the exponent after '^' must be an integer");
        }
        int n;
        try {
            n = Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new SyntaxError(start + 1, "exponent " + text.substring(start, pos) + " is too large");
        }
        if (paren) {
            expect(')', "after the exponent");
        }
        return new Pow(base, negative ? -n : n);
    }

    private Expr atom() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a number, a name or '(', found the end of the expression");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr e = sum();
            expect(')', "to close the '('");
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return call(name, start);
            }
            Symbol s = names.apply(name);
            if (s == null) {
                throw new SyntaxError(start + 1, "unknown name '" + name + "'");
            }
            return new Var(s);
        }
        throw error("unexpected '" + c + "'");
    }

    private Expr number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String s = text.substring(start, pos);
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new SyntaxError(start + 1, "number " + s + " is out of range");
            }
            return new Const(v);
        } catch (NumberFormatException e) {
            throw new SyntaxError(start + 1, "malformed number '" + s + "'");
        }
    }

    private Expr call(String name, int start) {
        Integer arity = FUNCTIONS.get(name);
        if (arity == null) {
            String hint = name.equals("exp") ? " (Huxley's exponential is saveExp(x) = exp(min(x, 20)))" : "";
            throw new SyntaxError(start + 1, "unknown function '" + name + "'" + hint + "; functions: "
                    + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())));
        }
        pos++; // '('
        List<Expr> args = new ArrayList<>();
        args.add(sum());
        while (eat(',')) {
            args.add(sum());
        }
        expect(')', "to close " + name + "(");
        if (args.size() != arity) {
            throw new SyntaxError(start + 1, name + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got "
                    + args.size());
        }
        Expr a = args.get(0);
        return switch (name) {
            case "saveExp" -> new SaveExp(a);
            case "log" -> new Log(a);
            case "sqrt" -> new Sqrt(a);
            case "tanh" -> new Tanh(a);
            case "efun" -> new Efun(a);
            case "min" -> new Min(a, args.get(1));
            case "max" -> new Max(a, args.get(1));
            case "ifle" -> new IfLe(a, args.get(1), args.get(2), args.get(3));
            case "saveExpSlope" -> new SaveExpSlope(a);
            case "efunSlope" -> new EfunSlope(a);
            case "efunCurvature" -> new EfunCurvature(a);
            default -> throw new IllegalStateException(name);
        };
    }
}
