package io.qrvend.terminal.payment;

import java.util.function.Function;

/** The backend's answer to a refund request. */
public sealed interface RefundResult {

    /** Exhaustive dispatch: a new kind of answer breaks the build at each place that must decide about it. */
    <R> R match(Function<Refunded, R> refunded, Function<Rejected, R> rejected, Function<Unknown, R> unknown);

    /** The refund is made (now, or by an earlier request with the same number). */
    record Refunded(long amountFen) implements RefundResult {
        @Override
        public <R> R match(Function<Refunded, R> refunded, Function<Rejected, R> rejected, Function<Unknown, R> unknown) {
            return refunded.apply(this);
        }
    }

    /** The backend refused the refund; it may succeed later (e.g. merchant balance too low). */
    record Rejected(String code, String message) implements RefundResult {
        @Override
        public <R> R match(Function<Refunded, R> refunded, Function<Rejected, R> rejected, Function<Unknown, R> unknown) {
            return rejected.apply(this);
        }
    }

    /** No usable answer: the refund may or may not have been made. */
    record Unknown(String reason) implements RefundResult, NoAnswer {
        @Override
        public <R> R match(Function<Refunded, R> refunded, Function<Rejected, R> rejected, Function<Unknown, R> unknown) {
            return unknown.apply(this);
        }
    }
}
