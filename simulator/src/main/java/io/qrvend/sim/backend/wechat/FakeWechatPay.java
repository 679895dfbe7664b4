package io.qrvend.sim.backend.wechat;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A payment backend with WeChat Pay v3 Native semantics, in memory. Unlike Alipay there is no
 * "scanned" state: an order is {@code NOTPAY} from the moment it is placed until it is paid
 * ({@code SUCCESS}), closed ({@code CLOSED}) or, once paid, refunded ({@code REFUND}). A payment the
 * bank is still confirming reports {@code USERPAYING} first. After {@code time_expire} an unpaid order
 * can no longer be paid but still reports {@code NOTPAY} until it is closed, as WeChat Pay does.
 * Closing never refunds: closing a paid order is refused with {@code ORDERPAID}. Refunds are
 * idempotent by {@code out_refund_no} and never exceed what was paid. Its {@link #ledger()} is the
 * truth the campaign's checks compare the journal with.
 *
 * <p>As a {@link PaymentGateway} it is the books as the sale engine sees them in an in-process
 * campaign (no HTTP, no signatures), mapped as the terminal's WeChat adapter maps verified answers.
 *
 * <p>Thread-safe: customers, the terminal's network thread and checks may call it at once.
 */
public final class FakeWechatPay implements PaymentGateway {

    /** WeChat Pay's {@code trade_state} values this backend produces. */
    public enum TradeState { NOTPAY, USERPAYING, SUCCESS, CLOSED, REFUND }

    /** One refund as WeChat Pay's books hold it; PROCESSING until {@code settlesAt}, then SUCCESS. */
    public record Refund(String outRefundNo, String refundId, String outTradeNo, String transactionId, long refundFen,
                         long totalFen, Instant createdAt, Instant settlesAt) {
        public String status(Instant now) {
            return now.isBefore(settlesAt) ? "PROCESSING" : "SUCCESS";
        }
    }

    /** One order as WeChat Pay's books hold it. {@code paidFen} is 0 until the payment has settled. */
    public record Trade(String outTradeNo, long totalFen, String description, Instant timeExpire, TradeState state,
                        long paidFen, Instant paidAt, String transactionId, String openid, Map<String, Refund> refunds,
                        boolean scanned) {
        public long refundedFen() {
            return refunds.values().stream().mapToLong(Refund::refundFen).sum();
        }
    }

    private static final class Order {
        final String outTradeNo;
        final long totalFen;
        final String description;
        final Instant timeExpire;
        TradeState state = TradeState.NOTPAY;
        Instant payingUntil;
        Duration paymentDelay = Duration.ZERO;
        long paidFen;
        Instant paidAt;
        String transactionId;
        String openid;
        boolean scanned;
        int queries;
        final Map<String, Refund> refunds = new LinkedHashMap<>();

        Order(String outTradeNo, long totalFen, String description, Instant timeExpire) {
            this.outTradeNo = outTradeNo;
            this.totalFen = totalFen;
            this.description = description;
            this.timeExpire = timeExpire;
        }

        long refunded() {
            return refunds.values().stream().mapToLong(Refund::refundFen).sum();
        }
    }

    private final Supplier<Instant> clock;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Order> byRefundNo = new LinkedHashMap<>();
    private Duration refundsTake = Duration.ZERO;
    private long serial;

    public FakeWechatPay(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Refunds answer PROCESSING for this long before they report SUCCESS (default: at once). */
    public synchronized FakeWechatPay refundsTake(Duration d) {
        this.refundsTake = d;
        return this;
    }

    /**
     * Places a Native order and gives its {@code code_url}. Placing the same order again with the
     * same amount and description gives the same code (a retry after a lost answer); anything else
     * under a used number is refused, as are orders already paid or closed.
     *
     * @param timeExpire the last moment the customer can pay; null means WeChat's default, 7 days
     */
    public synchronized String place(String outTradeNo, long totalFen, String description, Instant timeExpire) {
        if (totalFen <= 0) {
            throw WechatRefusal.param("amount.total must be a positive number of fen");
        }
        Order existing = orders.get(outTradeNo);
        if (existing != null) {
            settle(existing);
            if (existing.totalFen != totalFen || !existing.description.equals(description)) {
                throw new WechatRefusal(400, "OUT_TRADE_NO_USED", "商户订单号重复");
            }
            if (existing.state == TradeState.CLOSED) {
                throw new WechatRefusal(400, "ORDER_CLOSED", "订单已关闭");
            }
            if (existing.state != TradeState.NOTPAY) {
                throw new WechatRefusal(400, "ORDERPAID", "订单已支付");
            }
            return codeUrl(outTradeNo);
        }
        Instant now = clock.get();
        orders.put(outTradeNo, new Order(outTradeNo, totalFen, description,
                timeExpire != null ? timeExpire : now.plus(Duration.ofDays(7))));
        return codeUrl(outTradeNo);
    }

    /**
     * The merchant asks for {@code outTradeNo}: counted (for benchmarks of the polling) and answered
     * with the order's books.
     */
    public synchronized Optional<Trade> queried(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        if (o == null) {
            return Optional.empty();
        }
        o.queries++;
        settle(o);
        return Optional.of(snapshot(o));
    }

    /**
     * Closes an unpaid order; closing a closed one again is fine. A payment still being confirmed is
     * stopped (the customer is not charged). A paid order is refused with {@code ORDERPAID}: closing
     * never gives money back.
     */
    public synchronized void close(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        if (o == null) {
            throw WechatRefusal.notFound();
        }
        settle(o);
        switch (o.state) {
            case NOTPAY, USERPAYING, CLOSED -> {
                o.state = TradeState.CLOSED;
                o.payingUntil = null;
            }
            case SUCCESS, REFUND -> throw new WechatRefusal(400, "ORDERPAID", "订单已支付");
        }
    }

    /**
     * Refunds {@code refundFen} of a paid order. The same {@code outRefundNo} again gives the same
     * refund and moves no money; {@code totalFen} must be the order's total and the refund must fit
     * in what is left.
     */
    public synchronized Refund refund(String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
        Order done = byRefundNo.get(outRefundNo);
        if (done != null) {
            if (!done.outTradeNo.equals(outTradeNo)) {
                throw WechatRefusal.invalid("out_refund_no 已用于另一笔订单");
            }
            return done.refunds.get(outRefundNo);
        }
        Order o = orders.get(outTradeNo);
        if (o == null) {
            throw new WechatRefusal(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        settle(o);
        if (o.paidFen == 0) {
            throw WechatRefusal.invalid("订单未支付");
        }
        if (totalFen != o.totalFen) {
            throw WechatRefusal.param("amount.total 与订单金额不一致");
        }
        if (refundFen <= 0 || refundFen > o.paidFen - o.refunded()) {
            throw new WechatRefusal(403, "NOT_ENOUGH", "申请退款金额超过订单可退金额");
        }
        Instant now = clock.get();
        Refund r = new Refund(outRefundNo, "50000" + String.format("%024d", ++serial), outTradeNo, o.transactionId,
                refundFen, o.totalFen, now, now.plus(refundsTake));
        o.refunds.put(outRefundNo, r);
        o.state = TradeState.REFUND;
        byRefundNo.put(outRefundNo, o);
        return r;
    }

    /** The refund with this number, if there is one. */
    public synchronized Optional<Refund> refundQueried(String outRefundNo) {
        Order o = byRefundNo.get(outRefundNo);
        return o == null ? Optional.empty() : Optional.of(o.refunds.get(outRefundNo));
    }

    /** The customer scans the code. WeChat Pay reports nothing of it; false if the order cannot be paid. */
    public synchronized boolean scan(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        if (o == null || !payable(o)) {
            return false;
        }
        o.scanned = true;
        return true;
    }

    /**
     * The customer enters the password. False if the order cannot be paid (closed, paid, expired).
     * The payment settles at once, or after the delay {@link #delayPayment} set, reporting
     * {@code USERPAYING} until then.
     */
    public synchronized boolean pay(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        if (o == null) {
            return false;
        }
        settle(o);
        if (!payable(o)) {
            return false;
        }
        o.scanned = true;
        o.state = TradeState.USERPAYING;
        o.payingUntil = clock.get().plus(o.paymentDelay);
        settle(o);
        return true;
    }

    /** The customer's payment of this order, when it comes, takes {@code d} to confirm (the USERPAYING_LASTS fault). */
    public synchronized void delayPayment(String outTradeNo, Duration d) {
        Order o = orders.get(outTradeNo);
        if (o != null && o.state == TradeState.NOTPAY) {
            o.paymentDelay = d;
        }
    }

    /** How many times the merchant asked for {@code outTradeNo} (for benchmarks of the polling). */
    public synchronized int queries(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        return o == null ? 0 : o.queries;
    }

    /** One order's books, if the backend has it; not counted as a query. */
    public synchronized Optional<Trade> trade(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        if (o == null) {
            return Optional.empty();
        }
        settle(o);
        return Optional.of(snapshot(o));
    }

    /** Every order and what happened to its money, in the order they were placed. */
    public synchronized List<Trade> ledger() {
        List<Trade> out = new ArrayList<>();
        for (Order o : orders.values()) {
            settle(o);
            out.add(snapshot(o));
        }
        return out;
    }

    // ---- The same books as the terminal's WechatPayGateway reports them once an answer has been
    // verified (the same mapping of states, error codes and refund statuses), without HTTP, so a
    // campaign runs a hundred thousand sales in minutes. WechatHttpSaleTest and the gateway's own
    // tests hold the real adapter to the same answers over HTTP. ----

    /** Codes WeChat Pay means as "try again": unknown answers at the gateway. */
    private static final java.util.Set<String> TRANSIENT = java.util.Set.of("SYSTEM_ERROR", "FREQUENCY_LIMITED", "BANKERROR");

    /** Places the order with {@code time_expire} = now + the request's window. */
    @Override
    public CreateResult create(OrderRequest request) {
        try {
            return new CreateResult.Created(place(request.orderNo(), request.amountFen(), request.subject(),
                    clock.get().plus(request.expiresIn())));
        } catch (WechatRefusal e) {
            // An order number already used or paid: an earlier attempt may have placed this very order.
            if (TRANSIENT.contains(e.code()) || "OUT_TRADE_NO_USED".equals(e.code()) || "ORDERPAID".equals(e.code())) {
                return new CreateResult.Unknown(e.code());
            }
            return new CreateResult.Rejected(e.code(), e.getMessage());
        }
    }

    /**
     * Counted as a query. {@code NOTPAY} and {@code USERPAYING} wait; {@code SUCCESS} is paid;
     * {@code CLOSED} and {@code REFUND} (paid, and the money is going back: never vend for it) are
     * closed; no order is not found.
     */
    @Override
    public QueryResult query(String orderNo) {
        return queried(orderNo).map(t -> switch (t.state()) {
            case NOTPAY, USERPAYING -> (QueryResult) new QueryResult.Waiting();
            case SUCCESS -> new QueryResult.Paid(t.paidFen(), t.paidAt());
            case CLOSED, REFUND -> new QueryResult.Closed();
        }).orElseGet(QueryResult.NotFound::new);
    }

    /** WeChat Pay's close never refunds: the order's state after it says what became of it. */
    @Override
    public synchronized CancelResult cancel(String orderNo) {
        try {
            close(orderNo);
        } catch (WechatRefusal e) {
            if ("ORDER_NOT_EXIST".equals(e.code())) {
                return new CancelResult.NotFound();
            }
            if (!"ORDERPAID".equals(e.code())) {
                return new CancelResult.Unknown(e.code());
            }
        }
        return query(orderNo).match(
                notFound -> new CancelResult.Unknown("closed, but the query finds no order"),
                waiting -> new CancelResult.RetryLater("closed, but the order is still payable"),
                paid -> new CancelResult.PaidInstead(paid.amountFen(), paid.paidAt()),
                closed -> new CancelResult.Cancelled(false),
                unknown -> new CancelResult.Unknown(unknown.reason()));
    }

    /** A refund of {@code amountFen} against the order's total; PROCESSING is not done yet. */
    @Override
    public synchronized RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        Order o = orders.get(orderNo);
        if (o == null) {
            return new RefundResult.Rejected("ORDER_NOT_EXIST", "no such order");
        }
        try {
            Refund r = refund(orderNo, refundRequestNo, amountFen, o.totalFen);
            return r.status(clock.get()).equals("SUCCESS") ? new RefundResult.Refunded(r.refundFen())
                    : new RefundResult.Unknown("refund " + refundRequestNo + " PROCESSING");
        } catch (WechatRefusal e) {
            return TRANSIENT.contains(e.code()) ? new RefundResult.Unknown(e.code()) : new RefundResult.Rejected(e.code(), e.getMessage());
        }
    }

    /** A refund still PROCESSING is not known to be done yet: asked again later. */
    @Override
    public synchronized RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        Instant now = clock.get();
        return refundQueried(refundRequestNo).filter(r -> r.outTradeNo().equals(orderNo))
                .map(r -> r.status(now).equals("SUCCESS") ? (RefundQueryResult) new RefundQueryResult.Refunded(r.refundFen())
                        : new RefundQueryResult.Unknown("refund " + refundRequestNo + " is PROCESSING"))
                .orElseGet(RefundQueryResult.NotFound::new);
    }

    public Instant now() {
        return clock.get();
    }

    private boolean payable(Order o) {
        return o.state == TradeState.NOTPAY && clock.get().isBefore(o.timeExpire);
    }

    /** A payment being confirmed becomes a payment once its time has come. */
    private void settle(Order o) {
        if (o.state != TradeState.USERPAYING || clock.get().isBefore(o.payingUntil)) {
            return;
        }
        o.state = TradeState.SUCCESS;
        o.paidFen = o.totalFen;
        o.paidAt = o.payingUntil;
        o.payingUntil = null;
        o.transactionId = "42000" + String.format("%023d", ++serial);
        o.openid = "oSim" + Integer.toUnsignedString(o.outTradeNo.hashCode(), 36) + "wx";
    }

    private static Trade snapshot(Order o) {
        return new Trade(o.outTradeNo, o.totalFen, o.description, o.timeExpire, o.state, o.paidFen, o.paidAt,
                o.transactionId, o.openid, Collections.unmodifiableMap(new LinkedHashMap<>(o.refunds)), o.scanned);
    }

    private static String codeUrl(String outTradeNo) {
        return "weixin://wxpay/bizpayurl?pr=sim" + Integer.toUnsignedString(outTradeNo.hashCode(), 36);
    }
}
