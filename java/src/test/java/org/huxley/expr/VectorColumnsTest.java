package org.huxley.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaL;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TanhRateSynapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector column kernels ({@link VectorColumnCompiler}, used where {@link VectorColumns} found
 * the incubator module) and the scalar ones ({@link ColumnCompiler}, the fallback) give, instance by
 * instance, the bits of {@link Expr#eval}: on every builtin mechanism's state updates, current and
 * slope, at random voltages and at the awkward ones (efun's removable singularities and series
 * band, the exponential's clip and its beyond-table range, NaN), over ranges that are not whole
 * vectors. The surefire run passes {@code --add-modules jdk.incubator.vector}, so both paths run.
 */
class VectorColumnsTest {
    /** Not a multiple of any vector width. */
    private static final int N = 203;

    static Stream<Mechanism> mechanisms() {
        return Stream.of(HH.MECHANISM, Na.MECHANISM, K.MECHANISM, Km.MECHANISM, CaL.MECHANISM, CaT.MECHANISM,
                Leak.MECHANISM, IonotropicSynapse.MECHANISM);
    }

    @Test
    void vectorPathIsChosenWhenTheModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present && !"false".equals(System.getProperty("huxley.vector")), VectorColumns.lanes() >= 2,
                "lanes " + VectorColumns.lanes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void scalarColumnsMatchEval(Mechanism m) {
        List<Expr> outputs = outputs(m);
        List<Symbol> slots = slotOrder(outputs);
        double[][] in = inputs(slots, m, 11);
        ColumnKernel scalar = ColumnCompiler.compile(outputs, slots);
        assertMatchesEval(outputs, slots, in, scalar, 0, N);
        assertMatchesEval(outputs, slots, in, scalar, 5, N - 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void vectorColumnsMatchEval(Mechanism m) {
        assumeTrue(VectorColumns.lanes() >= 2, "jdk.incubator.vector absent: scalar fallback only");
        List<Expr> outputs = outputs(m);
        List<Symbol> slots = slotOrder(outputs);
        assertTrue(VectorColumnCompiler.supported(outputs), m.name());
        ColumnKernel scalar = ColumnCompiler.compile(outputs, slots);
        ColumnKernel wrapped = VectorColumns.wrap(outputs, slots, scalar);
        assertFalse(wrapped == scalar, "vector kernel expected for " + m.name());
        for (long seed = 1; seed <= 3; seed++) {
            double[][] in = inputs(slots, m, seed);
            assertMatchesEval(outputs, slots, in, wrapped, 0, N);
            assertMatchesEval(outputs, slots, in, wrapped, 3, N - 1);
            assertMatchesEval(outputs, slots, in, wrapped, 7, 8);
        }
    }

    @Test
    void unsupportedOperationsStayScalar() {
        // tanh has no vector form with Math.tanh's bits: the scalar kernel is returned as is.
        List<Expr> outputs = outputs(TanhRateSynapse.MECHANISM);
        List<Symbol> slots = slotOrder(outputs);
        ColumnKernel scalar = ColumnCompiler.compile(outputs, slots);
        assertFalse(VectorColumnCompiler.supported(outputs));
        assertSame(scalar, VectorColumns.wrap(outputs, slots, scalar));
    }

    private static List<Expr> outputs(Mechanism m) {
        List<Expr> out = new ArrayList<>();
        for (StateVar s : m.states()) {
            out.add(m.update(s));
        }
        out.add(m.currentExpr());
        out.add(m.currentExpr().diff(Mechanism.V));
        return out;
    }

    private static List<Symbol> slotOrder(List<Expr> outputs) {
        Set<Symbol> s = new LinkedHashSet<>();
        for (Expr e : outputs) {
            s.addAll(e.symbols());
        }
        return new ArrayList<>(s);
    }

    /** Columns per slot: voltages random and awkward, dt 0.025 ms, parameters near their defaults, states in [0, 1]. */
    private static double[][] inputs(List<Symbol> slots, Mechanism m, long seed) {
        Random r = new Random(seed);
        double[] special = {-40.0, -55.0, -40.0 + 1e-4, -55.0 - 3e-4, -40.0 + 1e-9, -65.0, -35.0, 0.0, -0.0,
            300.0, -300.0, 2e4, -2e4, 1e5, Double.NaN, -40.0 + 2.0, -40.0 - 5.0, -55.0 + 4.0};
        double[][] in = new double[slots.size()][N];
        for (int k = 0; k < slots.size(); k++) {
            Symbol s = slots.get(k);
            for (int i = 0; i < N; i++) {
                double x;
                if (s.equals(Mechanism.V) || s.equals(Mechanism.V_PRE)) {
                    x = i % 5 == 0 ? special[(i / 5 + (int) seed) % special.length] : -100.0 + 160.0 * r.nextDouble();
                } else if (s.equals(Mechanism.DT)) {
                    x = 0.025;
                } else {
                    x = valueOf(s, m, r);
                }
                in[k][i] = x;
            }
        }
        return in;
    }

    private static double valueOf(Symbol s, Mechanism m, Random r) {
        for (Param p : m.params()) {
            if (p.symbol().equals(s)) {
                return p.info().defaultValue() * (0.5 + r.nextDouble());
            }
        }
        return r.nextDouble();
    }

    private static void assertMatchesEval(List<Expr> outputs, List<Symbol> slots, double[][] in, ColumnKernel k,
            int from, int to) {
        double[][] out = new double[outputs.size()][N];
        k.eval(in, out, from, to);
        for (int i = from; i < to; i++) {
            int inst = i;
            for (int o = 0; o < outputs.size(); o++) {
                int j = o;
                double ref = outputs.get(j).eval(sym -> in[slots.indexOf(sym)][inst]);
                assertEquals(Double.doubleToLongBits(ref), Double.doubleToLongBits(out[j][i]),
                        () -> "output " + j + " instance " + inst + " v " + in[slots.indexOf(Mechanism.V)][inst]
                                + ": " + ref + " vs " + out[j][inst]);
            }
        }
    }
}
