package org.huxley;

/** Base class of every exception Huxley throws on purpose; messages name what and where. */
public class HuxleyException extends RuntimeException {
    public HuxleyException(String message) {
        super(message);
    }

    public HuxleyException(String message, Throwable cause) {
        super(message, cause);
    }
}
