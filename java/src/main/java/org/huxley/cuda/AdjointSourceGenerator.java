package org.huxley.cuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.huxley.expr.Expr;
import org.huxley.expr.Exprs;
import org.huxley.expr.Mul;
import org.huxley.expr.SaveExpSlope;
import org.huxley.expr.Symbol;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;

/**
 * Generates the derivative code of the gradient kernels (kernels/include/huxley_adjoint_mech.cuh):
 * per mechanism a struct {@code hx_ch_i_d} / {@code hx_sy_i_d} whose {@code cur} and {@code upd}
 * evaluate every partial derivative the backward step needs, differentiated symbolically from the
 * mechanism's expressions ({@link Expr#diff}) in the order of the CPU adjoint's
 * {@code MechanismDerivatives}, and the dispatch {@code hx_channels_adj} / {@code hx_synapses_adj}.
 * Called by {@link CudaSourceGenerator}, so every module (built-in fatbin, NVRTC, host library)
 * carries the gradient kernels.
 */
final class AdjointSourceGenerator {
    private AdjointSourceGenerator() {
    }

    /** The derivative struct of one mechanism, named {@code type}. */
    static void derivatives(StringBuilder sb, String type, Mechanism m, Function<Symbol, String> names) {
        boolean synapse = m.kind() == MechanismKind.SYNAPSE;
        int ns = m.states().size();
        int np = m.params().size();
        Expr current = m.currentExpr();
        Expr slope = current.diff(Mechanism.V);
        if (synapse) {
            slope = Exprs.add(slope, current.diff(Mechanism.V_PRE));
        }
        List<Expr> cs = new ArrayList<>();
        cs.add(current);
        cs.add(slope);
        cs.add(current.diff(Mechanism.V));
        cs.add(slope.diff(Mechanism.V));
        cs.add(synapse ? current.diff(Mechanism.V_PRE) : Exprs.c(0));
        cs.add(synapse ? slope.diff(Mechanism.V_PRE) : Exprs.c(0));
        for (int q = 0; q < ns; q++) {
            cs.add(current.diff(m.states().get(q).symbol()));
        }
        for (int q = 0; q < ns; q++) {
            cs.add(slope.diff(m.states().get(q).symbol()));
        }
        for (int p = 0; p < np; p++) {
            cs.add(current.diff(m.params().get(p).symbol()));
        }
        for (int p = 0; p < np; p++) {
            cs.add(slope.diff(m.params().get(p).symbol()));
        }
        List<Expr> us = new ArrayList<>();
        for (int q = 0; q < ns; q++) {
            Expr u = m.update(m.states().get(q));
            us.add(u.diff(Mechanism.V));
            us.add(synapse ? u.diff(Mechanism.V_PRE) : Exprs.c(0));
            for (int j = 0; j < ns; j++) {
                us.add(u.diff(m.states().get(j).symbol()));
            }
            for (int p = 0; p < np; p++) {
                us.add(u.diff(m.params().get(p).symbol()));
            }
        }
        sb.append("/* derivatives of ").append(m.name()).append(" (adjoint) */\n");
        sb.append("template <typename T> struct ").append(type).append(" {\n");
        sb.append("    static constexpr int NS = ").append(ns).append(";\n");
        sb.append("    static constexpr int NP = ").append(np).append(";\n");
        sb.append("    static constexpr int NCUR = ").append(cs.size()).append(";\n");
        sb.append("    static constexpr int NUPD = ").append(Math.max(1, us.size())).append(";\n");
        outputs(sb, "cur", cs, names);
        outputs(sb, "upd", us, names);
        sb.append("};\n\n");
    }

