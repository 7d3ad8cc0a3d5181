package org.huxley.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public and protected type and member of the libraries' exported packages is documented,
 * with every {@code @param} and {@code @return}: javac's doclint group "missing" reports nothing
 * over the three library modules' sources ({@code *.internal} packages excluded). The Javadoc jar
 * build checks all doclint groups too and fails on any warning; this test keeps the check in the
 * test suite, which runs without building Javadoc.
 */
class PublicApiDocumentedTest {
    /** The libraries' packages that are not API (not exported, or exported to Huxley modules only). */
    private static final String NOT_API = "-org.huxley.engine.internal,-org.huxley.adjoint.internal";
    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set (see examples/library/pom.xml)");
        }
        return v;
    }

    /** The same javac options report an undocumented public method (so a clean run means something). */
    @Test
    void theCheckFindsAMissingComment() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of(property("huxley.examples.work"), "doclint-probe"));
        Path src = dir.resolve("Probe.java");
        Files.writeString(src, "/** A probe. */\npublic class Probe {\n    /** Documented. */\n    public Probe() {\n    }\n\n"
                + "    public void undocumented() {\n    }\n}\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-Xdoclint:missing/protected", "-d", dir.toString(), src.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertTrue(log.contains("Probe.java:7: warning: no comment"), log);
    }

    @Test
    void everyPublicTypeAndMemberIsFullyDocumented() throws IOException, InterruptedException {
        Path out = Files.createDirectories(Path.of(property("huxley.examples.work"), "doclint"));
        String modulePath = Files.readString(Path.of(property("huxley.examples.modulePath"))).strip();
        String root = property("huxley.repo.root");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-Xdoclint:missing/protected", "-Xdoclint/package:" + NOT_API, "-Xmaxwarns", "100000",
                "-proc:none", "-d", out.toString(), "--module-path", modulePath,
                "--module-source-path", "org.huxley.core=" + root + File.separator + "java/src/main/java",
                "--module-source-path", "org.huxley.adjoint=" + root + File.separator + "adjoint/src/main/java",
                "--module-source-path", "org.huxley.io=" + root + File.separator + "io/src/main/java",
                "--module", "org.huxley.core,org.huxley.adjoint,org.huxley.io"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertTrue(rc == 0, "javac failed (" + rc + "):\n" + log);
        List<String> undocumented = log.lines().filter(l -> l.contains(": warning: ")).toList();
        assertTrue(undocumented.isEmpty(), undocumented.size() + " doclint warnings (missing Javadoc, @param or "
                + "@return) in the public API:\n" + String.join("\n", undocumented));
    }
}
