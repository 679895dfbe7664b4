package io.qrvend.terminal.payment;

import java.time.Instant;
import java.util.function.Function;

/** The backend's answer to "what became of this order?". */
public sealed interface QueryResult {

    /** Exhaustive dispatch: a new kind of answer breaks the build at each place that must decide about it. */
    <R> R match(Function<NotFound, R> notFound, Function<Waiting, R> waiting, Function<Paid, R> paid,
                Function<Closed, R> closed, Function<Unknown, R> unknown);

    /** No trade yet: with Alipay face-to-face the trade appears when the customer scans. */
    record NotFound() implements QueryResult {
        @Override
        public <R> R match(Function<NotFound, R> notFound, Function<Waiting, R> waiting, Function<Paid, R> paid,
                           Function<Closed, R> closed, Function<Unknown, R> unknown) {
            return notFound.apply(this);
        }
    }

    /** The customer scanned and the wallet waits for them to confirm. */
    record Waiting() implements QueryResult {
        @Override
        public <R> R match(Function<NotFound, R> notFound, Function<Waiting, R> waiting, Function<Paid, R> paid,
                           Function<Closed, R> closed, Function<Unknown, R> unknown) {
            return waiting.apply(this);
        }
    }

    /**
     * Paid, from a verified answer. {@code paidAt} is the backend's time of payment when it said so,
     * or null.
     */
    record Paid(long amountFen, Instant paidAt) implements QueryResult {
        @Override
        public <R> R match(Function<NotFound, R> notFound, Function<Waiting, R> waiting, Function<Paid, R> paid,
                           Function<Closed, R> closed, Function<Unknown, R> unknown) {
            return paid.apply(this);
        }
    }

    /** Closed without a payment (timed out, cancelled), or closed after a full refund. */
    record Closed() implements QueryResult {
        @Override
        public <R> R match(Function<NotFound, R> notFound, Function<Waiting, R> waiting, Function<Paid, R> paid,
                           Function<Closed, R> closed, Function<Unknown, R> unknown) {
            return closed.apply(this);
        }
    }

    /** No usable answer: a timeout, a reset, a server error, a bad signature. */
    record Unknown(String reason) implements QueryResult, NoAnswer {
        @Override
        public <R> R match(Function<NotFound, R> notFound, Function<Waiting, R> waiting, Function<Paid, R> paid,
                           Function<Closed, R> closed, Function<Unknown, R> unknown) {
            return unknown.apply(this);
        }
    }
}