    /**
     * One function writing every output; subexpressions used more than once (the derivatives of one
     * mechanism share most of their exponentials and rates) are computed once into {@code const T}
     * temporaries, as the CPU adjoint's BytecodeCompiler does. Each value is the same operations as
     * the plain expression, so the results are unchanged.
     */
    private static void outputs(StringBuilder sb, String fn, List<Expr> exprs, Function<Symbol, String> names) {
        sb.append("    static HX_HD HX_NOINLINE void ").append(fn)
                .append("(const T v, const T v_pre, const T dt, const T *p, const T *s, T *o) {\n");
        sb.append("        (void)v; (void)v_pre; (void)dt; (void)p; (void)s;\n");
        if (exprs.isEmpty()) {
            sb.append("        o[0] = T(0.0);\n");
        }
        List<Expr> prepared = new ArrayList<>(exprs.size());
        Map<Expr, Integer> uses = new HashMap<>();
        for (Expr e : exprs) {
            Expr x = e.isConst(0.0) ? null : strongZero(e);
            prepared.add(x);
            if (x != null) {
                countUses(x, uses);
            }
        }
        Set<Symbol> temps = new HashSet<>();
        Function<Symbol, String> all = sym -> temps.contains(sym) ? sym.name() : names.apply(sym);
        Map<Expr, Expr> rewritten = new HashMap<>();
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < prepared.size(); k++) {
            Expr x = prepared.get(k);
            String text = x == null ? "T(0.0)" : CudaSourceGenerator.c(rewrite(x, uses, rewritten, temps, all, sb), all);
            body.append("        o[").append(k).append("] = ").append(text).append(";\n");
        }
        sb.append(body);
        sb.append("    }\n");
    }

    /** Uses of every node of the DAG (a shared node's children are counted once). */
    private static void countUses(Expr e, Map<Expr, Integer> uses) {
        Integer n = uses.get(e);
        uses.put(e, n == null ? 1 : n + 1);
        if (n == null) {
            for (Expr c : e.children()) {
                countUses(c, uses);
            }
        }
    }

    /** {@code e} with every shared subexpression replaced by its temporary (declared into {@code sb} first). */
    private static Expr rewrite(Expr e, Map<Expr, Integer> uses, Map<Expr, Expr> done, Set<Symbol> temps,
            Function<Symbol, String> names, StringBuilder sb) {
        Expr memo = done.get(e);
        if (memo != null) {
            return memo;
        }
        List<Expr> kids = e.children();
        Expr out = e;
        if (!kids.isEmpty()) {
            List<Expr> mapped = new ArrayList<>(kids.size());
            boolean changed = false;
            for (Expr k : kids) {
                Expr m = rewrite(k, uses, done, temps, names, sb);
                mapped.add(m);
                changed |= m != k;
            }
            out = changed ? e.withChildren(mapped) : e;
            if (uses.getOrDefault(e, 0) >= 2) {
                Symbol t = Symbol.of("hx_cse_" + temps.size());
                temps.add(t);
                sb.append("        const T ").append(t.name()).append(" = ").append(CudaSourceGenerator.c(out, names))
                        .append(";\n");
                out = Exprs.var(t);
            }
        }
        done.put(e, out);
        return out;
    }

    /**
     * Makes every product with a factor save_exp_slope(a) exactly 0 where that factor is 0 (clipped
     * or underflowed exponential: the value does not move, the derivative is 0, but another factor
     * may be infinite and 0 * inf = NaN). The same rule as the CPU adjoint's MechanismDerivatives.
     */
    static Expr strongZero(Expr e) {
        List<Expr> kids = e.children();
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> mapped = kids.stream().map(AdjointSourceGenerator::strongZero).toList();
        boolean changed = false;
        for (int i = 0; i < kids.size(); i++) {
            changed |= mapped.get(i) != kids.get(i);
        }
        Expr out = changed ? e.withChildren(mapped) : e;
        if (out instanceof Mul(List<Expr> factors)) {
            for (Expr f : factors) {
                if (f instanceof SaveExpSlope) {
                    return Exprs.ifLe(f, Exprs.c(0.0), Exprs.c(0.0), out);
                }
            }
        }
        return out;
    }

    /** The adjoint dispatch: table t's mechanism id → the hook with its forward and derivative types. */
    static void dispatch(StringBuilder sb, String fn, String hook, String prefix, String count, String ids, int n) {
        sb.append("template <typename T> HX_HD void ").append(fn).append("(const hx_actx<T> &c, int phase) {\n");
        sb.append("    for (int t = 0; t < (int)c.r.").append(count).append("; t++) {\n");
        sb.append("        switch (c.r.").append(ids).append("[t]) {\n");
        for (int i = 0; i < n; i++) {
            sb.append("        case ").append(i).append(": ").append(hook).append("<T, ").append(prefix).append(i)
                    .append("<T>, ").append(prefix).append(i).append("_d<T> >(c, t, phase); break;\n");
        }
        sb.append("        default: *c.r.status = HX_STATUS_UNKNOWN_MECHANISM; break;\n");
        sb.append("        }\n    }\n}\n\n");
    }
}
