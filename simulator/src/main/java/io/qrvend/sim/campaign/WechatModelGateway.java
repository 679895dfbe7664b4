package io.qrvend.sim.campaign;

import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.backend.wechat.FakeWechatPay.Trade;
import io.qrvend.sim.backend.wechat.WechatRefusal;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.util.Optional;
import java.util.Set;

/**
 * The WeChat Pay model as the terminal's {@code WechatPayGateway} reports it once an answer has been
 * verified: the same mapping of trade states, error codes and refund statuses, without HTTP, so a
 * campaign runs a hundred thousand sales in minutes. The HTTP tests hold the real gateway to the
 * same mapping against the simulator's server.
 */
final class WechatModelGateway implements PaymentGateway {
    /** Codes WeChat Pay means as "try again": the gateway's unknown answers. */
    private static final Set<String> TRANSIENT = Set.of("SYSTEM_ERROR", "SYSTEMERROR", "FREQUENCY_LIMITED", "BANKERROR");

    private final FakeWechatPay backend;

    WechatModelGateway(FakeWechatPay backend) {
        this.backend = backend;
    }

    @Override
    public CreateResult create(OrderRequest order) {
        try {
            return new CreateResult.Created(backend.place(order.orderNo(), order.amountFen(), order.subject(),
                    backend.now().plus(order.expiresIn())));
        } catch (WechatRefusal r) {
            // An order number already used or paid: an earlier attempt may have placed this very order.
            if (TRANSIENT.contains(r.code()) || "OUT_TRADE_NO_USED".equals(r.code()) || "ORDERPAID".equals(r.code())) {
                return new CreateResult.Unknown(r.code());
            }
            return new CreateResult.Rejected(r.code(), r.getMessage());
        }
    }

    @Override
    public QueryResult query(String orderNo) {
        Optional<Trade> found = backend.queried(orderNo);
        if (found.isEmpty()) {
            return new QueryResult.NotFound();
        }
        Trade t = found.get();
        return switch (t.state()) {
            case SUCCESS -> new QueryResult.Paid(t.paidFen(), t.paidAt());
            case NOTPAY, USERPAYING -> new QueryResult.Waiting();
            case CLOSED, REFUND -> new QueryResult.Closed();
        };
    }

    @Override
    public CancelResult cancel(String orderNo) {
        try {
            backend.close(orderNo);
        } catch (WechatRefusal r) {
            if ("ORDER_NOT_EXIST".equals(r.code())) {
                return new CancelResult.NotFound();
            }
            if (!"ORDERPAID".equals(r.code())) {
                return new CancelResult.Unknown(r.code());
            }
        }
        // Closing never refunds: only the order's state after the close says what became of it.
        return query(orderNo).match(
                notFound -> new CancelResult.Unknown("closed, but the query finds no order"),
                waiting -> new CancelResult.RetryLater("closed, but the order is still payable"),
                paid -> new CancelResult.PaidInstead(paid.amountFen(), paid.paidAt()),
                closed -> new CancelResult.Cancelled(false),
                unknown -> new CancelResult.Unknown(unknown.reason()));
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        Optional<Trade> order = backend.trade(orderNo);
        if (order.isEmpty()) {
            return new RefundResult.Rejected("ORDER_NOT_EXIST", "no such order");
        }
        try {
            FakeWechatPay.Refund r = backend.refund(orderNo, refundRequestNo, amountFen, order.get().totalFen());
            return "SUCCESS".equals(r.status(backend.now())) ? new RefundResult.Refunded(r.refundFen())
                    : new RefundResult.Unknown("refund " + refundRequestNo + " PROCESSING");
        } catch (WechatRefusal r) {
            return TRANSIENT.contains(r.code()) ? new RefundResult.Unknown(r.code()) : new RefundResult.Rejected(r.code(), r.getMessage());
        }
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        Optional<FakeWechatPay.Refund> found = backend.refundQueried(refundRequestNo);
        if (found.isEmpty()) {
            return new RefundQueryResult.NotFound();
        }
        FakeWechatPay.Refund r = found.get();
        return "SUCCESS".equals(r.status(backend.now())) ? new RefundQueryResult.Refunded(r.refundFen())
                : new RefundQueryResult.Unknown("refund " + refundRequestNo + " " + r.status(backend.now()));
    }
}
