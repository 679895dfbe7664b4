package io.qrvend.terminal.payment;

/** The backend's answer to a refund request. */
public sealed interface RefundResult {

    /** The refund is made (now, or by an earlier request with the same number). */
    record Refunded(long amountFen) implements RefundResult {
    }

    /** The backend refused the refund; it may succeed later (e.g. merchant balance too low). */
    record Rejected(String code, String message) implements RefundResult {
    }

    /** No usable answer: the refund may or may not have been made. */
    record Unknown(String reason) implements RefundResult {
    }
}
