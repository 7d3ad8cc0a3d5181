package org.huxley.cli;

import java.util.List;

/**
 * Sets slf4j-simple's level from the global options before any logger exists: errors only under
 * --quiet, debug under --verbose, else info (logs go to stderr, so --json output stays clean).
 */
final class LogLevel {
    private LogLevel() {
    }

    static void configure(String[] args) {
        List<String> a = List.of(args);
        String level = a.contains("--verbose") || a.contains("-v") ? "debug"
                : a.contains("--quiet") || a.contains("-q") ? "error" : "info";
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
        // jHDF warns that it is a "development version" on every file it opens: noise for users
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "error");
        }
    }
}
