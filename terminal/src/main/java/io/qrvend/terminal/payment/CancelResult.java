package io.qrvend.terminal.payment;

/** The backend's answer to cancelling an order. */
public sealed interface CancelResult {

    /**
     * The order is over. {@code refunded} is true when a payment had slipped in and the cancel
     * gave it back in full (Alipay's {@code action=refund}; its answer carries no amount).
     */
    record Cancelled(boolean refunded) implements CancelResult {
    }

    /** The backend knows no such order: nothing was scanned and nothing can be paid. */
    record NotFound() implements CancelResult {
    }

    /** The backend asks to try again (Alipay's {@code retry_flag=Y}). */
    record RetryLater(String reason) implements CancelResult {
    }

    /** No usable answer. */
    record Unknown(String reason) implements CancelResult {
    }
}
