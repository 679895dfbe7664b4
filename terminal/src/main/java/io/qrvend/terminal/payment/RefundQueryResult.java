package io.qrvend.terminal.payment;

/** The backend's answer to "was this refund made?". */
public sealed interface RefundQueryResult {

    record Refunded(long amountFen) implements RefundQueryResult {
    }

    /** No refund with this request number exists: it is safe to send it again. */
    record NotFound() implements RefundQueryResult {
    }

    record Unknown(String reason) implements RefundQueryResult {
    }
}
