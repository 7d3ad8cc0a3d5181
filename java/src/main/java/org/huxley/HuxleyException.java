package org.huxley;

/** Base class of every exception Huxley throws on purpose; messages name what and where. */
public class HuxleyException extends RuntimeException {
    /** An exception with a message. */
    public HuxleyException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public HuxleyException(String message, Throwable cause) {
        super(message, cause);
    }
}
