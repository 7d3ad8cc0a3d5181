package org.huxley.engine.internal;

import java.util.Arrays;
import java.util.List;
import org.huxley.ModelException;
import org.huxley.plan.Plan;
import org.huxley.plan.SynapseTable;

/**
 * Where each synapse's pre-synaptic input (slot {@code v_pre} of its kernel) comes from in step n
 * (docs/networks.md):
 *
 * <ul>
 *   <li>no delay: vⁿ of the pre node;</li>
 *   <li>delay d &gt; 0: v^(n−d) of the pre node, read from the delay history in the state (the
 *       initial voltage while n − d &lt; 0);</li>
 *   <li>spike-driven: 1 if a spike of the edge's train falls into step n − d, else 0.</li>
 * </ul>
 *
 * <p>The delay history H (part of {@link StepState}, so checkpoints carry it) has one row of D =
 * {@link Plan#maxDelay()} values per {@link Plan#historyNodes()} entry; slot n mod D of a row holds
 * the node's voltage of the latest step m &lt; n with m ≡ n (mod D). Step n reads the slots it needs,
 * then {@link #push} stores vⁿ at slot n mod D. Initially every slot holds v⁰. The adjoint
 * (adjoint module) transposes exactly these reads and writes.
 *
 * <p>Immutable; one instance serves every parameter set of a run.
 */
public final class SynapseInputs {
    /** A spike at time t falls into step ⌊t/dt + {@value}⌋ (absorbs the roundoff of t/dt). */
    public static final double STEP_ROUNDING = 1e-9;

    /** D: slots per history row. */
    public final int depth;
    /** Pre node of each history row. */
    public final int[] historyNodes;
    private final int[][] delays;
    private final int[][] rows;
    private final int[][] preNodes;
    /** Spike-driven tables: per edge, its spike steps (delay included) as a CSR structure. */
    private final int[][] spikeStart;
    private final int[][] spikeSteps;
    private final boolean[] plain;

    private SynapseInputs(Plan plan, double dt) {
        List<SynapseTable> tables = plan.synapses();
        int nt = tables.size();
        this.depth = plan.maxDelay();
        this.historyNodes = plan.historyNodes();
        this.delays = new int[nt][];
        this.rows = new int[nt][];
        this.preNodes = new int[nt][];
        this.spikeStart = new int[nt][];
        this.spikeSteps = new int[nt][];
        this.plain = new boolean[nt];
        for (int t = 0; t < nt; t++) {
            SynapseTable tab = tables.get(t);
            preNodes[t] = tab.preNodes();
            if (tab.spikeDriven()) {
                buildSchedule(t, tab, dt);
            } else if (tab.historyRows() != null) {
                delays[t] = tab.delays();
                rows[t] = tab.historyRows();
            } else {
                plain[t] = true;
            }
        }
    }

    /**
     * @throws ModelException if two spikes of one spike train fall into the same step
     */
    public static SynapseInputs of(Plan plan, double dt) {
        return new SynapseInputs(plan, dt);
    }

    private void buildSchedule(int t, SynapseTable tab, double dt) {
        int m = tab.size();
        int[] start = new int[m + 1];
        long total = 0;
        for (int i = 0; i < m; i++) {
            total += tab.spikeTimesMs()[i].length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new ModelException(tab.mechanism().name() + ": " + total + " spikes are more than supported");
        }
        int[] steps = new int[(int) total];
        int k = 0;
        for (int i = 0; i < m; i++) {
            start[i] = k;
            double[] times = tab.spikeTimesMs()[i];
            int d = tab.delay(i);
            for (int j = 0; j < times.length; j++) {
                double q = Math.floor(times[j] / dt + STEP_ROUNDING) + d;
                int step = q >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) q;
                if (j > 0 && step == steps[k - 1]) {
                    throw new ModelException("synapse " + tab.edgeIds()[i] + " (" + tab.mechanism().name()
                            + "): spikes at " + times[j - 1] + " and " + times[j] + " ms fall into the same step "
                            + step + " (dt = " + dt + " ms); at most one spike per synapse and step: use a smaller dt");
                }
                steps[k++] = step;
            }
        }
        start[m] = k;
        spikeStart[t] = start;
        spikeSteps[t] = steps;
    }

    /** Whether table t reads v of its pre nodes directly (no delays, not spike-driven). */
    public boolean plain(int t) {
        return plain[t];
    }

    /** Whether table t is driven by spike trains. */
    public boolean spikeDriven(int t) {
        return spikeSteps[t] != null;
    }

    /** The pre-synaptic input of edge i of table t in step {@code step}. */
    public double pre(int t, int i, double[] v, double[] history, int step) {
        if (plain[t]) {
            return v[preNodes[t][i]];
        }
        int[] st = spikeSteps[t];
        if (st != null) {
            int[] start = spikeStart[t];
            return Arrays.binarySearch(st, start[i], start[i + 1], step) >= 0 ? 1.0 : 0.0;
        }
        int d = delays[t][i];
        if (d == 0) {
            return v[preNodes[t][i]];
        }
        return history[rows[t][i] * depth + Math.floorMod(step - d, depth)];
    }

    /**
     * Where ∂/∂(input) of edge i goes: a node index (≥ 0) of vⁿ, or −2 − j for slot j of the delay
     * history, or {@link Integer#MIN_VALUE} for a spike input (not differentiable).
     */
    public int source(int t, int i, int step) {
        if (plain[t]) {
            return preNodes[t][i];
        }
        if (spikeSteps[t] != null) {
            return Integer.MIN_VALUE;
        }
        int d = delays[t][i];
        if (d == 0) {
            return preNodes[t][i];
        }
        return -2 - (rows[t][i] * depth + Math.floorMod(step - d, depth));
    }

    /** Stores vⁿ of every history node at slot n mod D (after step n's synapses read). */
    public void push(double[] v, double[] history, int step) {
        if (depth == 0) {
            return;
        }
        int slot = step % depth;
        for (int r = 0; r < historyNodes.length; r++) {
            history[r * depth + slot] = v[historyNodes[r]];
        }
    }

    /** Number of history values: rows × D. */
    public static int historySize(Plan plan) {
        return plan.historyNodes().length * plan.maxDelay();
    }

    /** The initial history: every slot of a row holds the initial voltage of its node. */
    public static void initialHistory(Plan plan, double[] v0, double[] history) {
        int depth = plan.maxDelay();
        int[] nodes = plan.historyNodes();
        for (int r = 0; r < nodes.length; r++) {
            Arrays.fill(history, r * depth, (r + 1) * depth, v0[nodes[r]]);
        }
    }
}
