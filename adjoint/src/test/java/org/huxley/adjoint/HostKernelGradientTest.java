package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.huxley.adjoint.cuda.HostGradientEngine;
import org.huxley.engine.Batch;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.Shared;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.plan.Plan;
import org.huxley.testing.NeutralCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient kernels (kernels/include/huxley_adjoint.cuh) compiled for the host, through the same
 * hx_adj ABI, checkpoint schedule and marshalling as the CUDA gradient engine, against the CPU adjoint:
 * float64 losses and gradients to ≤ 1e-9 relative (worst |Δg| over the largest |g| of the set), on the
 * adjoint test models with parameters of every kind and on the five gradient references.
 */
class HostKernelGradientTest {
    static final double F64_BOUND = 1e-9;

    @BeforeAll
    static void hostCompiler() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(System.getProperty("huxley.cxx", "g++"), "--version").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            ok = false;
        }
        assumeTrue(ok, "no host C++ compiler (g++): host-kernel gradient tests skipped");
    }

    record Case(String name, Plan plan, Protocol protocol, Batch batch, Loss loss) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** B sets, each parameter scaled by its own factor in [0.9, 1.1]. */
    static ParameterSets varied(ParameterLayout layout, int sets) {
        ParameterSets s = layout.batch(sets);
        double[] init = s.row(0);
        for (int b = 0; b < sets; b++) {
            for (int p = 0; p < init.length; p++) {
                s.set(b, p, init[p] * (1.0 + 0.1 * Math.sin(1.0 + 3 * b + 7 * p)));
            }
        }
        return s;
    }

    static List<Case> testModels() {
        List<Case> out = new ArrayList<>();
        Module hh = TestModels.hhTree();
        out.add(new Case("HH tree: gNa, gK, radius, length, capacitance, Ra, v0", hh.compile(), TestModels.protocol(),
                new Batch(varied(new ParameterLayout(hh).add(hh.branch(0, 1, 2, 3, 4), HH.G_NA).add(hh.all(), HH.G_K)
                        .add(hh.branch(1, 2), CompartmentField.RADIUS).add(hh.branch(3), CompartmentField.LENGTH)
                        .add(hh.all(), CompartmentField.CAPACITANCE).add(hh.branch(4), CompartmentField.AXIAL_RESISTIVITY)
                        .add(hh.branch(0), CompartmentField.V), 3)),
                Losses.meanSquaredErrorTo(-60.0, 2)));
        Module pt = TestModels.pospischilTree();
        out.add(new Case("Pospischil tree with CaT", pt.compile(), TestModels.protocol(),
                new Batch(varied(new ParameterLayout(pt).add(pt.branch(0, 1), CaT.G_CA_T).add(pt.all(), Shared.V_T)
                        .add(pt.branch(0, 1, 2), CompartmentField.AXIAL_RESISTIVITY), 2)),
                Losses.meanSquaredErrorTo(-60.0, 2)));
        Network net = TestModels.hhNetwork();
        out.add(new Case("HH network with ionotropic synapses", net.compile(), TestModels.protocol(),
                new Batch(varied(new ParameterLayout(net).add(net.edges(IonotropicSynapse.MECHANISM).edge(0, 1),
                        IonotropicSynapse.G_S).add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.V_TH)
                        .add(net.cell(0, 1, 2), HH.G_NA), 2)),
                Losses.meanSquaredErrorTo(-60.0, 2)));
        for (String name : NeutralCase.all()) {
            NeutralCase c = NeutralCase.load(name);
            ReferenceTrainables ref = ReferenceTrainables.of(c);
            out.add(new Case("reference " + name, c.model().compile(),
                    Protocol.defaults().withDt(c.dtMs()).withSteps(c.steps()), new Batch(ref.sets()),
                    Losses.meanSquaredErrorTo(-60.0, 5)));
        }
        return out;
    }

    /** Worst |a − b| over the largest |b|. */
    static double relative(double[] a, double[] b) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return scale == 0 ? worst : worst / scale;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testModels")
    void float64KernelGradientsEqualTheCpuAdjoint(Case c) {
        GradientResult cpu = new CpuGradientEngine(1, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), c.loss());
        GradientResult host = new HostGradientEngine(Precision.FLOAT64).valueAndGradient(c.plan(), c.protocol(), c.batch(),
                c.loss());
        assertEquals(cpu.numSets(), host.numSets());
        for (int b = 0; b < cpu.numSets(); b++) {
            assertTrue(cpu.valid(b) && host.valid(b), c + " set " + b);
            double lossRel = Math.abs(host.loss(b) - cpu.loss(b)) / Math.abs(cpu.loss(b));
            double gradRel = relative(host.gradient(b), cpu.gradient(b));
            System.out.printf(java.util.Locale.ROOT, "AGREEMENT %s set %d: loss rel %.2e, gradient rel %.2e, |g|max %.3e%n",
                    c, b, lossRel, gradRel, java.util.Arrays.stream(cpu.gradient(b)).map(Math::abs).max().orElse(0));
            assertTrue(lossRel <= F64_BOUND, c + " set " + b + ": loss " + host.loss(b) + " vs " + cpu.loss(b));
            assertTrue(gradRel <= F64_BOUND, c + " set " + b + ": gradient relative error " + gradRel + "\n host "
                    + java.util.Arrays.toString(host.gradient(b)) + "\n cpu  " + java.util.Arrays.toString(cpu.gradient(b)));
        }
    }
}
