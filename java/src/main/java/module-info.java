/**
 * Huxley core: the model API (cells, branches, compartments, networks), mechanisms described as
 * expressions with symbolic derivatives, morphologies (SWC), NEURON import, compile-to-plan and the
 * forward engines (float64 CPU, CUDA through FFM).
 *
 * <p>Every exported package is public API (see docs/library.md, "API stability").
 * {@code org.huxley.engine.internal} is shared with the adjoint module only and may change at any
 * time. The CUDA engine calls the driver through the FFM API: run with
 * {@code --enable-native-access=org.huxley.core} (module path) or
 * {@code --enable-native-access=ALL-UNNAMED} (class path); without it the engines fall back to the
 * CPU with a warning.
 */
// "module": org.huxley.adjoint, the target of the qualified export, is compiled after this module.
@SuppressWarnings("module")
module org.huxley.core {
    requires org.slf4j;
    // Optional: the vector path of the column kernels (org.huxley.expr.VectorColumns), scalar without it.
    requires static jdk.incubator.vector;

    exports org.huxley;
    exports org.huxley.bench;
    exports org.huxley.cuda;
    exports org.huxley.engine;
    exports org.huxley.expr;
    exports org.huxley.mech;
    exports org.huxley.mech.builtin;
    exports org.huxley.mech.pospischil;
    exports org.huxley.mech.synapse;
    exports org.huxley.model;
    exports org.huxley.morph;
    exports org.huxley.neuron;
    exports org.huxley.params;
    exports org.huxley.plan;
    exports org.huxley.stim;

    // The forward stepper and run state, reused by the discrete adjoint; not API.
    exports org.huxley.engine.internal to org.huxley.adjoint;
}
