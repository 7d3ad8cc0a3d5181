package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.adjoint.cuda.HostGradientEngine;
import org.huxley.testing.ParityModels;
import org.huxley.engine.Batch;
import org.huxley.mech.builtin.HH;
import org.huxley.model.CompartmentField;
import org.huxley.model.Module;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.engine.Precision;
import org.huxley.engine.RunCancelledException;
import org.huxley.engine.RunControl;
import org.huxley.plan.Plan;
import org.huxley.plan.RecordingTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host build of the gradient kernels against the CPU adjoint on the forward parity models that
 * exercise the rest of the kernels: tree252 and ca1 with random per-branch gNa, the network with both
 * synapse types and parameters of every kind, per-set stimuli, a clamp with the forward-difference
 * slope and a recording stride, a user-defined channel, a diverging set; the checkpoint schedule
 * (every K gives bitwise the same gradient), losses on currents refused, cancellation and progress,
 * and float32 by the cosine rule of performance-targets.md.
 */
class HostKernelGradientModelsTest {
    @BeforeAll
    static void hostCompiler() {
        HostKernelGradientTest.hostCompiler();
    }

    /** Mean squared distance to −60 mV over the v and state recordings (currents get no gradient). */
    static Loss voltageLoss(Plan plan) {
        List<RecordingTarget> recs = plan.recordings();
        return (set, x, grad) -> {
            int count = 0;
            for (int r = 0; r < x.length; r++) {
                if (usable(recs.get(r))) {
                    count += x[r].length;
                }
            }
            double sum = 0;
            for (int r = 0; r < x.length; r++) {
                if (!usable(recs.get(r))) {
                    continue;
                }
                for (int k = 0; k < x[r].length; k++) {
                    double d = x[r][k] + 60.0;
                    sum += d * d;
                    grad[r][k] = 2 * d / count;
                }
            }
            return sum / count;
        };
    }

    private static boolean usable(RecordingTarget t) {
        return t.kind() != RecordingTarget.Kind.CURRENT && t.kind() != RecordingTarget.Kind.SYNAPSE_CURRENT;
    }

    static List<ParityModels.Case> models() {
        List<ParityModels.Case> out = new ArrayList<>();
        out.add(ParityModels.tree252(2, 10.0, 252));
        out.add(ParityModels.ca1(2, 5.0, 11));
        out.add(ParityModels.network(2, 7));
        out.add(withParameters(ParityModels.stimulusOverrides(2)));
        out.add(withParameters(ParityModels.clampForwardDifference()));
        out.add(ParityModels.userChannel());
        return out;
    }

    /** The case with trainable gNa, gK (per compartment), capacitance and radius (shared) and its stimuli kept. */
    static ParityModels.Case withParameters(ParityModels.Case c) {
        Module m = c.plan().source();
        ParameterLayout layout = new ParameterLayout(m).add(m.comp(0, 1, 2), HH.G_NA).add(m.all(), HH.G_K)
                .add(m.all(), CompartmentField.CAPACITANCE).add(m.comp(1), CompartmentField.RADIUS);
        ParameterSets sets = HostKernelGradientTest.varied(layout, c.batch().size());
        Batch batch = new Batch(sets);
        for (int s = 0; s < c.plan().numStimuli(); s++) {
            double[][] waves = new double[c.batch().size()][];
            boolean any = false;
            for (int b = 0; b < waves.length; b++) {
                waves[b] = c.batch().stimulusOverride(s, b);
                any |= waves[b] != null;
            }
            if (any) {
                batch.stimulus(s, waves);
            }
        }
        Plan plan = m.compile();
        return new ParityModels.Case(c.name() + " + gNa, gK, cm, radius", plan, c.protocol(), batch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void float64EqualsTheCpuAdjoint(ParityModels.Case c) {
        Loss loss = voltageLoss(c.plan());
        GradientResult cpu = new CpuGradientEngine(1, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), loss);
        GradientResult host = new HostGradientEngine(Precision.FLOAT64).valueAndGradient(c.plan(), c.protocol(),
                c.batch(), loss);
        for (int b = 0; b < cpu.numSets(); b++) {
            assertTrue(cpu.valid(b) && host.valid(b), c + " set " + b);
            double lossRel = Math.abs(host.loss(b) - cpu.loss(b)) / Math.abs(cpu.loss(b));
            double rel = HostKernelGradientTest.relative(host.gradient(b), cpu.gradient(b));
            System.out.printf(java.util.Locale.ROOT, "AGREEMENT %s set %d: loss rel %.2e, gradient rel %.2e%n", c, b,
                    lossRel, rel);
            assertTrue(lossRel <= HostKernelGradientTest.F64_BOUND, c + " loss " + host.loss(b) + " vs " + cpu.loss(b));
            assertTrue(rel <= HostKernelGradientTest.F64_BOUND, c + " set " + b + ": gradient relative error " + rel
                    + "\n host " + Arrays.toString(host.gradient(b)) + "\n cpu  " + Arrays.toString(cpu.gradient(b)));
            assertTrue(Arrays.stream(cpu.gradient(b)).anyMatch(g -> g != 0.0), c + ": a gradient that can fail");
        }
    }

    @Test
    void aDivergingSetIsNaNAndFlaggedTheOthersAreExact() {
        ParityModels.Case c = ParityModels.diverging();
        Loss loss = Losses.meanSquaredErrorTo(-60.0, 1);
        GradientResult cpu = new CpuGradientEngine(1, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), loss);
        GradientResult host = new HostGradientEngine(Precision.FLOAT64).valueAndGradient(c.plan(), c.protocol(),
                c.batch(), loss);
        assertTrue(host.valid(0));
        assertFalse(host.valid(1));
        assertTrue(Double.isNaN(host.loss(1)) && Double.isNaN(host.gradient(1)[0]));
        assertEquals(cpu.recordings().divergedAtStep(1), host.recordings().divergedAtStep(1));
        assertTrue(HostKernelGradientTest.relative(host.gradient(0), cpu.gradient(0)) <= HostKernelGradientTest.F64_BOUND);
    }

