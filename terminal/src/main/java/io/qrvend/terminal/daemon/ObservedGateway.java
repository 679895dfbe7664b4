package io.qrvend.terminal.daemon;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.NoAnswer;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers how the backend has been answering, for {@code qrvend status}: when it last gave a
 * verified answer, what the last failure was, and which call is under way and for how long (by the
 * monotonic clock, so a wall-clock step does not make a call look stuck or fresh). A call under way
 * longer than the gateway's own deadline is overdue: the gateway failed to abandon it, and nothing
 * behind it on the network thread moves. Passes every call and result through unchanged.
 */
final class ObservedGateway implements PaymentGateway {
    /** A call is abandoned at the deadline, plus the time to notice it; only later is it overdue. */
    static final Duration OVERDUE_MARGIN = Duration.ofSeconds(2);
    private final PaymentGateway inner;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Duration deadline;
    private final Map<Long, Call> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile Instant lastAnswer;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    /** {@code deadline}: how long the gateway lets one call take; longer (by a margin) is overdue. */
    ObservedGateway(PaymentGateway inner, Clock clock, Duration deadline) {
        this(inner, clock, System::nanoTime, deadline);
    }

    ObservedGateway(PaymentGateway inner, Clock clock, LongSupplier nanoTime, Duration deadline) {
        this.inner = inner;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.deadline = deadline;
    }

    /**
     * What status shows of the backend. {@code callInFlight} is the oldest call under way (e.g.
     * {@code query T1_261122_00000001}), or null; {@code callInFlightFor} how long it has been.
     */
    record Health(Instant lastAnswer, Instant lastFailureAt, String lastFailure, String callInFlight,
                  Duration callInFlightFor, boolean callOverdue) {
    }

    private record Call(String what, long startedNanos) {
    }

    Health health() {
        long now = nanoTime.getAsLong();
        Call oldest = inFlight.values().stream().min(Comparator.comparingLong(Call::startedNanos)).orElse(null);
        if (oldest == null) {
            return new Health(lastAnswer, lastFailureAt, lastFailure, null, null, false);
        }
        Duration running = Duration.ofNanos(now - oldest.startedNanos());
        return new Health(lastAnswer, lastFailureAt, lastFailure, oldest.what(), running, running.compareTo(deadline.plus(OVERDUE_MARGIN)) > 0);
    }

    @Override
    public CreateResult create(OrderRequest order) {
        return observe(() -> inner.create(order), "precreate " + order.orderNo());
    }

    @Override
    public QueryResult query(String orderNo) {
        return observe(() -> inner.query(orderNo), "query " + orderNo);
    }

    @Override
    public CancelResult cancel(String orderNo) {
        return observe(() -> inner.cancel(orderNo), "cancel " + orderNo);
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        return observe(() -> inner.refund(orderNo, refundRequestNo, amountFen), "refund " + refundRequestNo);
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        return observe(() -> inner.queryRefund(orderNo, refundRequestNo), "refund query " + refundRequestNo);
    }

    private <T> T observe(Supplier<T> call, String name) {
        long id = calls.incrementAndGet();
        inFlight.put(id, new Call(name, nanoTime.getAsLong()));
        T result;
        try {
            result = call.get();
        } finally {
            inFlight.remove(id);
        }
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
        return result instanceof NoAnswer none ? none.reason() : null;
    }
}
