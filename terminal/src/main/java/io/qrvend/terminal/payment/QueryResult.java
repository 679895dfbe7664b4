package io.qrvend.terminal.payment;

import java.time.Instant;

/** The backend's answer to "what became of this order?". */
public sealed interface QueryResult {

    /** No trade yet: with Alipay face-to-face the trade appears when the customer scans. */
    record NotFound() implements QueryResult {
    }

    /** The customer scanned and the wallet waits for them to confirm. */
    record Waiting() implements QueryResult {
    }

    /**
     * Paid, from a verified answer. {@code paidAt} is the backend's time of payment when it said so,
     * or null.
     */
    record Paid(long amountFen, Instant paidAt) implements QueryResult {
    }

    /** Closed without a payment (timed out, cancelled), or closed after a full refund. */
    record Closed() implements QueryResult {
    }

    /** No usable answer: a timeout, a reset, a server error, a bad signature. */
    record Unknown(String reason) implements QueryResult {
    }
}
