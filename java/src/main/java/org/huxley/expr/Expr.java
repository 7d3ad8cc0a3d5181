package org.huxley.expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * An immutable scalar expression tree over {@link Symbol}s. Build expressions with the
 * simplifying factories in {@link Exprs}; the record constructors are public for pattern
 * matching but perform no simplification.
 *
 * <p>Structural equality: two trees are {@code equals} iff they have the same shape, node
 * types, symbols and bit-identical constants.
 */
public sealed interface Expr
        permits Const, Var, Add, Sub, Mul, Div, Neg, Pow, SaveExp, SaveExpSlope, Log, Sqrt,
        Tanh, Efun, EfunSlope, EfunCurvature, Min, Max, IfLe {

    /**
     * {@return reference (slow) evaluation, looking each symbol's value up in {@code env}}
     *
     * @param env the value of each symbol
     */
    double eval(ToDoubleFunction<Symbol> env);

    /**
     * {@return the symbolic partial derivative with respect to {@code s}, simplified}
     *
     * @param s the variable
     */
    Expr diff(Symbol s);

    /** {@return the direct sub-expressions, in evaluation order} */
    List<Expr> children();

    /**
     * The same node type over new children (same count as {@link #children()}), built through
     * the simplifying factories.
     *
     * @param children the new sub-expressions, as many as {@link #children()}
     * @return this node over other children
     */
    Expr withChildren(List<Expr> children);

    /** {@return the symbols this expression depends on, in first-occurrence order} */
    default Set<Symbol> symbols() {
        Set<Symbol> out = new LinkedHashSet<>();
        collectSymbols(this, out);
        return out;
    }

    private static void collectSymbols(Expr e, Set<Symbol> out) {
        if (e instanceof Var(Symbol s)) {
            out.add(s);
        }
        for (Expr c : e.children()) {
            collectSymbols(c, out);
        }
    }

    /**
     * {@return true iff this is a constant whose value {@code == v} (so 0.0 also matches -0.0)}
     *
     * @param v the value
     */
    default boolean isConst(double v) {
        return this instanceof Const(double x) && x == v;
    }

    /**
     * C/CUDA source text for this expression. Constants are exact double literals; symbols are
     * rendered by {@code names}. See {@link ExprMath} for the helper functions it calls.
     *
     * @param names the C name of each symbol
     * @return the expression as C source
     */
    default String toC(Function<Symbol, String> names) {
        return Printer.c(this, names);
    }

    /**
     * Replaces symbols by expressions (simultaneously), re-simplifying on the way up.
     *
     * @param replacements what replaces each symbol
     * @return the expression with the symbols replaced
     */
    default Expr substitute(Map<Symbol, Expr> replacements) {
        if (this instanceof Var(Symbol s)) {
            Expr r = replacements.get(s);
            return r == null ? this : r;
        }
        List<Expr> kids = children();
        if (kids.isEmpty()) {
            return this;
        }
        return withChildren(kids.stream().map(k -> k.substitute(replacements)).toList());
    }

    /**
     * Compiles to a fast evaluator reading symbol {@code slotOrder.get(i)} from slot {@code i}.
     *
     * @param slotOrder the symbol of each input slot
     * @return the compiled expression
     */
    default CompiledExpr compile(List<Symbol> slotOrder) {
        return ExprCompiler.compile(this, slotOrder);
    }
}
