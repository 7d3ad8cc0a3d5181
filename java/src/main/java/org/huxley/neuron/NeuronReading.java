package org.huxley.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.engine.Engine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.model.Module;
import org.huxley.model.Site;
import org.huxley.plan.Plan;

/**
 * A NEURON model read into Huxley ({@link NeuronReader#read}): the model, its plan, the protocol
 * (NEURON's dt, round(tstop/dt) steps, the record stride) and how each recording site is read back.
 * A site at a segment centre is its compartment's recording. A site at a zero-area node is computed
 * from its neighbour compartments' recorded voltages, v = (Σ v_i/R_i + I)/(Σ 1/R_i): exactly the
 * node's current balance, which is also the equation of Huxley's branch point (whose voltage the
 * model API does not record). I at sample k is the current injected into that node during the step
 * that ended at sample k, i.e. IClamp sample k − 1 (0 at sample 0); for a dead end this is
 * v_neighbour + I·R_half.
 */
public final class NeuronReading {
    private final NeuronModel model;
    private final Module module;
    private final Plan plan;
    private final Protocol protocol;
    private final List<NeuronNode> nodes;
    private final Map<Site, Integer> rows;
    private final Map<String, double[]> injectedNa;

    NeuronReading(NeuronModel model, Module module, Plan plan, Protocol protocol, List<NeuronNode> nodes,
            Map<Site, Integer> rows, Map<String, double[]> injectedNa) {
        this.model = model;
        this.module = module;
        this.plan = plan;
        this.protocol = protocol;
        this.nodes = List.copyOf(nodes);
        this.rows = Map.copyOf(rows);
        this.injectedNa = Map.copyOf(injectedNa);
    }

    /** {@return the NEURON model read} */
    public NeuronModel model() {
        return model;
    }

    /** {@return the Huxley model (a Cell, or a Network for several roots), with stimuli and recordings} */
    public Module module() {
        return module;
    }

    /** {@return the compiled plan} */
    public Plan plan() {
        return plan;
    }

    /** {@return the protocol equivalent to NEURON's run} */
    public Protocol protocol() {
        return protocol;
    }

    /** {@return where each recording site of the model landed, in the model's order} */
    public List<NeuronNode> sites() {
        return nodes;
    }

    /**
     * Runs the plan once (its own values) and reads the sites back.
     *
     * @param engine the engine
     * @return the voltage at every recording site
     */
    public NeuronTraces run(Engine engine) {
        return voltages(engine.run(plan, protocol), 0);
    }

    /**
     * NEURON's v at every recording site, from parameter set {@code set} of a run of this plan with
     * this protocol.
     *
     * @param rec recordings of this plan
     * @param set the parameter set
     * @return the voltage at every recording site
     * @throws ModelException if the recordings do not come from this reading's plan and protocol
     */
    public NeuronTraces voltages(Recordings rec, int set) {
        if (rec.numRecordings() != plan.recordings().size() || rec.stride() != protocol.recordEvery()) {
            throw new ModelException("recordings (" + rec.numRecordings() + " rows, stride " + rec.stride()
                    + ") do not come from this NEURON reading (" + plan.recordings().size() + " rows, stride "
                    + protocol.recordEvery() + ")");
        }
        int samples = rec.numSamples();
        int stride = protocol.recordEvery();
        List<double[]> out = new ArrayList<>();
        for (NeuronNode node : nodes) {
            switch (node) {
                case NeuronNode.Centre c -> out.add(rec.trace(set, rows.get(c.site())));
                case NeuronNode.ZeroArea z -> {
                    double[][] nb = new double[z.neighbours().size()][];
                    for (int i = 0; i < nb.length; i++) {
                        nb[i] = rec.trace(set, rows.get(z.neighbours().get(i)));
                    }
                    double[] inj = injectedNa.get(z.key());
                    double[] v = new double[samples];
                    double[] at = new double[nb.length];
                    for (int j = 0; j < samples; j++) {
                        for (int i = 0; i < nb.length; i++) {
                            at[i] = nb[i][j];
                        }
                        int k = j * stride;
                        v[j] = z.voltage(at, inj == null || k == 0 ? 0.0 : inj[k - 1]);
                    }
                    out.add(v);
                }
            }
        }
        return new NeuronTraces(model.recordSites(), rec.timesMs(), out);
    }
}
