package io.qrvend.terminal.payment.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Every call ends within {@link AlipayConfig#callDeadline()}, body included: a gateway that sends
 * its headers and then drips the body is abandoned at the deadline and its answer is unknown, so
 * the single network thread is never held longer than that.
 */
public final class AlipayGateway implements PaymentGateway {
    private static final Logger log = LoggerFactory.getLogger(AlipayGateway.class);
    private static final Logger security = LoggerFactory.getLogger("qrvend.security");
    static final ZoneOffset ALIPAY_ZONE = ZoneOffset.ofHours(8);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** An answer larger than this is not Alipay's; reading stops there. */
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlipayConfig config;
    private final Clock clock;
    private final HttpClient http;

    public AlipayGateway(AlipayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
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
        Answer a = call("alipay.trade.precreate", biz);
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
        Answer a = call("alipay.trade.query", Map.of("out_trade_no", orderNo));
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
        Answer a = call("alipay.trade.cancel", Map.of("out_trade_no", orderNo));
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
        Answer a = call("alipay.trade.refund", biz);
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
        Answer a = call("alipay.trade.fastpay.refund.query", biz);
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

    /** The outcome of one call: a verified response, or why there is none. */
    record Answer(AlipayResponse response, String unknown) {
        String code() {
            return response.text("code");
        }

        String subCode() {
            return response.text("sub_code");
        }

        boolean success() {
            return "10000".equals(code());
        }

        /** Alipay's "result unknown, ask again" codes. */
        boolean retryable() {
            return "20000".equals(code()) || "ACQ.SYSTEM_ERROR".equals(subCode());
        }

        String describe() {
            return code() + " " + (subCode() != null ? subCode() : response.text("msg"));
        }
    }

    private Answer call(String method, Map<String, Object> biz) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", config.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", TIME.format(clock.instant().atOffset(ALIPAY_ZONE)));
        params.put("version", "1.0");
        try {
            params.put("biz_content", JSON.writeValueAsString(biz));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write biz_content", e);
        }
        params.put("sign", AlipaySignature.sign(AlipaySignature.requestContent(params), config.appPrivateKey()));
        // As the official SDK sends them: system parameters in the query string, biz_content in the form body.
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (!k.equals("biz_content")) {
                query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        String form = "biz_content=" + URLEncoder.encode(params.get("biz_content"), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.gateway() + "?" + query))
                .timeout(config.readTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        String body;
        BoundedBody reading = new BoundedBody(MAX_BODY);
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> reading);
        long deadline = config.callDeadline().toMillis();
        try {
            HttpResponse<byte[]> response = exchange.get(deadline, TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return unknown(method, "HTTP " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json") && !type.startsWith("text/html") && !type.startsWith("text/plain")) {
                return unknown(method, "unexpected content type '" + type + "'");
            }
            body = new String(response.body(), StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            abandon(exchange, reading);
            return unknown(method, "no whole answer within " + deadline + " ms (call abandoned)");
        } catch (InterruptedException e) {
            abandon(exchange, reading);
            Thread.currentThread().interrupt();
            return unknown(method, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BoundedBody.TooLarge) {
                return unknown(method, cause.getMessage());
            }
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                return unknown(method, "no answer within " + config.readTimeout().toMillis() + " ms");
            }
            return unknown(method, TransportFailure.describe(cause, config.gateway()));
        }
        AlipayResponse parsed;
        try {
            parsed = AlipayResponse.parse(body, method);
        } catch (AlipayResponse.Malformed e) {
            security.warn("{}: rejected a malformed answer: {}", method, e.getMessage());
            return new Answer(null, "malformed answer: " + e.getMessage());
        }
        if (parsed.sign() == null) {
            security.warn("{}: rejected an unsigned answer (code {})", method, parsed.text("code"));
            return new Answer(null, "unsigned answer");
        }
        if (!AlipaySignature.verify(parsed.signedText(), parsed.sign(), config.alipayPublicKey())) {
            security.warn("{}: rejected an answer whose signature does not verify with the Alipay public key (code {})",
                    method, parsed.text("code"));
            return new Answer(null, "signature does not verify");
        }
        if (parsed.text("code") == null) {
            return new Answer(null, "answer without a code");
        }
        String otherMerchant = otherMerchant(parsed);
        if (otherMerchant != null) {
            security.warn("{}: rejected a verified answer about another merchant: {}", method, otherMerchant);
            return new Answer(null, "answer about another merchant: " + otherMerchant);
        }
        return new Answer(parsed, null);
    }

    /**
     * Where an answer names a merchant, it must be ours, like its order number and amount. Alipay's
     * answers to the five calls made here carry no app id (only its notifications do), so this
     * holds only for an answer that names one: {@code app_id}, or {@code auth_app_id}, which equals
     * it when no one calls on the merchant's behalf, as here. A {@code seller_id} (the merchant's
     * 2088... account) cannot be checked: the configuration does not know it, and none of these
     * answers carries it.
     */
    private String otherMerchant(AlipayResponse answer) {
        for (String field : new String[] {"app_id", "auth_app_id"}) {
            JsonNode named = answer.node().get(field);
            if (named != null && !(named.isTextual() && named.asText().equals(config.appId()))) {
                return field + " " + named + " is not ours (" + config.appId() + ")";
            }
        }
        return null;
    }

    /** The exchange is dropped: no more reading, and the connection is closed rather than reused. */
    private static void abandon(CompletableFuture<?> exchange, BoundedBody reading) {
        reading.abandon();
        exchange.cancel(true);
    }

    private static Answer unknown(String method, String reason) {
        log.debug("{}: {}", method, reason);
        return new Answer(null, reason);
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
            return LocalDateTime.parse(text, TIME).toInstant(ALIPAY_ZONE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
