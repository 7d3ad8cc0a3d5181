package org.huxley.model;

import static org.huxley.model.BadSelectionTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.mech.BuiltinMechanisms;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismBuilder;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.SpikeTrainSynapse;
import org.huxley.mech.synapse.TanhConductanceSynapse;
import org.huxley.mech.synapse.TanhRateSynapse;
import org.huxley.mech.synapse.TestSynapse;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;
import org.huxley.plan.SynapseTable;
import org.junit.jupiter.api.Test;

/**
 * Wiring of networks (docs/networks.md): the pairs, order and sites that connect, fullyConnect,
 * sparseConnect and connectivityMatrixConnect create; per-edge values and delays; the compiled
 * tables; and bad input, which fails with a ModelException naming what is wrong.
 */
class NetworkWiringTest {
    private static final Mechanism IONO = IonotropicSynapse.MECHANISM;

    private static List<String> pairs(Network net, EdgeView edges) {
        List<String> out = new ArrayList<>();
        for (int e : edges.edges()) {
            SynapseEdge s = net.synapses().get(e);
            out.add(s.pre() + " -> " + s.post());
        }
        return out;
    }

    @Test
    void fullyConnectPairsEveryPreCellWithEveryPostCellPreMajor() {
        Network net = Network.of(5, 3, 2);
        EdgeView e = net.fullyConnect(net.cell(0, 1), net.cell(2, 3, 4), IONO);
        assertEquals(6, e.size());
        List<String> p = pairs(net, e);
        assertEquals("cell 0 branch 0 comp 0 -> cell 2 branch 0 comp 0", p.get(0));
        assertEquals("cell 0 branch 0 comp 0 -> cell 3 branch 0 comp 0", p.get(1));
        assertEquals("cell 1 branch 0 comp 0 -> cell 4 branch 0 comp 0", p.get(5));
        // Any selection: the first selected compartment of each cell.
        EdgeView f = net.fullyConnect(net.cell(0).branch(2).loc(1.0), net.cell(1, 2).branch(1).loc(0.0), TestSynapse.MECHANISM);
        assertEquals(List.of("cell 0 branch 2 comp 1 -> cell 1 branch 1 comp 0",
                "cell 0 branch 2 comp 1 -> cell 2 branch 1 comp 0"), pairs(net, f));
        assertEquals(List.of(IONO, TestSynapse.MECHANISM), net.synapseTypes());
        assertEquals(List.of(6, 7), net.edges(TestSynapse.MECHANISM).edges());
    }

    @Test
    void seededRandomPostCompartmentsAreReproducibleAndInsideThePostSelection() {
        Network a = Network.of(4, 3, 4);
        Network b = Network.of(4, 3, 4);
        List<String> pa = pairs(a, a.fullyConnect(a.cell(0, 1), a.cell(2, 3).branch(1, 2), IONO, 7L));
        List<String> pb = pairs(b, b.fullyConnect(b.cell(0, 1), b.cell(2, 3).branch(1, 2), IONO, 7L));
        assertEquals(pa, pb);
        for (SynapseEdge s : a.synapses()) {
            assertTrue(s.post().branch() == 1 || s.post().branch() == 2, s.toString());
        }
        Network c = Network.of(40, 3, 4);
        List<String> p1 = pairs(c, c.fullyConnect(c.cell(0, 1, 2), c.all(), IONO, 1L));
        List<String> p2 = pairs(c, c.fullyConnect(c.cell(0, 1, 2), c.all(), IONO, 2L));
        assertNotEquals(p1, p2);
    }

