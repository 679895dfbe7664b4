package io.qrvend.sim.backend;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A payment backend with Alipay face-to-face semantics, in memory: the order exists after
 * precreate, but the trade only once the customer scans; an unpaid order expires; cancel closes an
 * unpaid trade or refunds a paid one; refunds are idempotent by request number and never exceed the
 * payment. Its {@link #ledger()} is the truth the invariant checks compare the journal with.
 *
 * <p>Thread-safe: customers, the terminal's network thread and checks may call it at once.
 */
public final class FakeAlipay implements PaymentGateway {

    /** Where an order stands. PRECREATED and EXPIRED orders have no trade: queries find nothing. */
    public enum Status { PRECREATED, EXPIRED, WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED }

    /** One order as the backend's books hold it. */
    public record Trade(String orderNo, long amountFen, Status status, long paidFen, Instant paidAt,
                        Map<String, Long> refunds, boolean refundedByCancel) {
        public long refundedFen() {
            return refunds.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final class Order {
        final String orderNo;
        final long amountFen;
        final String subject;
        final Instant expiresAt;
        Status status = Status.PRECREATED;
        long paidFen;
        Instant paidAt;
        final Map<String, Long> refunds = new LinkedHashMap<>();
        boolean refundedByCancel;
        int queries;

        Order(OrderRequest r, Instant now) {
            this.orderNo = r.orderNo();
            this.amountFen = r.amountFen();
            this.subject = r.subject();
            this.expiresAt = now.plus(r.expiresIn());
        }

        long refunded() {
            return refunds.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Supplier<Instant> clock;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private String refusal;

    public FakeAlipay(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * Makes the backend refuse new orders with this business error (e.g. {@code ACQ.ACCESS_FORBIDDEN},
     * the merchant's contract expired), or accept them again with null.
     */
    public synchronized void refuseOrders(String subCode) {
        this.refusal = subCode;
    }

    @Override
    public synchronized CreateResult create(OrderRequest request) {
        if (refusal != null) {
            return new CreateResult.Rejected("40004", refusal);
        }
        Order existing = orders.get(request.orderNo());
        if (existing != null) {
            if (existing.amountFen != request.amountFen() || !existing.subject.equals(request.subject())) {
                return new CreateResult.Rejected("40004", "ACQ.CONTEXT_INCONSISTENT");
            }
            expire(existing);
            if (existing.status == Status.TRADE_CLOSED || existing.status == Status.EXPIRED) {
                return new CreateResult.Rejected("40004", "ACQ.TRADE_HAS_CLOSE");
            }
            return new CreateResult.Created(qrCode(existing.orderNo));
        }
        orders.put(request.orderNo(), new Order(request, clock.get()));
        return new CreateResult.Created(qrCode(request.orderNo()));
    }

    @Override
    public synchronized QueryResult query(String orderNo) {
        return queried(orderNo).map(t -> switch (t.status()) {
            case PRECREATED, EXPIRED -> (QueryResult) new QueryResult.NotFound();
            case WAIT_BUYER_PAY -> new QueryResult.Waiting();
            case TRADE_SUCCESS -> new QueryResult.Paid(t.paidFen(), t.paidAt());
            case TRADE_CLOSED -> new QueryResult.Closed();
        }).orElseGet(QueryResult.NotFound::new);
    }

    /**
     * The terminal asks for the payment of {@code orderNo}: counted (for benchmarks of the polling)
     * and answered with the order's books. {@link #query} and the HTTP gateway both ask through here.
     */
    public synchronized Optional<Trade> queried(String orderNo) {
        Order o = orders.get(orderNo);
        if (o == null) {
            return Optional.empty();
        }
        o.queries++;
        expire(o);
        return Optional.of(snapshot(o));
    }

    @Override
    public synchronized CancelResult cancel(String orderNo) {
        Order o = orders.get(orderNo);
        if (o == null) {
            return new CancelResult.NotFound();
        }
        expire(o);
        switch (o.status) {
            case PRECREATED, EXPIRED:
                return new CancelResult.NotFound();
            case WAIT_BUYER_PAY:
                o.status = Status.TRADE_CLOSED;
                return new CancelResult.Cancelled(false);
            case TRADE_SUCCESS:
                o.refunds.put("cancel", o.paidFen - o.refunded());
                o.refundedByCancel = true;
                o.status = Status.TRADE_CLOSED;
                return new CancelResult.Cancelled(true);
            case TRADE_CLOSED:
            default:
                return o.refundedByCancel ? new CancelResult.Cancelled(true) : new CancelResult.Cancelled(false);
        }
    }

    @Override
    public synchronized RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        Order o = orders.get(orderNo);
        if (o == null || o.paidFen == 0) {
            return new RefundResult.Rejected("40004", o == null ? "ACQ.TRADE_NOT_EXIST" : "ACQ.TRADE_STATUS_ERROR");
        }
        Long done = o.refunds.get(refundRequestNo);
        if (done != null) {
            return new RefundResult.Refunded(done);
        }
        if (amountFen <= 0 || amountFen > o.paidFen - o.refunded()) {
            return new RefundResult.Rejected("40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        }
        o.refunds.put(refundRequestNo, amountFen);
        if (o.refunded() == o.paidFen) {
            o.status = Status.TRADE_CLOSED;
        }
        return new RefundResult.Refunded(amountFen);
    }

    @Override
    public synchronized RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        Order o = orders.get(orderNo);
        Long done = o == null ? null : o.refunds.get(refundRequestNo);
        return done == null ? new RefundQueryResult.NotFound() : new RefundQueryResult.Refunded(done);
    }

    /** The customer scans the QR: the trade comes into being. False if the order cannot be scanned. */
    public synchronized boolean scan(String orderNo) {
        Order o = orders.get(orderNo);
        if (o == null) {
            return false;
        }
        expire(o);
        if (o.status != Status.PRECREATED) {
            return false;
        }
        o.status = Status.WAIT_BUYER_PAY;
        return true;
    }

    /** The customer confirms in the wallet. False if the trade cannot be paid (closed, expired, not scanned). */
    public synchronized boolean pay(String orderNo) {
        Order o = orders.get(orderNo);
        if (o == null) {
            return false;
        }
        expire(o);
        if (o.status != Status.WAIT_BUYER_PAY) {
            return false;
        }
        o.status = Status.TRADE_SUCCESS;
        o.paidFen = o.amountFen;
        o.paidAt = clock.get();
        return true;
    }

    /** How many times the terminal asked for {@code orderNo}'s payment (for benchmarks of the polling). */
    public synchronized int queries(String orderNo) {
        Order o = orders.get(orderNo);
        return o == null ? 0 : o.queries;
    }

    /** One order's books, if the backend has it. */
    public synchronized Optional<Trade> trade(String orderNo) {
        Order o = orders.get(orderNo);
        if (o == null) {
            return Optional.empty();
        }
        expire(o);
        return Optional.of(snapshot(o));
    }

    private static Trade snapshot(Order o) {
        return new Trade(o.orderNo, o.amountFen, o.status, o.paidFen, o.paidAt, Map.copyOf(o.refunds), o.refundedByCancel);
    }

    /** Every order and what happened to its money, in creation order. */
    public synchronized List<Trade> ledger() {
        List<Trade> out = new ArrayList<>();
        for (Order o : orders.values()) {
            expire(o);
            out.add(snapshot(o));
        }
        return out;
    }

    /** An order not paid by its expiry can no longer be: never scanned, or scanned and closed. */
    private void expire(Order o) {
        if (clock.get().isBefore(o.expiresAt)) {
            return;
        }
        if (o.status == Status.PRECREATED) {
            o.status = Status.EXPIRED;
        } else if (o.status == Status.WAIT_BUYER_PAY) {
            o.status = Status.TRADE_CLOSED;
        }
    }

    private static String qrCode(String orderNo) {
        return "https://qr.alipay.com/sim" + Integer.toUnsignedString(orderNo.hashCode(), 36);
    }
}
