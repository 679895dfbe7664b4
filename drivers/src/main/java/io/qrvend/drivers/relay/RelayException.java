package io.qrvend.drivers.relay;

/** A relay board failed to do what it was told, or could not tell whether it did. */
public class RelayException extends Exception {
    private static final long serialVersionUID = 1L;

    public RelayException(String message) {
        super(message);
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
