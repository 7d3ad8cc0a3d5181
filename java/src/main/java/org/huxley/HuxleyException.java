package org.huxley;

/** Base class of every exception Huxley throws on purpose; messages name what and where. */
public class HuxleyException extends RuntimeException {
    /**
     * An exception with a message.
     *
     * @param message what went wrong
     */
    public HuxleyException(String message) {
        super(message);
    }

    /**
     * An exception with a message and its cause.
     *
     * @param message what went wrong
     * @param cause the underlying exception
     */
    public HuxleyException(String message, Throwable cause) {
        super(message, cause);
    }
}