    @Test
    void sparseConnectIsSeededAndHasTheExpectedDensity() {
        Network net = Network.of(60, 1, 3);
        EdgeView none = net.sparseConnect(net.all(), net.all(), IONO, 0.0, 1L);
        assertEquals(0, none.size());
        EdgeView all = net.sparseConnect(net.cell(0, 1, 2), net.cell(3, 4), IONO, 1.0, 1L);
        assertEquals(pairs(net, net.fullyConnect(net.cell(0, 1, 2), net.cell(3, 4), IONO)), pairs(net, all));
        EdgeView some = net.sparseConnect(net.all(), net.all(), IONO, 0.3, 42L);
        double mean = 0.3 * 3600;
        double sd = Math.sqrt(3600 * 0.3 * 0.7);
        assertTrue(Math.abs(some.size() - mean) < 5 * sd, "count " + some.size());
        Network twin = Network.of(60, 1, 3);
        assertEquals(pairs(net, some), pairs(twin, twin.sparseConnect(twin.all(), twin.all(), IONO, 0.3, 42L)));
        // Random post compartments do not change which pairs are connected.
        Network third = Network.of(60, 1, 3);
        EdgeView random = third.sparseConnect(third.all(), third.all(), IONO, 0.3, 42L, true);
        assertEquals(some.size(), random.size());
        boolean moved = false;
        for (int i = 0; i < random.size(); i++) {
            SynapseEdge r = third.synapses().get(random.edges().get(i));
            SynapseEdge s = net.synapses().get(some.edges().get(i));
            assertEquals(s.pre(), r.pre());
            assertEquals(s.post().cell(), r.post().cell());
            moved |= r.post().comp() != 0;
        }
        assertTrue(moved);
    }

    @Test
    void connectivityMatrixConnectFollowsTheMatrixRowByRow() {
        Network net = Network.of(4, 3, 2);
        boolean[][] m = {{true, false, true}, {false, true, false}};
        EdgeView e = net.connectivityMatrixConnect(net.cell(0, 3), net.cell(0, 1, 2), IONO, m);
        assertEquals(List.of("cell 0 branch 0 comp 0 -> cell 0 branch 0 comp 0",
                "cell 0 branch 0 comp 0 -> cell 2 branch 0 comp 0", "cell 3 branch 0 comp 0 -> cell 1 branch 0 comp 0"),
                pairs(net, e));
        EdgeView r = net.connectivityMatrixConnect(net.cell(0, 3), net.cell(0, 1, 2), IONO, m, 3L);
        assertEquals(3, r.size());
    }

    @Test
    void perEdgeValuesDelaysAndViews() {
        Network net = Network.of(3, 3, 2);
        net.insert(HH.MECHANISM);
        EdgeView e = net.fullyConnect(net.cell(0), net.cell(1, 2), IONO);
        e.edge(1).set(IonotropicSynapse.G_S, 0.5).setDelay(4);
        assertArrayEquals(new double[] {1e-4, 0.5}, e.get(IonotropicSynapse.G_S));
        assertArrayEquals(new int[] {0, 4}, e.delays());
        SynapseEdge s = net.synapses().get(1);
        assertEquals(0.5, s.value(IonotropicSynapse.G_S));
        assertEquals(0.2, s.value(IonotropicSynapse.S));
        assertEquals(4, s.delaySteps());
        assertEquals(s, net.synapses().get(1));
        assertNull(s.spikeTimesMs());
        EdgeView sp = net.connectSpikeTrains(List.of(new double[] {3.0, 1.0}), net.cell(2).branch(1).loc(0.0),
                SpikeTrainSynapse.MECHANISM);
        SynapseEdge t = net.synapses().get(sp.edges().get(0));
        assertNull(t.pre());
        assertArrayEquals(new double[] {1.0, 3.0}, t.spikeTimesMs());
        assertEquals(3, net.numSynapses());
        assertEquals(net.synapses().get(2).post(), net.siteOfCompartment(net.compartmentIndex(t.post())));
        for (int i = 0; i < net.numCompartments(); i++) {
            assertEquals(i, net.compartmentIndex(net.siteOfCompartment(i)));
        }
    }

