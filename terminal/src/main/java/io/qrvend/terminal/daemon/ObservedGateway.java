package io.qrvend.terminal.daemon;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Remembers how the backend has been answering, for {@code qrvend status}: when it last gave a
 * verified answer and what the last failure was. Passes every call and result through unchanged.
 */
final class ObservedGateway implements PaymentGateway {
    private final PaymentGateway inner;
    private final Clock clock;
    private volatile Instant lastAnswer;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    ObservedGateway(PaymentGateway inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
    }

    /** What status shows of the backend. */
    record Health(Instant lastAnswer, Instant lastFailureAt, String lastFailure) {
    }

    Health health() {
        return new Health(lastAnswer, lastFailureAt, lastFailure);
    }

    @Override
    public CreateResult create(OrderRequest order) {
        return observe(() -> inner.create(order), "precreate");
    }

    @Override
    public QueryResult query(String orderNo) {
        return observe(() -> inner.query(orderNo), "query");
    }

    @Override
    public CancelResult cancel(String orderNo) {
        return observe(() -> inner.cancel(orderNo), "cancel");
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        return observe(() -> inner.refund(orderNo, refundRequestNo, amountFen), "refund");
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        return observe(() -> inner.queryRefund(orderNo, refundRequestNo), "refund query");
    }

    private <T> T observe(Supplier<T> call, String name) {
        T result = call.get();
        String unknown = unknownReason(result);
        if (unknown == null) {
            lastAnswer = clock.instant();
        } else {
            lastFailureAt = clock.instant();
            lastFailure = name + ": " + unknown;
        }
        return result;
    }

    private static String unknownReason(Object result) {
        if (result instanceof CreateResult.Unknown u) {
            return u.reason();
        } else if (result instanceof QueryResult.Unknown u) {
            return u.reason();
        } else if (result instanceof CancelResult.Unknown u) {
            return u.reason();
        } else if (result instanceof RefundResult.Unknown u) {
            return u.reason();
        } else if (result instanceof RefundQueryResult.Unknown u) {
            return u.reason();
        }
        return null;
    }
}
