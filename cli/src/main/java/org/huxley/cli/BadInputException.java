package org.huxley.cli;

import org.huxley.HuxleyException;

/** A command-line value that makes no sense (unknown engine, example or workload): exit code 2. */
final class BadInputException extends HuxleyException {
    BadInputException(String message) {
        super(message);
    }
}
