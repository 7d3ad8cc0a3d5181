package org.huxley.neuron;

import java.util.List;
import org.huxley.model.Site;

/**
 * Where a NEURON position lands in the Huxley model: a segment centre is a compartment; an end
 * (x = 0 or 1) is one of NEURON's zero-area nodes, which Huxley does not hold as a compartment.
 */
public sealed interface NeuronNode {
    /** {@return the resolved position in the site's own section (segment centre (i + ½)/nseg, or 0 or 1)} */
    double nodeX();

    /**
     * The centre of segment i: compartment i of the section's branch.
     *
     * @param site the compartment
     * @param nodeX (i + ½)/nseg
     */
    record Centre(Site site, double nodeX) implements NeuronNode {
    }

    /**
     * A zero-area node: no capacitance, no membrane current, pure current balance between its
     * neighbour compartments, each through half a segment of axial resistance R_i. A junction
     * (the x = 1 end of a section with children) has the parent's last compartment and each
     * child's first; it is Huxley's branch-point node. A dead end (a root's x = 0, a leaf's x = 1)
     * has one neighbour. Its voltage is v = (Σ v_i/R_i + I)/(Σ 1/R_i), I the current injected into
     * it; that current reaches neighbour i as the share (1/R_i)/(Σ 1/R_j).
     *
     * @param key identifies the node (several positions can name it: soma(1) and dend(0))
     * @param neighbours the neighbour compartments
     * @param halfResistancesMOhm R_i per neighbour, MΩ
     * @param nodeX 0 or 1
     */
    record ZeroArea(String key, List<Site> neighbours, double[] halfResistancesMOhm, double nodeX)
            implements NeuronNode {
        /** Copies the neighbours and resistances. */
        public ZeroArea {
            neighbours = List.copyOf(neighbours);
            halfResistancesMOhm = halfResistancesMOhm.clone();
        }

        /** {@return half resistances to each neighbour, MΩ (a copy)} */
        @Override
        public double[] halfResistancesMOhm() {
            return halfResistancesMOhm.clone();
        }

        /**
         * {@return the share of an injected current that flows into neighbour i: (1/R_i)/Σ(1/R_j)}
         *
         * @param i the neighbour's index
         */
        public double share(int i) {
            if (neighbours.size() == 1) {
                return 1.0;
            }
            double sum = 0;
            for (double r : halfResistancesMOhm) {
                sum += 1.0 / r;
            }
            return (1.0 / halfResistancesMOhm[i]) / sum;
        }

        /**
         * The node's voltage from its neighbours' voltages and the current injected into it.
         *
         * @param neighbourMv v of each neighbour, mV
         * @param injectedNa current injected into this node during the step that ended now, nA
         * @return mV (nA × MΩ = mV)
         */
        public double voltage(double[] neighbourMv, double injectedNa) {
            if (neighbourMv.length == 1) {
                return neighbourMv[0] + injectedNa * halfResistancesMOhm[0];
            }
            double num = injectedNa;
            double den = 0;
            for (int i = 0; i < neighbourMv.length; i++) {
                double g = 1.0 / halfResistancesMOhm[i];
                num += g * neighbourMv[i];
                den += g;
            }
            return num / den;
        }
    }
}
