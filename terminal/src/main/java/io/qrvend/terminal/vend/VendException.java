package io.qrvend.terminal.vend;

/** The vend mechanism failed or could not tell whether it fired. */
public class VendException extends Exception {
    private static final long serialVersionUID = 1L;

    public VendException(String message, Throwable cause) {
        super(message, cause);
    }

    public VendException(String message) {
        super(message);
    }
}
