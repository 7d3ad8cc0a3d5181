package org.huxley.mech;

import static org.huxley.expr.Exprs.add;
import static org.huxley.expr.Exprs.c;
import static org.huxley.expr.Exprs.div;
import static org.huxley.expr.Exprs.efun;
import static org.huxley.expr.Exprs.mul;
import static org.huxley.expr.Exprs.neg;
import static org.huxley.expr.Exprs.pow;
import static org.huxley.expr.Exprs.saveExp;
import static org.huxley.expr.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.huxley.expr.CompiledExpr;
import org.huxley.expr.Expr;
import org.huxley.expr.Symbol;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaL;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance ([core]): for every built-in mechanism and a user-defined one, the symbolically derived
 * ∂I/∂v and ∂(state update)/∂v (synapses: also ∂/∂v_pre) agree with central finite differences to
 * 1e-6 relative on a voltage grid from −100 to +60 mV that contains every removable singularity
 * (HH −40, −55; Pospischil Na −47, −20; K −45; CaL −27; the user channel −30), and every
 * expression and derivative is finite at those singular points.
 *
 * <p>Evaluation point: parameters at their defaults, every state 0.3, dt = 0.025 ms. Both the
 * reference evaluation ({@link Expr#eval}) and the compiled form the engines use are checked.
 */
class MechanismDerivativesTest {
    static final double REL_TOL = 1e-6;
    static final double DT = 0.025;
    static final double STATE = 0.3;
    /** Voltage of the other side while a synapse is differentiated with respect to one side. */
    static final double OTHER_V_POST = -65.0;
    static final double OTHER_V_PRE = -30.0;
    /** Finite-difference step (mV) of the Richardson-extrapolated central difference. */
    static final double H = 0.01;

    /** A user-defined channel: leak plus a one-gate potassium-like current with an efun rate (singular at −30 mV). */
    static final Mechanism USER;
    static final double USER_SINGULAR_MV = -30.0;

    static {
        MechanismBuilder b = Mechanism.channel("UserKdr");
        Param g = b.param("g", "S/cm^2", 0.02, 0.0, 10.0);
        Param e = b.param("e", "mV", -85.0, -200.0, 200.0);
        StateVar n = b.state("n", 0.1);
        Expr v = b.v();
        // α = 0.02·(v+30)/(1 − exp(−(v+30)/9)) = 0.18·efun(−(v+30)/9); β = 0.3·exp(−(v+60)/25)
        b.gateAlphaBeta(n, mul(c(0.18), efun(div(neg(add(v, c(30.0))), c(9.0)))),
                mul(c(0.3), saveExp(div(neg(add(v, c(60.0))), c(25.0)))));
        // Non-linear in v: an instantaneous sigmoidal factor on the gated current, plus a leak.
        Expr sig = div(c(1.0), add(c(1.0), saveExp(div(neg(add(v, c(20.0))), c(7.0)))));
        b.current("i_UserKdr", add(mul(g.expr(), pow(n.expr(), 2), sig, sub(v, e.expr())),
                mul(c(3e-4), sub(v, c(-65.0)))));
        USER = b.build();
    }

    /**
     * A mechanism to check, with its removable singular points and the voltages where a saveExp
     * argument reaches its clip at 20 (there the function has a kink: left and right derivatives
     * differ, and the symbolic derivative must equal one of the two one-sided ones).
     */
    record Case(String name, Mechanism mechanism, double[] singularMv, double[] clipKinksMv) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> mechanisms() {
        // CaT with vx = 2 (w = v + 2): u∞ clips where (w+81)/4 = 20, τ_u's numerator where (w+113.2)/5 = 20,
        // its denominator where (w+84)/3.2 = 20.
        double vx = 2.0;
        return Stream.of(
                new Case("HH", HH.MECHANISM, new double[] {-40, -55}, new double[0]),
                new Case("Na", Na.MECHANISM, new double[] {-60 + 13, -60 + 40}, new double[0]),
                new Case("K", K.MECHANISM, new double[] {-60 + 15}, new double[0]),
                new Case("Km", Km.MECHANISM, new double[0], new double[0]),
                new Case("CaL", CaL.MECHANISM, new double[] {-27}, new double[0]),
                new Case("CaT", CaT.MECHANISM, new double[0],
                        new double[] {80 - 81 - vx, 100 - 113.2 - vx, 64 - 84 - vx}),
                new Case("Leak", Leak.MECHANISM, new double[0], new double[0]),
                new Case("IonotropicSynapse", IonotropicSynapse.MECHANISM, new double[0], new double[0]),
                new Case("TestSynapse", TestSynapse.MECHANISM, new double[0], new double[0]),
                new Case("user-defined UserKdr", USER, new double[] {USER_SINGULAR_MV}, new double[0]));
    }

    static Stream<Case> synapses() {
        return mechanisms().filter(c -> c.mechanism().kind() == MechanismKind.SYNAPSE);
    }

    /** −100 … +60 mV every 0.5 mV; contains every singular point listed above exactly. */
    static double[] grid() {
        double[] g = new double[321];
        for (int i = 0; i < g.length; i++) {
            g[i] = -100.0 + 0.5 * i;
        }
        return g;
    }

    // ---- evaluation ----

    /** Symbol values: v, v_pre, dt, parameters at default, states at 0.3. */
    static Map<Symbol, Double> env(Mechanism m) {
        Map<Symbol, Double> env = new HashMap<>();
        env.put(Mechanism.V, OTHER_V_POST);
        env.put(Mechanism.V_PRE, OTHER_V_PRE);
        env.put(Mechanism.DT, DT);
        for (Param p : m.params()) {
            env.put(p.symbol(), p.info().defaultValue());
        }
        for (StateVar s : m.states()) {
            env.put(s.symbol(), STATE);
        }
        return env;
    }

    static double eval(Expr e, Map<Symbol, Double> env, Symbol wrt, double x) {
        return e.eval(s -> s.equals(wrt) ? x : value(env, s));
    }

    static double value(Map<Symbol, Double> env, Symbol s) {
        Double d = env.get(s);
        if (d == null) {
            throw new AssertionError("expression uses unknown symbol " + s);
        }
        return d;
    }

    static double evalCompiled(Expr e, Map<Symbol, Double> env, Symbol wrt, double x) {
        List<Symbol> order = new ArrayList<>(env.keySet());
        return evalCompiled(e.compile(order), order, env, wrt, x);
    }

    static double evalCompiled(CompiledExpr ce, List<Symbol> order, Map<Symbol, Double> env, Symbol wrt, double x) {
        double[] slots = new double[order.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = order.get(i).equals(wrt) ? x : env.get(order.get(i));
        }
        return ce.eval(slots);
    }

    /** Central difference, Richardson-extrapolated (error O(h⁴)); divides by the representable step. */
    static double centralFd(DoubleUnaryOperator f, double x) {
        return (4.0 * central(f, x, H / 2) - central(f, x, H)) / 3.0;
    }

    private static double central(DoubleUnaryOperator f, double x, double h) {
        double xp = x + h;
        double xm = x - h;
        return (f.applyAsDouble(xp) - f.applyAsDouble(xm)) / (xp - xm);
    }

    /** One-sided difference towards {@code sign}, Richardson-extrapolated (error O(h²)). */
    static double oneSidedFd(DoubleUnaryOperator f, double x, double sign) {
        double h = 1e-4;
        return 2.0 * oneSided(f, x, sign * h / 2) - oneSided(f, x, sign * h);
    }

    private static double oneSided(DoubleUnaryOperator f, double x, double h) {
        double xh = x + h;
        return (f.applyAsDouble(xh) - f.applyAsDouble(x)) / (xh - x);
    }

    /**
     * Checks d{@code e}/d{@code wrt} on the grid. Tolerance: 1e-6 · max(|fd|, floor) with floor =
     * 1e-3 · (largest |fd| of this expression on the grid). Relative error is meaningless where a
     * derivative crosses zero (e.g. ∂update/∂v where x∞(v) passes the state value); there the absolute
     * error is held to 1e-9 of the derivative's typical size, still far above the finite difference's
     * own error (truncation ~(h/3 mV)⁴ ≈ 1e-10 relative, roundoff ~eps·|f|/h ≈ 1e-14·|f|) and far
     * below anything that would matter for the linearisation or the adjoint.
     */
    static void checkDerivative(Case c, String what, Expr e, Symbol wrt) {
        Map<Symbol, Double> env = env(c.mechanism());
        Expr d = e.diff(wrt);
        List<Symbol> order = new ArrayList<>(env.keySet());
        CompiledExpr dCompiled = d.compile(order);
        double[] grid = grid();
        double[] fd = new double[grid.length];
        double scale = 0;
        for (int i = 0; i < grid.length; i++) {
            fd[i] = centralFd(x -> eval(e, env, wrt, x), grid[i]);
            scale = Math.max(scale, Math.abs(fd[i]));
        }
        double floor = 1e-3 * scale;
        int kinksSeen = 0;
        for (int i = 0; i < grid.length; i++) {
            double v = grid[i];
            double symbolic = eval(d, env, wrt, v);
            double compiled = evalCompiled(dCompiled, order, env, wrt, v);
            assertTrue(Double.isFinite(symbolic), c + ": " + what + " at " + v + " mV is " + symbolic);
            assertEquals(symbolic, compiled, 0.0, c + ": compiled " + what + " differs from eval at " + v);
            double tol = REL_TOL * Math.max(Math.abs(fd[i]), floor);
            if (Math.abs(symbolic - fd[i]) <= tol) {
                continue;
            }
            if (isKink(c, v)) {
                double left = oneSidedFd(x -> eval(e, env, wrt, x), v, -1);
                double right = oneSidedFd(x -> eval(e, env, wrt, x), v, +1);
                double tolK = REL_TOL * Math.max(Math.max(Math.abs(left), Math.abs(right)), floor);
                assertTrue(Math.abs(symbolic - left) <= tolK || Math.abs(symbolic - right) <= tolK,
                        c + ": " + what + " at the saveExp clip v = " + v + " mV: symbolic " + symbolic
                                + " matches neither one-sided difference (left " + left + ", right " + right + ")");
                kinksSeen++;
                continue;
            }
            fail(c + ": " + what + " at v = " + v + " mV: symbolic " + symbolic + " vs finite difference " + fd[i]
                    + " (|diff| " + Math.abs(symbolic - fd[i]) + " > tol " + tol + ")");
        }
        assertTrue(kinksSeen <= c.clipKinksMv().length, c + ": more kinks than declared");
    }

    static boolean isKink(Case c, double v) {
        for (double k : c.clipKinksMv()) {
            if (Math.abs(v - k) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    // ---- tests ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void gridContainsTheSingularPoints(Case c) {
        double[] grid = grid();
        for (double s : c.singularMv()) {
            boolean found = false;
            for (double g : grid) {
                found |= g == s;
            }
            assertTrue(found, c + ": singular point " + s + " mV is not on the grid");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void currentSlopeDiDvMatchesFiniteDifferences(Case c) {
        checkDerivative(c, "dI/dv", c.mechanism().currentExpr(), Mechanism.V);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void stateUpdateSlopesDxDvMatchFiniteDifferences(Case c) {
        for (StateVar s : c.mechanism().states()) {
            checkDerivative(c, "d(update of " + s.key() + ")/dv", c.mechanism().update(s), Mechanism.V);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("synapses")
    void synapseSlopesWithRespectToPresynapticVoltageMatchFiniteDifferences(Case c) {
        checkDerivative(c, "dI/dv_pre", c.mechanism().currentExpr(), Mechanism.V_PRE);
        for (StateVar s : c.mechanism().states()) {
            checkDerivative(c, "d(update of " + s.key() + ")/dv_pre", c.mechanism().update(s), Mechanism.V_PRE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("synapses")
    void synapseUpdateDependsOnPresynapticVoltageOnly(Case c) {
        // A non-vacuous check of the v_pre direction: the update really depends on v_pre, not on v_post.
        Map<Symbol, Double> env = env(c.mechanism());
        for (StateVar s : c.mechanism().states()) {
            Expr u = c.mechanism().update(s);
            assertTrue(eval(u.diff(Mechanism.V_PRE), env, Mechanism.V_PRE, -35.0) > 0,
                    c + ": update of " + s.key() + " should increase with v_pre");
            assertEquals(0.0, eval(u.diff(Mechanism.V), env, Mechanism.V, -35.0), 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void everythingIsFiniteAtTheSingularPoints(Case c) {
        Mechanism m = c.mechanism();
        Map<Symbol, Double> env = env(m);
        List<Expr> exprs = new ArrayList<>();
        exprs.add(m.currentExpr());
        for (StateVar s : m.states()) {
            exprs.add(m.update(s));
            m.steadyState(s).ifPresent(exprs::add);
        }
        List<Symbol> wrt = new ArrayList<>(List.of(Mechanism.V, Mechanism.V_PRE));
        m.params().forEach(p -> wrt.add(p.symbol()));
        m.states().forEach(s -> wrt.add(s.symbol()));
        double[] points = c.singularMv().length > 0 ? c.singularMv() : new double[] {-40, -55};
        for (double v : points) {
            for (Expr e : exprs) {
                assertTrue(Double.isFinite(eval(e, env, Mechanism.V, v)), c + ": " + e + " at " + v + " mV");
                assertTrue(Double.isFinite(evalCompiled(e, env, Mechanism.V, v)), c + ": compiled " + e + " at " + v);
                for (Symbol s : wrt) {
                    double d = eval(e.diff(s), env, Mechanism.V, v);
                    assertTrue(Double.isFinite(d), c + ": d/d" + s + " of " + e + " at " + v + " mV is " + d);
                }
            }
        }
    }
}
