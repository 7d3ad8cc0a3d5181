package org.huxley.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.testing.NeutralCase;
import org.huxley.testing.ParityLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loss values and gradients of the five reference cases (references/gradients): loss to 1e-10
 * relative, every gradient to 1e-7 of its group's largest entry, as their README states.
 */
class ReferenceGradientsTest {
    static java.util.List<String> cases() {
        return NeutralCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndGradientsMatch(String name) {
        NeutralCase c = NeutralCase.load(name);
        ReferenceTrainables ref = ReferenceTrainables.of(c);
        GradientResult r = new CpuGradientEngine(1, CheckpointPolicy.full()).valueAndGradient(c.model().compile(),
                Protocol.defaults().withDt(c.dtMs()).withSteps(c.steps()), new Batch(ref.sets()),
                Losses.meanSquaredErrorTo(-60.0, 5));
        double lossRel = Math.abs(r.loss(0) - ref.lossValue()) / Math.abs(ref.lossValue());
        double gradErr = ref.worstGroupError(r.gradient(0));
        ParityLog.record("gradients " + name, "gradient, worst |g - ref| / group max", gradErr, 1e-7);
        assertTrue(lossRel <= 1e-10, name + ": loss " + r.loss(0) + " vs " + ref.lossValue() + " (rel " + lossRel + ")");
        assertEquals(ref.expectedGrad().length, r.gradient(0).length);
        assertTrue(gradErr <= 1e-7, name + ": worst gradient error " + gradErr + "\n got " +
                java.util.Arrays.toString(r.gradient(0)) + "\n ref " + java.util.Arrays.toString(ref.expectedGrad()));
    }
}
