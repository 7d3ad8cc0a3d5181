/**
 * Internal building blocks of the CPU engines, shared by the forward engine and the adjoint
 * module: compiled mechanism kernels, per-set values, the axial coupling and the forward step.
 * Not part of the public API; may change without notice.
 */
package org.huxley.engine.internal;
