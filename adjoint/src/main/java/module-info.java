/**
 * Huxley adjoint: gradient engines (the discrete adjoint with checkpointing), losses, parameter
 * transforms, optimizers and batched multi-start fitting ({@code org.huxley.fit}).
 *
 * <p>Every exported package is public API; {@code org.huxley.adjoint.internal} is not.
 */
module org.huxley.adjoint {
    requires transitive org.huxley.core;
    requires org.slf4j;

    exports org.huxley.adjoint;
    exports org.huxley.adjoint.cuda;
    exports org.huxley.adjoint.transform;
    exports org.huxley.fit;
    exports org.huxley.fit.examples;
}
