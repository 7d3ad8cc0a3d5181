package org.huxley.adjoint.internal;

/**
 * ∂L/∂(model value) summed over all steps, per element: channel and synapse parameters,
 * per-compartment area (µm²), capacitance, axial resistivity and both resistive loads.
 */
final class Accumulators {
    final double[][][] channelParams;
    final double[][][] synapseParams;
    final double[] area;
    final double[] capacitance;
    final double[] axialResistivity;
    final double[] loadIn;
    final double[] loadOut;

    Accumulators(int nodes, double[][][] channelParamShape, double[][][] synapseParamShape) {
        channelParams = Cotangents.zerosLike(channelParamShape);
        synapseParams = Cotangents.zerosLike(synapseParamShape);
        area = new double[nodes];
        capacitance = new double[nodes];
        axialResistivity = new double[nodes];
        loadIn = new double[nodes];
        loadOut = new double[nodes];
    }
}
