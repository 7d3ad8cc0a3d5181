package org.huxley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Huxley's version and git commit (from build-info.properties written at build time). */
public final class Versions implements IVersionProvider {
    /** The Huxley version, e.g. 0.1.0-SNAPSHOT. */
    public static String version() {
        return props().getProperty("version", "unknown");
    }

    /**
     * The git commit the jar was built from ("-dirty" appended when the working tree had changes), or
     * "unknown" (built outside a git checkout).
     */
    public static String commit() {
        Properties p = props();
        String commit = p.getProperty("commit", "");
        if (commit.isEmpty() || commit.startsWith("${")) {
            return "unknown";
        }
        return "true".equals(p.getProperty("dirty")) ? commit + "-dirty" : commit;
    }

    private static Properties props() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/org/huxley/cli/build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through: unknown version
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"huxley " + version() + " (commit " + commit() + "), Java "
                + System.getProperty("java.version")};
    }
}