    @Test
    void everyCheckpointIntervalGivesBitwiseTheSameGradient() {
        ParityModels.Case c = ParityModels.clampForwardDifference();
        Loss loss = voltageLoss(c.plan());
        GradientResult ref = new HostGradientEngine(Precision.FLOAT64, CheckpointPolicy.full())
                .valueAndGradient(c.plan(), c.protocol(), c.batch(), loss);
        assertEquals(1, ref.memory().chunkSizes()[0]);
        for (CheckpointPolicy p : List.of(CheckpointPolicy.uniform(1), CheckpointPolicy.uniform(13),
                CheckpointPolicy.uniform(1000), CheckpointPolicy.levels(4, 10, 10), CheckpointPolicy.memoryBudget(1 << 14))) {
            GradientResult r = new HostGradientEngine(Precision.FLOAT64, p).valueAndGradient(c.plan(), c.protocol(),
                    c.batch(), loss);
            assertEquals(ref.loss(0), r.loss(0), 0.0, p.toString());
            assertArrayEquals(ref.gradient(0), r.gradient(0), 0.0, p.toString());
        }
        GradientResult k13 = new HostGradientEngine(Precision.FLOAT64, CheckpointPolicy.uniform(13))
                .valueAndGradient(c.plan(), c.protocol(), c.batch(), loss);
        assertEquals((399 + 12) / 13 + 1 + 14 + 1, k13.memory().peakStoredStates(), "checkpoints, segment and scratch");
    }

    @Test
    void theMeanSquaredErrorOnTheDeviceEqualsTheSameLossOnTheHost() {
        ParityModels.Case c = ParityModels.tree252(2, 5.0, 3);
        double[][] target = new double[c.plan().recordings().size()][];
        for (int r = 0; r < target.length; r++) {
            target[r] = new double[201];
            for (int k = 0; k < target[r].length; k++) {
                target[r][k] = -65.0 + 10 * Math.sin(0.05 * k + r);
            }
        }
        for (Loss mse : List.of(Losses.meanSquaredError(target), Losses.meanSquaredErrorTo(-58.0, 3))) {
            assertTrue(KernelLosses.deviceLoss(mse) != null);
            Loss onHost = mse::evaluate; // not recognised: evaluated on the host
            assertEquals(null, KernelLosses.deviceLoss(onHost));
            HostGradientEngine engine = new HostGradientEngine(Precision.FLOAT64);
            GradientResult dev = engine.valueAndGradient(c.plan(), c.protocol(), c.batch(), mse);
            GradientResult host = engine.valueAndGradient(c.plan(), c.protocol(), c.batch(), onHost);
            GradientResult cpu = new CpuGradientEngine(1, null).valueAndGradient(c.plan(), c.protocol(), c.batch(), mse);
            for (int b = 0; b < 2; b++) {
                assertEquals(host.loss(b), dev.loss(b), 1e-15 * Math.abs(host.loss(b)));
                assertTrue(HostKernelGradientTest.relative(dev.gradient(b), host.gradient(b)) <= 1e-14);
                assertTrue(HostKernelGradientTest.relative(dev.gradient(b), cpu.gradient(b)) <= 1e-9);
                assertArrayEquals(host.recordings().trace(b, 0), dev.recordings().trace(b, 0), 0.0);
            }
        }
        assertThrows(ModelException.class, () -> new HostGradientEngine(Precision.FLOAT64).valueAndGradient(c.plan(),
                c.protocol(), c.batch(), Losses.meanSquaredError(new double[][] {{1.0}})));
    }

