package io.qrvend.terminal.payment.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.wechat.WechatExchange.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay API v3 Native payment (place order, query, close, refund, refund query) on
 * {@code java.net.http} and {@code java.security}, without the official SDK.
 *
 * <p>Only a verified answer about this sale is a fact ({@link WechatExchange} verifies; this class
 * checks the answer is about the order, merchant and amount asked). Anything else, a timeout, a 5xx,
 * {@code SYSTEM_ERROR}, a garbled, unsigned or mis-signed body, is unknown and the sale asks again.
 *
 * <p>Closing a WeChat order never gives money back (unlike Alipay's cancel), so {@link #cancel} closes
 * and then asks once more: an order found paid is {@link CancelResult.PaidInstead}, for the sale to
 * refund.
 */
public final class WechatPayGateway implements PaymentGateway {
    private static final Logger security = LoggerFactory.getLogger("qrvend.security");
    /** "Ask again later" codes: the state of the order is not known from them. */
    private static final Set<String> TRANSIENT = Set.of("SYSTEM_ERROR", "FREQUENCY_LIMITED", "BANKERROR");

    private final WechatConfig config;
    private final Clock clock;
    private final WechatExchange exchange;
    private final PlacedOrders placed = new PlacedOrders();

    public WechatPayGateway(WechatConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.exchange = new WechatExchange(config, clock);
    }

    @Override
    public CreateResult create(OrderRequest order) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("appid", config.appid());
        body.put("mchid", config.mchid());
        body.put("description", OrderFields.description(order.subject()));
        body.put("out_trade_no", order.orderNo());
        body.put("time_expire", placed.place(order, clock.instant()).timeExpire());
        body.put("notify_url", config.notifyUrl().toString());
        body.putObject("amount").put("total", order.amountFen()).put("currency", "CNY");
        Answer a = exchange.post("create " + order.orderNo(), "/v3/pay/transactions/native", body);
        if (a.unknown() != null) {
            return new CreateResult.Unknown(a.unknown());
        }
        if (a.success()) {
            String codeUrl = WechatExchange.text(a.body(), "code_url");
            if (codeUrl == null || codeUrl.isBlank()) {
                return new CreateResult.Unknown(suspect("place-order answer without a code_url", order.orderNo()));
            }
            return new CreateResult.Created(codeUrl);
        }
        String code = a.code();
        // An order number already used, or already paid, means an earlier attempt of ours may have
        // placed this very order: the sale must not forget it as refused, but query and close it.
        if (TRANSIENT.contains(code) || "OUT_TRADE_NO_USED".equals(code) || "ORDERPAID".equals(code)) {
            return new CreateResult.Unknown(a.describe());
        }
        return new CreateResult.Rejected(code, a.describe());
    }

    @Override
    public QueryResult query(String orderNo) {
        Answer a = queryOrder(orderNo);
        if (a.unknown() != null) {
            return new QueryResult.Unknown(a.unknown());
        }
        if (!a.success()) {
            return "ORDER_NOT_EXIST".equals(a.code()) ? new QueryResult.NotFound() : new QueryResult.Unknown(a.describe());
        }
        String mismatch = notAbout(a.body(), orderNo);
        if (mismatch != null) {
            return new QueryResult.Unknown(suspect(mismatch, orderNo));
        }
        String state = String.valueOf(WechatExchange.text(a.body(), "trade_state"));
        switch (state) {
            case "SUCCESS":
                return paid(a.body(), orderNo);
            case "NOTPAY":
            case "USERPAYING":
            case "ACCEPT":
                // The order exists and can still be paid (USERPAYING: the customer is entering a
                // password; ACCEPT: accepted, the debit is pending). WeChat has no "scanned" state.
                return new QueryResult.Waiting();
            case "PAYERROR":
                // A failed attempt (e.g. the bank refused the card) is not the end of a Native order:
                // the customer may try again with another card until it is closed. Closed here would
                // end the sale without a close, and a later payment would find no sale; Waiting lets
                // the sale close the order at its deadline and look once more, as for any unpaid order.
                return new QueryResult.Waiting();
            case "CLOSED":
            case "REVOKED":
                return new QueryResult.Closed();
            case "REFUND":
                // Paid, and a refund (ours or the merchant's by hand) has started. Never Paid: that
                // would vend goods whose money is going back. Closed, as Alipay answers TRADE_CLOSED
                // after a full refund; the terminal's own refunds are followed by refund query.
                return new QueryResult.Closed();
            default:
                return new QueryResult.Unknown("unexpected trade_state " + state);
        }
    }

    @Override
    public CancelResult cancel(String orderNo) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("mchid", config.mchid());
        Answer a = exchange.post("close " + orderNo, "/v3/pay/transactions/out-trade-no/" + encode(orderNo) + "/close", body);
        if (a.unknown() != null) {
            return new CancelResult.Unknown(a.unknown());
        }
        String code = a.code();
        if (a.status() == 204 || "ORDER_CLOSED".equals(code) || "ORDERPAID".equals(code)) {
            // Closing never refunds: only the order's state after the close says what became of it.
            return afterClose(orderNo, code);
        }
        if ("ORDER_NOT_EXIST".equals(code)) {
            return new CancelResult.NotFound();
        }
        return new CancelResult.Unknown(a.describe());
    }

    private CancelResult afterClose(String orderNo, String closeCode) {
        String said = closeCode == null ? "closed" : closeCode;
        return query(orderNo).match(
                notFound -> new CancelResult.Unknown("close answered " + said + " but the query finds no order"),
                waiting -> new CancelResult.RetryLater("close answered " + said + " but the order is still payable"),
                paid -> new CancelResult.PaidInstead(paid.amountFen(), paid.paidAt()),
                closed -> new CancelResult.Cancelled(false),
                unknown -> new CancelResult.Unknown("close answered " + said + "; the query after it: " + unknown.reason()));
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        // WeChat wants the order's total beside the refund; the verified order says what it is.
        Answer order = queryOrder(orderNo);
        if (order.unknown() != null) {
            return new RefundResult.Unknown("query before the refund: " + order.unknown());
        }
        if (!order.success()) {
            return TRANSIENT.contains(order.code()) ? new RefundResult.Unknown("query before the refund: " + order.describe())
                    : new RefundResult.Rejected(order.code(), "query before the refund: " + order.describe());
        }
        String mismatch = notAbout(order.body(), orderNo);
        if (mismatch != null) {
            return new RefundResult.Unknown(suspect(mismatch, orderNo));
        }
        Long total = OrderFields.amount(order.body(), "total");
        if (total == null) {
            return new RefundResult.Unknown(suspect("order answer without amount.total", orderNo));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("out_trade_no", orderNo);
        body.put("out_refund_no", refundRequestNo);
        body.put("reason", "vending machine refund");
        body.putObject("amount").put("refund", amountFen).put("total", total).put("currency", "CNY");
        Answer a = exchange.post("refund " + refundRequestNo, "/v3/refund/domestic/refunds", body);
        if (a.unknown() != null) {
            return new RefundResult.Unknown(a.unknown());
        }
        if (!a.success()) {
            return TRANSIENT.contains(a.code()) ? new RefundResult.Unknown(a.describe()) : new RefundResult.Rejected(a.code(), a.describe());
        }
        String wrong = notAboutRefund(a.body(), orderNo, refundRequestNo);
        if (wrong == null && !Long.valueOf(amountFen).equals(OrderFields.amount(a.body(), "refund"))) {
            wrong = "refund answer for another amount " + a.body().get("amount");
        }
        if (wrong != null) {
            return new RefundResult.Unknown(suspect(wrong, orderNo));
        }
        String status = String.valueOf(WechatExchange.text(a.body(), "status"));
        switch (status) {
            case "SUCCESS":
                return new RefundResult.Refunded(amountFen);
            case "PROCESSING":
                // Accepted, not made: never "done". The sale asks the refund query until it is.
                return new RefundResult.Unknown("refund " + refundRequestNo + " PROCESSING");
            case "CLOSED":
            case "ABNORMAL":
                // ABNORMAL: the customer's card or account cannot take the money back; it takes a
                // person in the merchant platform. The sale keeps asking and alerts.
                return new RefundResult.Rejected(status, "refund " + refundRequestNo + " " + status);
            default:
                return new RefundResult.Unknown("unexpected refund status " + status);
        }
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        Answer a = exchange.get("refund query " + refundRequestNo, "/v3/refund/domestic/refunds/" + encode(refundRequestNo));
        if (a.unknown() != null) {
            return new RefundQueryResult.Unknown(a.unknown());
        }
        if (!a.success()) {
            // WeChat answers an unknown refund number with RESOURCE_NOT_EXISTS; older pages say ORDER_NOT_EXIST.
            return "RESOURCE_NOT_EXISTS".equals(a.code()) || "ORDER_NOT_EXIST".equals(a.code())
                    ? new RefundQueryResult.NotFound() : new RefundQueryResult.Unknown(a.describe());
        }
        String wrong = notAboutRefund(a.body(), orderNo, refundRequestNo);
        if (wrong != null) {
            return new RefundQueryResult.Unknown(suspect(wrong, orderNo));
        }
        String status = String.valueOf(WechatExchange.text(a.body(), "status"));
        Long refunded = OrderFields.amount(a.body(), "refund");
        if ("SUCCESS".equals(status)) {
            return refunded == null ? new RefundQueryResult.Unknown(suspect("refund answer without amount.refund", orderNo))
                    : new RefundQueryResult.Refunded(refunded);
        }
        // PROCESSING is not done; CLOSED and ABNORMAL exist under this number, so sending it again
        // is no use (NotFound would say it is): unknown, and the sale keeps asking and alerting.
        return new RefundQueryResult.Unknown("refund " + refundRequestNo + " " + status);
    }

    /**
     * What {@code qrvend doctor} learns from a signed query of an order that cannot exist: whether
     * WeChat Pay's answer verified (a signed {@code ORDER_NOT_EXIST} proves the merchant key, serial,
     * public key and its ID right), and how far its signing time is from this machine's clock.
     *
     * @param clockSkew the answer's {@code Wechatpay-Timestamp} minus our clock, or null without a verified answer
     */
    public record Probe(boolean verified, String detail, Duration clockSkew) {
    }

    public Probe probe(String impossibleOrderNo) {
        Answer a = queryOrder(impossibleOrderNo);
        if (a.unknown() != null) {
            return new Probe(false, a.unknown(), null);
        }
        Duration skew = a.signedAt() == null ? null : Duration.between(clock.instant(), a.signedAt());
        if ("ORDER_NOT_EXIST".equals(a.code())) {
            return new Probe(true, "signed query answered ORDER_NOT_EXIST, signature verified", skew);
        }
        return new Probe(false, "unexpected answer for an order that cannot exist: " + a.describe(), skew);
    }

    /** The verified answer about the order, for query and for the refund's total. */
    private Answer queryOrder(String orderNo) {
        return exchange.get("query " + orderNo, "/v3/pay/transactions/out-trade-no/" + encode(orderNo) + "?mchid=" + encode(config.mchid()));
    }

    private QueryResult paid(JsonNode body, String orderNo) {
        Long total = OrderFields.amount(body, "total");
        if (total == null || total <= 0) {
            return new QueryResult.Unknown(suspect("paid answer without a valid amount.total", orderNo));
        }
        return new QueryResult.Paid(total, OrderFields.wechatTime(WechatExchange.text(body, "success_time")));
    }

    /**
     * Why an order answer is not about what we asked, or null: it must name our merchant and app
     * (the exchange refuses others; here they must be there), this order number, and, when this
     * gateway placed the order, the amount it asked.
     */
    private String notAbout(JsonNode body, String orderNo) {
        if (!config.mchid().equals(WechatExchange.text(body, "mchid")) || !config.appid().equals(WechatExchange.text(body, "appid"))) {
            return "order answer without our mchid and appid";
        }
        String answered = WechatExchange.text(body, "out_trade_no");
        if (!orderNo.equals(answered)) {
            return "order answer for another order " + answered;
        }
        Long asked = placed.amountAsked(orderNo);
        Long total = OrderFields.amount(body, "total");
        if (asked != null && total != null && !asked.equals(total)) {
            return "order answer for another amount: " + total + " fen, asked " + asked;
        }
        return null;
    }

    private static String notAboutRefund(JsonNode body, String orderNo, String refundRequestNo) {
        if (!refundRequestNo.equals(WechatExchange.text(body, "out_refund_no"))) {
            return "refund answer for another refund " + WechatExchange.text(body, "out_refund_no");
        }
        if (!orderNo.equals(WechatExchange.text(body, "out_trade_no"))) {
            return "refund answer for another order " + WechatExchange.text(body, "out_trade_no");
        }
        return null;
    }

    /** A verified answer that contradicts our request: someone holds a valid key, or a bug does. */
    private static String suspect(String what, String orderNo) {
        security.warn("security: wechat order {}: {}; treated as unknown", orderNo, what);
        return what;
    }

    private static String encode(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8);
    }
}
