package org.huxley.adjoint.internal;

import java.util.Arrays;

/**
 * ∂L/∂(state) of one parameter set: voltage per node, channel states, synapse states, and the delay
 * history of delayed synapses (same layout as {@code StepState.history}).
 */
final class Cotangents {
    final double[] v;
    final double[][][] channel;
    final double[][][] synapse;
    final double[] history;

    Cotangents(int nodes, double[][][] channelShape, double[][][] synapseShape, int historySize) {
        v = new double[nodes];
        channel = zerosLike(channelShape);
        synapse = zerosLike(synapseShape);
        history = new double[historySize];
    }

    void clear() {
        Arrays.fill(v, 0.0);
        Arrays.fill(history, 0.0);
        for (double[][] a : channel) {
            for (double[] b : a) {
                Arrays.fill(b, 0.0);
            }
        }
        for (double[][] a : synapse) {
            for (double[] b : a) {
                Arrays.fill(b, 0.0);
            }
        }
    }

    static double[][][] zerosLike(double[][][] shape) {
        double[][][] out = new double[shape.length][][];
        for (int i = 0; i < shape.length; i++) {
            out[i] = new double[shape[i].length][];
            for (int j = 0; j < shape[i].length; j++) {
                out[i][j] = new double[shape[i][j].length];
            }
        }
        return out;
    }
}
