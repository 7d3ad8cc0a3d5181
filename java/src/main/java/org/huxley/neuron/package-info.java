/**
 * NEURON-compatible reading of a model: a typed description of NEURON sections, IClamps and
 * recording sites ({@link org.huxley.neuron.NeuronModel}) is turned into a Huxley model whose
 * backward-Euler step gives NEURON's fixed-step traces ({@link org.huxley.neuron.NeuronReader}),
 * and the recordings are read back at NEURON's sites, including its zero-area end and junction
 * nodes ({@link org.huxley.neuron.NeuronReading}). The rules are in docs/neuron.md.
 */
package org.huxley.neuron;
