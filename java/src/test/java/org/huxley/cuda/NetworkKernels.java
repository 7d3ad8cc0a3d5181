package org.huxley.cuda;

import org.huxley.testing.ParityModels;

import java.util.List;
import java.util.Random;
import org.huxley.engine.Batch;
import org.huxley.engine.Protocol;
import org.huxley.engine.SlopeMode;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.TanhConductanceSynapse;
import org.huxley.mech.synapse.TanhRateSynapse;
import org.huxley.model.Network;
import org.huxley.params.ParameterLayout;
import org.huxley.params.ParameterSets;
import org.huxley.stim.Stimuli;
import org.huxley.testing.JaxleyNetworks;
import org.huxley.testing.JaxleyReference;

/**
 * Network cases for the kernel parity checks (host build here, CUDA in {@link NetworkCudaIT}): the
 * tanh synapses (their current is not affine in v_pre) with per-set synaptic parameters, in both
 * slope conventions, and Jaxley's seven-cell test_complex_net.
 */
final class NetworkKernels {
    private NetworkKernels() {
    }

    static ParityModels.Case tanh(int sets, SlopeMode slope) {
        Network net = Network.of(3, 3, 2);
        net.insert(HH.MECHANISM);
        net.cell(0).branch(0).loc(0.0).stimulate(Stimuli.stepCurrent(0.5, 3.0, 0.3, 0.025, 15.0));
        net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(2).loc(1.0), TanhRateSynapse.MECHANISM)
                .set(TanhRateSynapse.G_S, 0.02).set(TanhRateSynapse.SLOPE, 0.05).set(TanhRateSynapse.X_OFFSET, -50.0);
        net.connect(net.cell(0).branch(2).loc(1.0), net.cell(2).branch(0).loc(0.0), TanhConductanceSynapse.MECHANISM)
                .set(TanhConductanceSynapse.G_S, 0.002).set(TanhConductanceSynapse.SLOPE, 0.05)
                .set(TanhConductanceSynapse.X_OFFSET, -80.0);
        net.connect(net.cell(1).branch(0).loc(0.0), net.cell(2).branch(1).loc(0.0), IonotropicSynapse.MECHANISM)
                .set(IonotropicSynapse.G_S, 0.01);
        net.cell(0).branch(0).comp(0).record();
        net.cell(1).branch(2).comp(1).record();
        net.cell(2).branch(0).comp(0).record();
        net.edges(TanhRateSynapse.MECHANISM).record(TanhRateSynapse.MECHANISM.current());
        ParameterLayout layout = new ParameterLayout(net)
                .add(net.edges(TanhRateSynapse.MECHANISM).edge(0), TanhRateSynapse.G_S)
                .add(net.edges(TanhConductanceSynapse.MECHANISM).edge(0), TanhConductanceSynapse.X_OFFSET);
        ParameterSets ps = layout.batch(sets);
        Random rnd = new Random(5);
        for (int b = 0; b < sets; b++) {
            ps.set(b, 0, 0.01 + 0.02 * rnd.nextDouble());
            ps.set(b, 1, -90.0 + 20.0 * rnd.nextDouble());
        }
        return new ParityModels.Case("tanh network B=" + sets + " " + slope, net.compile(),
                Protocol.defaults().withSlope(slope), new Batch(ps));
    }

    static ParityModels.Case complexNet() {
        JaxleyReference ref = JaxleyReference.load("test_complex_net_bwd_euler");
        Network net = JaxleyNetworks.build(ref, false);
        return ParityModels.single("test_complex_net", net, Protocol.defaults());
    }

    static List<ParityModels.Case> cases() {
        return List.of(tanh(8, SlopeMode.ANALYTIC), tanh(8, SlopeMode.FORWARD_DIFFERENCE), complexNet());
    }
}
