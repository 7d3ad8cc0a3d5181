/**
 * The library examples of docs/library.md: an application module that reads only the exported
 * packages of org.huxley.core and org.huxley.adjoint.
 */
module org.huxley.examples {
    requires org.huxley.adjoint; // requires transitive org.huxley.core
}
