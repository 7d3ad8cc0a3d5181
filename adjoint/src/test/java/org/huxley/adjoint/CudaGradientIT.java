package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.huxley.HuxleyException;
import org.huxley.adjoint.cuda.CudaGradientEngine;
import org.huxley.testing.AgreementLog;
import org.huxley.cuda.CudaDriver;
import org.huxley.cuda.CudaEngine;
import org.huxley.cuda.KernelSources;
import org.huxley.testing.ParityModels;
import org.huxley.engine.Precision;
import org.huxley.engine.RunControl;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA gradient engine against the CPU adjoint on a GPU (tag "gpu": ci/gpu-check.sh runs these;
 * they skip themselves without a usable device). float64: ≤ 1e-9 relative (worst |Δg| over the largest
 * |g| of the set) on the adjoint test models, the five gradient references, tree252 and ca1 with random
 * per-branch gNa, the network, per-set stimuli, clamp + difference slope, a user channel (NVRTC);
 * float32: the cosine rule of performance-targets.md; batch splitting and refusal by device memory.
 * Agreement numbers go to engine-agreement.md.
 */
@Tag("gpu")
class CudaGradientIT {
    static CudaEngine f64;
    static CudaEngine f32;

    @BeforeAll
    static void open() {
        String why = CudaDriver.unavailableReason();
        if (why != null) {
            System.out.println("[gpu] no usable CUDA device: " + why);
        }
        assumeTrue(why == null, "no usable CUDA device: " + why);
        f64 = CudaEngine.create(Precision.FLOAT64);
        f32 = CudaEngine.create(Precision.FLOAT32);
    }

    @AfterAll
    static void close() {
        if (f64 != null) {
            f64.close();
        }
        if (f32 != null) {
            f32.close();
        }
    }

    record Case(String name, Plan plan, org.huxley.engine.Protocol protocol, org.huxley.engine.Batch batch, Loss loss) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> float64Cases() {
        List<Case> out = new ArrayList<>();
        for (HostKernelGradientTest.Case c : HostKernelGradientTest.testModels()) {
            out.add(new Case(c.name(), c.plan(), c.protocol(), c.batch(), c.loss()));
        }
        List<ParityModels.Case> more = new ArrayList<>(HostKernelGradientModelsTest.models());
        more.add(ParityModels.tree252(8, 20.0, 2520));
        more.add(ParityModels.ca1(4, 10.0, 620));
        more.add(ParityModels.network(16, 70));
        for (ParityModels.Case c : more) {
            out.add(new Case(c.name(), c.plan(), c.protocol(), c.batch(), HostKernelGradientModelsTest.voltageLoss(c.plan())));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("float64Cases")
    void float64EqualsTheCpuAdjoint(Case c) {
        GradientResult cpu = new CpuGradientEngine().valueAndGradient(c.plan(), c.protocol(), c.batch(), c.loss());
        GradientResult gpu = new CudaGradientEngine(f64, null).valueAndGradient(c.plan(), c.protocol(), c.batch(),
                c.loss());
        double worst = 0;
        double worstLoss = 0;
        for (int b = 0; b < cpu.numSets(); b++) {
            assertTrue(cpu.valid(b) && gpu.valid(b), c + " set " + b);
            worstLoss = Math.max(worstLoss, Math.abs(gpu.loss(b) - cpu.loss(b)) / Math.abs(cpu.loss(b)));
            worst = Math.max(worst, HostKernelGradientTest.relative(gpu.gradient(b), cpu.gradient(b)));
        }
        AgreementLog.record("cuda-grad-f64", c.name(), "gradient, worst |dg| / max |g|", worst,
                HostKernelGradientTest.F64_BOUND);
        AgreementLog.record("cuda-grad-f64", c.name(), "loss, relative", worstLoss, HostKernelGradientTest.F64_BOUND);
        assertTrue(worstLoss <= HostKernelGradientTest.F64_BOUND, c + ": loss " + worstLoss);
        assertTrue(worst <= HostKernelGradientTest.F64_BOUND, c + ": gradient relative error " + worst);
    }

    static List<ParityModels.Case> float32Cases() {
        return List.of(ParityModels.hh1(1000, 100.0, 11), ParityModels.tree252(16, 20.0, 5), ParityModels.network(32, 3),
                ParityModels.ca1(4, 10.0, 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Cases")
    void float32MeetsTheCosineRule(ParityModels.Case c) {
        Loss loss = HostKernelGradientModelsTest.voltageLoss(c.plan());
        GradientResult ref = new CudaGradientEngine(f64, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), loss);
        GradientResult g = new CudaGradientEngine(f32, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), loss);
        int agree = 0;
        int compared = 0;
        double worst = 1;
        List<Integer> off = new ArrayList<>();
        for (int b = 0; b < ref.numSets(); b++) {
            if (!ref.valid(b)) {
                continue;
            }
            assertTrue(g.valid(b), c + " set " + b + ": float32 NaN where float64 is finite");
            compared++;
            double cos = HostKernelGradientModelsTest.cosine(g.gradient(b), ref.gradient(b));
            worst = Math.min(worst, cos);
            if (cos >= 0.99) {
                agree++;
            } else {
                off.add(b);
            }
        }
        AgreementLog.record("cuda-grad-f32", c.name(), "fraction of sets with cosine < 0.99 (worst cosine "
                + String.format(java.util.Locale.ROOT, "%.5f", worst) + ", sets " + off + ")",
                1.0 - agree / (double) compared, 0.01);
        assertTrue(agree >= Math.ceil(0.99 * compared), c + ": " + agree + " of " + compared + " sets, off: " + off);
    }

    @Test
    void aBatchThatDoesNotFitIsSplitAndTooLittleMemoryIsRefused() {
        ParityModels.Case c = ParityModels.tree252(6, 5.0, 1);
        Loss loss = Losses.meanSquaredErrorTo(-60.0, 1);
        CudaGradientEngine engine = new CudaGradientEngine(f64, null);
        var whole = engine.run(c.plan(), c.protocol(), c.batch(), loss, true, RunControl.none());
        String old = System.getProperty("huxley.cuda.maxBytes");
        try {
            System.setProperty("huxley.cuda.maxBytes", Long.toString(whole.peakBytes() / 2));
            var split = engine.run(c.plan(), c.protocol(), c.batch(), loss, true, RunControl.none());
            assertTrue(split.setsPerLaunch() < 6);
            for (int b = 0; b < 6; b++) {
                assertEquals(whole.loss()[b], split.loss()[b], 0.0);
                assertTrue(Arrays.equals(whole.gradient()[b], split.gradient()[b]), "set " + b);
            }
            System.setProperty("huxley.cuda.maxBytes", "4096");
            assertThrows(HuxleyException.class, () -> engine.run(c.plan(), c.protocol(), c.batch(), loss, true,
                    RunControl.none()));
        } finally {
            if (old == null) {
                System.clearProperty("huxley.cuda.maxBytes");
            } else {
                System.setProperty("huxley.cuda.maxBytes", old);
            }
        }
        System.out.println("[gpu] gradient module: " + f64.moduleOrigin(KernelSources.builtinGradients()));
    }
}