    @Test
    void theCompiledTablesHoldEveryEdgeOnce() {
        Network net = Network.of(6, 3, 2);
        net.insert(HH.MECHANISM);
        net.fullyConnect(net.cell(0, 1), net.cell(2, 3), IONO);
        net.connect(net.cell(4).branch(1).loc(0.0), net.cell(5).branch(2).loc(1.0), TanhRateSynapse.MECHANISM)
                .setDelay(3);
        net.fullyConnect(net.cell(2), net.cell(4, 5), IONO).setDelay(2);
        net.connect(net.cell(4).branch(1).loc(0.0), net.cell(5).branch(0).loc(0.0), TanhConductanceSynapse.MECHANISM);
        net.edges(TanhRateSynapse.MECHANISM).record(TanhRateSynapse.MECHANISM.current());
        Plan plan = net.compile();
        assertEquals(8, plan.numSynapses());
        assertEquals(3, plan.synapses().size());
        SynapseTable iono = plan.synapses().get(0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6}, iono.edgeIds());
        assertArrayEquals(new int[] {0, 0, 0, 0, 2, 2}, iono.delays());
        assertEquals(3, plan.maxDelay());
        // Cell 2's root and cell 4's branch 1 start are the two delayed pre compartments.
        assertEquals(2, plan.historyNodes().length);
        for (int e = 0; e < 8; e++) {
            SynapseTable t = plan.synapses().get(plan.synapseTableOf(e));
            int i = plan.synapseInstanceOf(e);
            assertEquals(e, t.edgeIds()[i]);
            SynapseEdge s = net.synapses().get(e);
            assertEquals(plan.nodeOf(s.post()), t.postNodes()[i]);
            assertEquals(plan.nodeOf(s.pre()), t.preNodes()[i]);
        }
    }

    @Test
    void badInputNamesWhatIsWrong() {
        Network net = Network.of(3, 3, 2);
        Network other = Network.of(3, 3, 2);
        assertContains(assertThrows(ModelException.class, () -> net.connect(other.cell(0), net.cell(1), IONO)),
                "connect", "pre selection", "not a selection of this network");
        assertContains(assertThrows(ModelException.class, () -> net.fullyConnect(net.cell(0), other.cell(1), IONO)),
                "fullyConnect", "post selection");
        assertContains(assertThrows(ModelException.class, () -> net.connect(net.cell(0), net.cell(1).branch(0), IONO)),
                "pre selects 6 compartments, post 2");
        for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
            assertContains(assertThrows(ModelException.class,
                    () -> net.sparseConnect(net.all(), net.all(), IONO, p, 1L)), "p = " + p, "[0, 1]");
        }
        assertContains(assertThrows(ModelException.class, () -> net.connectivityMatrixConnect(net.cell(0, 1),
                net.cell(2), IONO, new boolean[][] {{true}})), "1 rows", "2 cells", "2 x 1");
        assertContains(assertThrows(ModelException.class, () -> net.connectivityMatrixConnect(net.cell(0, 1),
                net.cell(2), IONO, new boolean[][] {{true}, {true, false}})), "row 1", "2 entries", "2 x 1");
        EdgeView e = net.connect(net.cell(0).branch(0).loc(0.0), net.cell(1).branch(0).loc(0.0), IONO);
        assertContains(assertThrows(ModelException.class, () -> e.setDelay(-2)), "-2 steps", ">= 0");
        assertContains(assertThrows(ModelException.class, () -> e.set(IonotropicSynapse.G_S, -1.0)), "gS", "-1.0");
        assertContains(assertThrows(ModelException.class, () -> e.set(TestSynapse.G_C, 1.0)), "IonotropicSynapse",
                "TestSynapse.gC");
        assertContains(assertThrows(ModelException.class, () -> e.edge(1)), "edge index 1", "0..0");
        assertContains(assertThrows(ModelException.class, () -> net.edges(TestSynapse.MECHANISM)), "TestSynapse",
                "IonotropicSynapse");
        assertContains(assertThrows(ModelException.class, () -> net.connect(net.cell(0), net.cell(1), HH.MECHANISM)),
                "HH is a channel");
        assertContains(assertThrows(ModelException.class,
                () -> net.connect(net.cell(0), net.cell(1), SpikeTrainSynapse.MECHANISM)), "spike trains",
                "connectSpikeTrains");
        assertContains(assertThrows(ModelException.class, () -> net.connectSpikeTrain(new double[] {1.0},
                net.cell(1), IONO)), "IonotropicSynapse", "use connect");
        assertContains(assertThrows(ModelException.class, () -> net.connectSpikeTrain(new double[] {1.0, -0.5},
                net.cell(1), SpikeTrainSynapse.MECHANISM)), "spike 1", "-0.5", ">= 0");
        assertContains(assertThrows(ModelException.class, () -> net.connectSpikeTrains(List.of(new double[0]),
                net.cell(1).branch(0), SpikeTrainSynapse.MECHANISM)), "1 spike trains", "2 post-synaptic");
        assertContains(assertThrows(ModelException.class, () -> new ParameterLayout(net).add(net.edges(IONO),
                TestSynapse.G_C)), "synapse 0", "IonotropicSynapse", "TestSynapse.gC");
    }

    @Test
    void aSynapseIsDrivenByVoltageOrBySpikesNotBoth() {
        MechanismBuilder b = Mechanism.synapse("Both");
        var g = b.param("g", "uS", 1.0, 0, 10);
        b.current("i_Both", org.huxley.expr.Exprs.mul(g.expr(), b.vPre(), b.spikes()));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("either by v_pre or by spikes"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Mechanism.channel("C").spikes());
    }

    /** The example at the top of docs/networks.md, kept compiling and running. */
    @Test
    void theNetworksDocExampleRuns() {
        Network net = Network.of(7, 5, 4);
        net.insert(HH.MECHANISM);
        EdgeView e = net.fullyConnect(net.cell(0, 1, 2), net.cell(3, 4, 5), IonotropicSynapse.MECHANISM);
        e.set(IonotropicSynapse.G_S, 0.01);
        e.edge(0, 2).set(IonotropicSynapse.G_S, 0.02).setDelay(40);
        net.connectSpikeTrain(new double[] {1.0, 5.0, 9.5}, net.cell(6).branch(0).loc(0.0),
                SpikeTrainSynapse.MECHANISM).set(SpikeTrainSynapse.W, 0.3);
        ParameterLayout layout = new ParameterLayout(net)
                .add(net.edges(IonotropicSynapse.MECHANISM), IonotropicSynapse.G_S)
                .add(net.edges(SpikeTrainSynapse.MECHANISM).edge(0), SpikeTrainSynapse.W);
        assertEquals(2, layout.size());
        assertArrayEquals(new double[] {(0.02 * 2 + 0.01 * 7) / 9, 0.3}, layout.initialValues(), 1e-15);
        net.cell(6).branch(0).loc(0.0).record();
        var rec = new org.huxley.engine.CpuEngine(1).run(net.compile(),
                org.huxley.engine.Protocol.defaults().withTMax(10.0), new org.huxley.engine.Batch(layout.batch(2)));
        rec.requireFinite();
    }

    @Test
    void theNewSynapsesAreBuiltIn() {
        for (Mechanism m : List.of(TanhRateSynapse.MECHANISM, TanhConductanceSynapse.MECHANISM,
                SpikeTrainSynapse.MECHANISM)) {
            assertEquals(m, BuiltinMechanisms.byName(m.name()));
        }
        assertEquals(0, TanhRateSynapse.MECHANISM.states().size());
        assertTrue(SpikeTrainSynapse.MECHANISM.spikeDriven());
        assertTrue(!TanhRateSynapse.MECHANISM.spikeDriven());
    }
}
