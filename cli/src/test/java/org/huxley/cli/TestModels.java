package org.huxley.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The model files under src/test/resources/models. */
final class TestModels {
    private TestModels() {
    }

    static Path path(String name) {
        try {
            var url = TestModels.class.getResource("/models/" + name);
            if (url == null) {
                throw new IllegalStateException("test model " + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
