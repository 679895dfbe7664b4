package io.qrvend.terminal.payment.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.terminal.payment.http.DeadlineCall;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call to the Alipay gateway: the request signed as the official SDK sends it, the answer read
 * within the call's deadline, and its signature verified. Knows nothing of trades; {@link AlipayGateway}
 * makes sense of what it returns.
 *
 * <p>Only a signature-verified answer is a fact. A timeout, a reset, a server error, an unparseable,
 * unsigned or mis-signed body, an answer about another merchant: each is an {@link Answer} with the
 * reason it is unknown. Verification failures are logged on the {@code qrvend.security} logger.
 *
 * <p>Every call ends within {@link AlipayConfig#callDeadline()}, body included ({@link DeadlineCall}):
 * a gateway that sends its headers and then drips the body is abandoned at the deadline and its
 * answer is unknown.
 */
final class AlipayExchange {
    private static final Logger log = LoggerFactory.getLogger(AlipayExchange.class);
    private static final Logger security = LoggerFactory.getLogger("qrvend.security");
    static final ZoneOffset ALIPAY_ZONE = ZoneOffset.ofHours(8);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** An answer larger than this is not Alipay's; reading stops there. */
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlipayConfig config;
    private final Clock clock;
    private final DeadlineCall http;

    AlipayExchange(AlipayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = new DeadlineCall(config.gateway(), config.connectTimeout(), config.readTimeout(), MAX_BODY);
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

    Answer call(String method, Map<String, Object> biz) {
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
        DeadlineCall.Outcome outcome = http.send(request);
        if (outcome.failure() != null) {
            return unknown(method, outcome.failure());
        }
        HttpResponse<byte[]> response = outcome.response();
        if (response.statusCode() != 200) {
            return unknown(method, "HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("text/html") && !type.startsWith("text/plain")) {
            return unknown(method, "unexpected content type '" + type + "'");
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
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

    private static Answer unknown(String method, String reason) {
        log.debug("{}: {}", method, reason);
        return new Answer(null, reason);
    }
}
