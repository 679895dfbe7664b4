package io.qrvend.terminal.sale;

/**
 * The states of one sale. These names are written to the journal and printed by the CLI; operators'
 * scripts depend on them, so they never change.
 */
public enum SaleState {
    /** Slot chosen, price fixed, order number assigned; the order is being created. */
    CREATED,
    /** The QR is shown and the backend is polled. */
    AWAITING_PAYMENT,
    /** Giving up on an unpaid order: a last query, then cancel until the backend confirms. */
    CANCELLING,
    /** A verified answer says paid. */
    PAID,
    /** Written before the relay fires; a sale found here after a restart is never pulsed again. */
    VENDING,
    /** No drop within the window, or the relay failed. */
    VEND_FAILED,
    /** The refund is sent with its persisted request number until the backend confirms it. */
    REFUNDING,
    VENDED,
    REFUNDED,
    CANCELLED,
    /** The order could not be created; no money moved. */
    FAILED;

    public boolean isFinal() {
        return this == VENDED || this == REFUNDED || this == CANCELLED || this == FAILED;
    }
}