    @Test
    void transmissionDelaysAreRefusedWithTheSynapseType() {
        org.huxley.model.Network net = TestModels.hhNetwork();
        net.edges(org.huxley.mech.synapse.IonotropicSynapse.MECHANISM).setDelay(8);
        Plan plan = net.compile();
        ModelException e = assertThrows(ModelException.class, () -> new HostGradientEngine(Precision.FLOAT64)
                .valueAndGradient(plan, TestModels.protocol(), new Batch(new ParameterLayout(net).batch(1)),
                        Losses.meanSquaredErrorTo(-60.0, 1)));
        assertTrue(e.getMessage().contains("transmission delays") && e.getMessage().contains("IonotropicSynapse"),
                e.getMessage());
    }

    @Test
    void aLossOnARecordedCurrentIsRefused() {
        ParityModels.Case c = ParityModels.network(1, 3);
        ModelException e = assertThrows(ModelException.class, () -> new HostGradientEngine(Precision.FLOAT64)
                .valueAndGradient(c.plan(), c.protocol(), c.batch(), Losses.meanSquaredErrorTo(-60.0, 1)));
        assertTrue(e.getMessage().contains("a current"), e.getMessage());
    }

    @Test
    void cancellationStopsTheRunAndProgressIsReportedPerSegment() {
        ParityModels.Case c = ParityModels.stimulusOverrides(1);
        Loss loss = voltageLoss(c.plan());
        List<Long> done = new ArrayList<>();
        RunControl control = new RunControl(p -> done.add(p.done()));
        GradientResult r = new HostGradientEngine(Precision.FLOAT64, CheckpointPolicy.uniform(40)).valueAndGradient(
                c.plan(), c.protocol(), c.batch(), loss, control);
        int segments = (r.memory().steps() + 39) / 40;
        assertTrue(segments > 2);
        assertEquals(java.util.stream.LongStream.rangeClosed(1, segments).boxed().toList(), done,
                "one report per segment");
        RunControl cancelled = new RunControl();
        cancelled.cancel();
        assertThrows(RunCancelledException.class, () -> new HostGradientEngine(Precision.FLOAT64)
                .valueAndGradient(c.plan(), c.protocol(), c.batch(), loss, cancelled));
    }

    /** cos(a, b). */
    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void float32GradientsMeetTheCosineRule() {
        for (ParityModels.Case c : List.of(ParityModels.hh1(100, 30.0, 5), ParityModels.tree252(4, 10.0, 9),
                ParityModels.network(4, 3))) {
            Loss loss = voltageLoss(c.plan());
            GradientResult f64 = new HostGradientEngine(Precision.FLOAT64).valueAndGradient(c.plan(), c.protocol(),
                    c.batch(), loss);
            GradientResult f32 = new HostGradientEngine(Precision.FLOAT32).valueAndGradient(c.plan(), c.protocol(),
                    c.batch(), loss);
            int agree = 0;
            double worst = 1;
            for (int b = 0; b < f64.numSets(); b++) {
                assertTrue(f32.valid(b), c + " set " + b + ": no NaN in float32 where float64 is finite");
                double cos = cosine(f32.gradient(b), f64.gradient(b));
                worst = Math.min(worst, cos);
                agree += cos >= 0.99 ? 1 : 0;
            }
            System.out.printf(java.util.Locale.ROOT, "FLOAT32 %s: %d of %d sets with cosine >= 0.99, worst %.6f%n", c,
                    agree, f64.numSets(), worst);
            assertTrue(agree >= Math.ceil(0.99 * f64.numSets()), c + ": " + agree + " of " + f64.numSets()
                    + " sets meet cosine >= 0.99 (worst " + worst + ")");
        }
    }
}
