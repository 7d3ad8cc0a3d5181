package org.huxley.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test fixtures (src/test/resources/org/huxley/io). */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/org/huxley/io/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }
}
