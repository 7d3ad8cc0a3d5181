package org.huxley.expr;

import java.util.Map;

/**
 * Test-only evaluator of the printed forms (infix and C): parses the text with standard
 * precedence ({@code ?:} < {@code + -} < {@code * /} < unary minus < {@code ^}, left
 * associative) and evaluates left to right. Round-tripping a tree through it checks that the
 * printer's parentheses preserve the tree.
 */
final class InfixParser {
    private final String s;
    private final Map<String, Double> env;
    private int pos;

    private InfixParser(String s, Map<String, Double> env) {
        this.s = s;
        this.env = env;
    }

    static double eval(String text, Map<String, Double> env) {
        InfixParser p = new InfixParser(text, env);
        double v = p.ternary();
        p.skip();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing text at " + p.pos + " in " + text);
        }
        return v;
    }

    private void skip() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean eat(String tok) {
        skip();
        if (s.startsWith(tok, pos)) {
            pos += tok.length();
            return true;
        }
        return false;
    }

    private void expect(String tok) {
        if (!eat(tok)) {
            throw new IllegalArgumentException("expected '" + tok + "' at " + pos + " in " + s);
        }
    }

    private double ternary() {
        double l = additive();
        if (!eat("<=")) {
            return l;
        }
        double r = additive();
        expect("?");
        double t = ternary();
        expect(":");
        double o = ternary();
        return l <= r ? t : o;
    }

    private double additive() {
        double v = multiplicative();
        while (true) {
            if (eat("+")) {
                v += multiplicative();
            } else if (eat("-")) {
                v -= multiplicative();
            } else {
                return v;
            }
        }
    }

    private double multiplicative() {
        double v = unary();
        while (true) {
            if (eat("*")) {
                v *= unary();
            } else if (eat("/")) {
                v /= unary();
            } else {
                return v;
            }
        }
    }

    private double unary() {
        skip();
        if (s.startsWith("--", pos)) {
            throw new IllegalArgumentException("'--' would be a C decrement: " + s);
        }
        if (eat("-")) {
            return -unary();
        }
        return power();
    }

    private double power() {
        double base = primary();
        if (eat("^")) {
            boolean paren = eat("(");
            boolean negative = eat("-");
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            int n = Integer.parseInt(s.substring(start, pos)) * (negative ? -1 : 1);
            if (paren) {
                expect(")");
            }
            return ExprMath.ipow(base, n);
        }
        return base;
    }

    private double primary() {
        skip();
        if (eat("(")) {
            double v = ternary();
            expect(")");
            return v;
        }
        int start = pos;
        char c0 = s.charAt(pos);
        if (Character.isDigit(c0)) {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                    || (s.charAt(pos) == '-' && s.charAt(pos - 1) == 'E'))) {
                pos++;
            }
            return Double.parseDouble(s.substring(start, pos));
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                || s.charAt(pos) == '[' || s.charAt(pos) == ']')) {
            pos++;
        }
        String name = s.substring(start, pos);
        if (!eat("(")) {
            Double v = env.get(name);
            if (v == null) {
                throw new IllegalArgumentException("unknown name " + name + " in " + s);
            }
            return v;
        }
        double a = ternary();
        double b = eat(",") ? ternary() : Double.NaN;
        expect(")");
        return switch (name) {
            case "saveExp", "hx_save_exp" -> ExprMath.saveExp(a);
            case "saveExpSlope", "hx_save_exp_slope" -> ExprMath.saveExpSlope(a);
            case "efun", "hx_efun" -> ExprMath.efun(a);
            case "efunSlope", "hx_efun_slope" -> ExprMath.efunSlope(a);
            case "efunCurvature", "hx_efun_curvature" -> ExprMath.efunCurvature(a);
            case "log" -> Math.log(a);
            case "sqrt" -> Math.sqrt(a);
            case "tanh" -> Math.tanh(a);
            case "min", "fmin" -> Math.min(a, b);
            case "max", "fmax" -> Math.max(a, b);
            case "pow" -> Math.pow(a, b);
            default -> throw new IllegalArgumentException("unknown function " + name);
        };
    }
}
