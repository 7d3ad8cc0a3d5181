package org.huxley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three examples of docs/library.md, compiled with {@code javac --module-path} and run with
 * {@code java --module-path ... -m org.huxley.examples/...} by the JDK running this test, exactly as
 * an application would: the library jars are named modules, so any use of a non-exported package
 * fails to compile, and the runs need {@code --enable-native-access=org.huxley.core} to be quiet.
 */
class ExamplesOnModulePathTest {
    private static Path classes;
    private static String modulePath;

    private static Path javaHomeTool(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool);
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set (see examples/library/pom.xml)");
        }
        return v;
    }

    /** Output of a finished process; fails the test if it exits non-zero. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(0, rc, String.join(" ", command) + " exited with " + rc + ":\n" + out);
        return out;
    }

    @BeforeAll
    static void compileOnTheModulePath() throws IOException, InterruptedException {
        String libraries = Files.readString(Path.of(property("huxley.examples.modulePath"))).strip();
        Path work = Path.of(property("huxley.examples.work"));
        classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> sources;
        try (Stream<Path> s = Files.walk(Path.of(property("huxley.examples.sources")))) {
            sources = s.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        // -incubating: org.huxley.core's optional "requires static jdk.incubator.vector" makes javac note the
        // incubator module when compiling against it (docs/library.md, Vector API); every other lint is an error
        List<String> javac = new ArrayList<>(List.of(javaHomeTool("javac").toString(), "-Xlint:all,-incubating", "-Werror",
                "--module-path", libraries, "-d", classes.toString()));
        javac.addAll(sources);
        run(javac);
        assertTrue(Files.isRegularFile(classes.resolve("module-info.class")), "module-info was compiled");
        modulePath = classes + File.pathSeparator + libraries;
    }

    private static String runExample(String mainClass) throws IOException, InterruptedException {
        String out = run(List.of(javaHomeTool("java").toString(), "--enable-native-access=org.huxley.core",
                "-Dhuxley.engine=cpu", "--module-path", modulePath, "-m", "org.huxley.examples/" + mainClass));
        assertFalse(out.contains("restricted method"), "no native-access warning expected:\n" + out);
        return out;
    }

    @Test
    void simulateACell() throws Exception {
        String out = runExample("org.huxley.examples.SimulateCell");
        Matcher m = Pattern.compile("simulate: 801 samples, peak (-?[0-9.]+) mV, ([0-9]+) spikes").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 20.0, "the soma spikes: " + out);
        assertTrue(Integer.parseInt(m.group(2)) >= 1, out);
    }

    @Test
    void sweepParametersInABatch() throws Exception {
        String out = runExample("org.huxley.examples.ParameterSweep");
        Matcher m = Pattern.compile("sweep: spikes per set((?: [0-9.]+:[0-9]+){16})").matcher(out);
        assertTrue(m.find(), out);
        String[] sets = m.group(1).strip().split(" ");
        int first = Integer.parseInt(sets[0].split(":")[1]);
        int last = Integer.parseInt(sets[15].split(":")[1]);
        assertTrue(first > last, "more potassium conductance, fewer spikes: " + out);
    }

    @Test
    void fitTwoConductances() throws Exception {
        String out = runExample("org.huxley.examples.FitConductances");
        Matcher m = Pattern.compile("fit: (\\S+) relative error ([0-9.eE+-]+)").matcher(out);
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(Double.parseDouble(m.group(2)) < 1e-3, m.group(1) + " not recovered:\n" + out);
        }
        assertEquals(2, found, out);
    }
}
