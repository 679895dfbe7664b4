package io.qrvend.terminal.payment.alipay;

import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.alipay.AlipayExchange.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay face-to-face payment (precreate, query, cancel, refund, refund query) on
 * {@code java.net.http} and {@code java.security}, without the official SDK.
 *
 * <p>Only a signature-verified answer is a fact. Anything else, whether a timeout, a reset, a
 * server error, {@code 20000}, {@code ACQ.SYSTEM_ERROR}, an unparseable, unsigned or mis-signed body,
 * is answered as unknown, and the sale asks again. Verification failures are logged on the
 * {@code qrvend.security} logger.
 * The envelope of each call (signing, the deadline, verification) is {@link AlipayExchange}'s; this
 * class maps verified answers onto the sale's results and checks they are about the order asked.
 */
public final class AlipayGateway implements PaymentGateway {
    private static final Logger security = LoggerFactory.getLogger("qrvend.security");

    private final AlipayExchange exchange;

    public AlipayGateway(AlipayConfig config, Clock clock) {
        this.exchange = new AlipayExchange(config, clock);
    }

    @Override
    public CreateResult create(OrderRequest order) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", order.orderNo());
        biz.put("total_amount", Money.format(order.amountFen()));
        biz.put("subject", order.subject());
        String expiry = minutesRoundedUp(order.expiresIn().toSeconds());  // exact for whole minutes
        biz.put("timeout_express", expiry);
        biz.put("qr_code_timeout_express", expiry);
        Answer a = exchange.call("alipay.trade.precreate", biz);
        if (a.unknown() != null) {
            return new CreateResult.Unknown(a.unknown());
        }
        if (a.success()) {
            String qr = a.response().text("qr_code");
            if (qr == null || qr.isBlank() || !order.orderNo().equals(a.response().text("out_trade_no"))) {
                return new CreateResult.Unknown(suspect("precreate answer without qr_code or for another order", order.orderNo()));
            }
            return new CreateResult.Created(qr);
        }
        if (a.retryable()) {
            return new CreateResult.Unknown(a.describe());
        }
        return new CreateResult.Rejected(a.code(), a.describe());
    }

    @Override
    public QueryResult query(String orderNo) {
        Answer a = exchange.call("alipay.trade.query", Map.of("out_trade_no", orderNo));
        if (a.unknown() != null) {
            return new QueryResult.Unknown(a.unknown());
        }
        if (!a.success()) {
            return "ACQ.TRADE_NOT_EXIST".equals(a.subCode()) ? new QueryResult.NotFound() : new QueryResult.Unknown(a.describe());
        }
        if (!orderNo.equals(a.response().text("out_trade_no"))) {
            return new QueryResult.Unknown(suspect("query answer for another order " + a.response().text("out_trade_no"), orderNo));
        }
        String status = String.valueOf(a.response().text("trade_status"));
        switch (status) {
            case "WAIT_BUYER_PAY":
                return new QueryResult.Waiting();
            case "TRADE_CLOSED":
                return new QueryResult.Closed();
            case "TRADE_SUCCESS":
            case "TRADE_FINISHED":
                try {
                    long paid = Money.parse(a.response().text("total_amount"));
                    return new QueryResult.Paid(paid, alipayTime(a.response().text("send_pay_date")));
                } catch (IllegalArgumentException e) {
                    return new QueryResult.Unknown(suspect("paid answer with a bad total_amount", orderNo));
                }
            default:
                return new QueryResult.Unknown("unexpected trade_status " + status);
        }
    }

    @Override
    public CancelResult cancel(String orderNo) {
        Answer a = exchange.call("alipay.trade.cancel", Map.of("out_trade_no", orderNo));
        if (a.unknown() != null) {
            return new CancelResult.Unknown(a.unknown());
        }
        if ("Y".equals(a.response().text("retry_flag"))) {
            return new CancelResult.RetryLater("retry_flag=Y " + a.describe());
        }
        if (!a.success()) {
            return "ACQ.TRADE_NOT_EXIST".equals(a.subCode()) ? new CancelResult.NotFound() : new CancelResult.Unknown(a.describe());
        }
        String action = String.valueOf(a.response().text("action"));
        return switch (action) {
            case "close" -> new CancelResult.Cancelled(false);
            case "refund" -> new CancelResult.Cancelled(true);
            default -> new CancelResult.Unknown("cancel answered without a known action: " + action);
        };
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", orderNo);
        biz.put("refund_amount", Money.format(amountFen));
        biz.put("out_request_no", refundRequestNo);
        biz.put("refund_reason", "vend failed");
        Answer a = exchange.call("alipay.trade.refund", biz);
        if (a.unknown() != null) {
            return new RefundResult.Unknown(a.unknown());
        }
        if (a.success()) {
            if (!orderNo.equals(a.response().text("out_trade_no"))) {
                return new RefundResult.Unknown(suspect("refund answer for another order", orderNo));
            }
            return new RefundResult.Refunded(amountFen);
        }
        return a.retryable() ? new RefundResult.Unknown(a.describe()) : new RefundResult.Rejected(a.code(), a.describe());
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", orderNo);
        biz.put("out_request_no", refundRequestNo);
        Answer a = exchange.call("alipay.trade.fastpay.refund.query", biz);
        if (a.unknown() != null) {
            return new RefundQueryResult.Unknown(a.unknown());
        }
        if (!a.success()) {
            return "ACQ.TRADE_NOT_EXIST".equals(a.subCode()) ? new RefundQueryResult.NotFound()
                    : new RefundQueryResult.Unknown(a.describe());
        }
        String amount = a.response().text("refund_amount");
        String status = a.response().text("refund_status");
        if (amount == null || amount.isEmpty() || (status != null && !"REFUND_SUCCESS".equals(status))) {
            return new RefundQueryResult.NotFound();
        }
        if (!refundRequestNo.equals(a.response().text("out_request_no"))) {
            return new RefundQueryResult.Unknown(suspect("refund query answer for another request", orderNo));
        }
        try {
            return new RefundQueryResult.Refunded(Money.parse(amount));
        } catch (IllegalArgumentException e) {
            return new RefundQueryResult.Unknown(suspect("refund query answer with a bad refund_amount", orderNo));
        }
    }

    /** A verified answer that contradicts our request: someone holds a valid key, or a bug does. */
    private static String suspect(String what, String orderNo) {
        security.warn("order {}: {}; treated as unknown", orderNo, what);
        return what;
    }

    /** Alipay's relative expiry takes whole minutes; rounding up never closes an order early. */
    static String minutesRoundedUp(long seconds) {
        return Math.max(1, (seconds + 59) / 60) + "m";
    }

    private static Instant alipayTime(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, AlipayExchange.TIME).toInstant(AlipayExchange.ALIPAY_ZONE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
