/**
 * Huxley io: model files (JSON), traces from CSV and NWB 2 (HDF5) files, resampling onto the
 * simulation grid, fit states as JSON.
 *
 * <p>Every exported package is public API.
 */
// "requires-automatic": jHDF has no module descriptor; its manifest names it io.jhdf.
@SuppressWarnings("requires-automatic")
module org.huxley.io {
    requires transitive org.huxley.core;
    requires transitive org.huxley.adjoint;
    requires io.jhdf;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports org.huxley.io;
    exports org.huxley.io.model;
}
