package io.qrvend.terminal.payment;

import java.util.function.Function;

/** The backend's answer to "was this refund made?". */
public sealed interface RefundQueryResult {

    /** Exhaustive dispatch: a new kind of answer breaks the build at each place that must decide about it. */
    <R> R match(Function<Refunded, R> refunded, Function<NotFound, R> notFound, Function<Unknown, R> unknown);

    record Refunded(long amountFen) implements RefundQueryResult {
        @Override
        public <R> R match(Function<Refunded, R> refunded, Function<NotFound, R> notFound, Function<Unknown, R> unknown) {
            return refunded.apply(this);
        }
    }

    /** No refund with this request number exists: it is safe to send it again. */
    record NotFound() implements RefundQueryResult {
        @Override
        public <R> R match(Function<Refunded, R> refunded, Function<NotFound, R> notFound, Function<Unknown, R> unknown) {
            return notFound.apply(this);
        }
    }

    record Unknown(String reason) implements RefundQueryResult, NoAnswer {
        @Override
        public <R> R match(Function<Refunded, R> refunded, Function<NotFound, R> notFound, Function<Unknown, R> unknown) {
            return unknown.apply(this);
        }
    }
}
