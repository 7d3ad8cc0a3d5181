/**
 * Neuron morphologies from SWC files. {@link org.huxley.morph.SwcReader} reads a reconstruction
 * into a {@link org.huxley.model.Cell} as Jaxley's graph-based {@code read_swc} does (branches,
 * parents, frustum areas, proximal/distal resistive loads, groups by SWC type id), with
 * {@link org.huxley.morph.SwcOptions} for the compartment count ({@link org.huxley.morph.FixedCount}
 * or NEURON's {@link org.huxley.morph.DLambdaRule}), branch-length cutting, minimum radius and
 * tracing options. Malformed files throw {@link org.huxley.morph.SwcFormatException} with
 * {@code file:line: problem}. Lengths are in µm throughout.
 */
package org.huxley.morph;
