package org.huxley.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

/** Skips host-library tests (JUnit assumption) where no C++ compiler can run. */
public final class HostTestSupport {
    private static Boolean available;

    private HostTestSupport() {
    }

    public static synchronized boolean hostCompiler() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(System.getProperty("huxley.cxx", "g++"), "--version")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                available = false;
            }
        }
        return available;
    }

    public static void assumeHostCompiler() {
        assumeTrue(hostCompiler(), "no host C++ compiler (g++): host-library tests skipped");
    }
}
