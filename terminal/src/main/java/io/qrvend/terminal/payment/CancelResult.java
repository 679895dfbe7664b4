package io.qrvend.terminal.payment;

import java.time.Instant;
import java.util.function.Function;

/** The backend's answer to cancelling an order. */
public sealed interface CancelResult {

    /** Exhaustive dispatch: a new kind of answer breaks the build at each place that must decide about it. */
    <R> R match(Function<Cancelled, R> cancelled, Function<PaidInstead, R> paidInstead, Function<NotFound, R> notFound,
                Function<RetryLater, R> retryLater, Function<Unknown, R> unknown);

    /**
     * The order is over. {@code refunded} is true when a payment had slipped in and the cancel
     * gave it back in full (Alipay's {@code action=refund}; its answer carries no amount).
     */
    record Cancelled(boolean refunded) implements CancelResult {
        @Override
        public <R> R match(Function<Cancelled, R> cancelled, Function<PaidInstead, R> paidInstead, Function<NotFound, R> notFound,
                           Function<RetryLater, R> retryLater, Function<Unknown, R> unknown) {
            return cancelled.apply(this);
        }
    }

    /**
     * The order could not be closed because it is paid, and the close gave nothing back (WeChat Pay:
     * {@code ORDERPAID}, or the query after a close says {@code SUCCESS}; closing never refunds
     * there). The payment stands until the terminal refunds it.
     */
    record PaidInstead(long amountFen, Instant paidAt) implements CancelResult {
        @Override
        public <R> R match(Function<Cancelled, R> cancelled, Function<PaidInstead, R> paidInstead, Function<NotFound, R> notFound,
                           Function<RetryLater, R> retryLater, Function<Unknown, R> unknown) {
            return paidInstead.apply(this);
        }
    }

    /** The backend knows no such order: nothing was scanned and nothing can be paid. */
    record NotFound() implements CancelResult {
        @Override
        public <R> R match(Function<Cancelled, R> cancelled, Function<PaidInstead, R> paidInstead, Function<NotFound, R> notFound,
                           Function<RetryLater, R> retryLater, Function<Unknown, R> unknown) {
            return notFound.apply(this);
        }
    }

    /** The backend asks to try again (Alipay's {@code retry_flag=Y}). */
    record RetryLater(String reason) implements CancelResult {
        @Override
        public <R> R match(Function<Cancelled, R> cancelled, Function<PaidInstead, R> paidInstead, Function<NotFound, R> notFound,
                           Function<RetryLater, R> retryLater, Function<Unknown, R> unknown) {
            return retryLater.apply(this);
        }
    }

    /** No usable answer. */
    record Unknown(String reason) implements CancelResult, NoAnswer {
        @Override
        public <R> R match(Function<Cancelled, R> cancelled, Function<PaidInstead, R> paidInstead, Function<NotFound, R> notFound,
                           Function<RetryLater, R> retryLater, Function<Unknown, R> unknown) {
            return unknown.apply(this);
        }
    }
}
