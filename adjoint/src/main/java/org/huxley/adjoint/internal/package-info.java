/** Internal parts of the CPU adjoint: derivative kernels, the backward step, the checkpointed driver. */
package org.huxley.adjoint.internal;
