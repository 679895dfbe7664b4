package io.qrvend.terminal.journal;

/**
 * The journal could not be read or written. The terminal cannot keep money safe without it, so
 * this stops the engine rather than letting a sale go on unrecorded.
 */
public class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
