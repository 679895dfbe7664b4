package io.qrvend.terminal.payment.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.payment.http.DeadlineCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call to WeChat Pay API v3: the request signed (WECHATPAY2-SHA256-RSA2048), the answer read
 * within the call's deadline ({@link DeadlineCall}) and verified ({@link AnswerVerifier}) before a
 * byte of it is believed. Knows nothing of orders; {@link WechatPayGateway} makes sense of answers.
 *
 * <p>Every answer below 500 must verify, errors included: a forged {@code ORDER_NOT_EXIST} or
 * {@code ORDERPAID} would mislead the sale as much as a forged {@code SUCCESS}. A 5xx is unknown
 * whatever it says (it may come from a proxy and is never acted on). Verification failures and
 * answers about another merchant are logged on the {@code qrvend.security} logger.
 */
final class WechatExchange {
    private static final Logger log = LoggerFactory.getLogger(WechatExchange.class);
    private static final Logger security = LoggerFactory.getLogger("qrvend.security");
    /** An answer larger than this is not WeChat Pay's; reading stops there. */
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WechatConfig config;
    private final Clock clock;
    private final DeadlineCall http;
    private final AnswerVerifier verifier;

    WechatExchange(WechatConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = new DeadlineCall(config.gateway(), config.connectTimeout(), config.readTimeout(), MAX_BODY);
        this.verifier = new AnswerVerifier(config, clock);
    }

    /**
     * A verified answer, or why there is none ({@code unknown} set, nothing else).
     *
     * @param status the HTTP status of a verified answer
     * @param body its JSON object, or null for an empty body (a 204)
     * @param signedAt its {@code Wechatpay-Timestamp}, for the doctor's clock check
     */
    record Answer(int status, JsonNode body, Instant signedAt, String unknown) {
        static Answer unknown(String reason) {
            return new Answer(0, null, null, reason);
        }

        boolean success() {
            return unknown == null && status >= 200 && status < 300;
        }

        /** The error code of a verified 4xx ({@code ORDER_NOT_EXIST}, ...), or null. */
        String code() {
            return unknown == null && status >= 400 && body != null ? text(body, "code") : null;
        }

        String describe() {
            return unknown != null ? unknown : "HTTP " + status + " " + code() + " " + text(body, "message");
        }
    }

    Answer get(String what, String pathAndQuery) {
        return call(what, "GET", pathAndQuery, "");
    }

    Answer post(String what, String path, JsonNode body) {
        return call(what, "POST", path, body.toString());
    }

    private Answer call(String what, String method, String pathAndQuery, String body) {
        URI uri = URI.create(stripSlash(config.gateway().toString()) + pathAndQuery);
        // What WeChat Pay checks is the path it receives, so the signature covers the gateway's own path prefix too.
        String signedPath = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        long timestamp = clock.instant().getEpochSecond();
        String nonce = WechatSignature.nonce();
        String signature = WechatSignature.sign(WechatSignature.requestMessage(method, signedPath, timestamp, nonce, body),
                config.merchantKey());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.readTimeout())
                .header("Authorization", WechatSignature.authorization(config.mchid(), config.merchantSerial(), timestamp, nonce, signature))
                .header("Accept", "application/json")
                .header("User-Agent", "qrvend (WeChat Pay API v3 Native)");
        String answerKey = verifier.requestedSerial();
        if (answerKey != null) {
            request.header("Wechatpay-Serial", answerKey);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.GET();
        }
        DeadlineCall.Outcome outcome = http.send(request.build());
        if (outcome.failure() != null) {
            return unknown(what, outcome.failure());
        }
        return verified(what, outcome.response());
    }

    private Answer verified(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] raw = response.body();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return unknown(what, "HTTP " + status + (status >= 500 ? " (WeChat Pay's side; ask again)" : ""));
        }
        String problem = verifier.problem(response.headers(), raw);
        if (problem != null) {
            security.warn("security: wechat {}: rejected an HTTP {} answer: {}", what, status, problem);
            // WeChat Pay signs no answer to a request whose own signature failed (401 SIGN_ERROR): the
            // unverified code is shown, never acted on, so that a technician sees a wrong merchant key.
            String claims = status >= 400 ? claimedCode(raw) : null;
            return Answer.unknown("answer not verified: " + problem
                    + (claims != null ? "; HTTP " + status + " says " + claims + " (not believed)" : ""));
        }
        Instant signedAt = AnswerVerifier.signedAt(response.headers().firstValue("Wechatpay-Timestamp").orElse("").strip());
        JsonNode body = null;
        if (raw.length > 0) {
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                security.warn("security: wechat {}: rejected a signed HTTP {} answer that is not a JSON object", what, status);
                return Answer.unknown("malformed answer: not a JSON object");
            }
        } else if (status != 204) {
            return unknown(what, "HTTP " + status + " with an empty body");
        }
        if (status >= 400 && (body == null || text(body, "code") == null)) {
            return unknown(what, "HTTP " + status + " without an error code");
        }
        String otherMerchant = otherMerchant(body);
        if (otherMerchant != null) {
            security.warn("security: wechat {}: rejected a verified answer about another merchant: {}", what, otherMerchant);
            return Answer.unknown("answer about another merchant: " + otherMerchant);
        }
        return new Answer(status, body, signedAt, null);
    }

    /** Where an answer names a merchant or an app, they must be ours; the gateway checks the rest (order, amount). */
    private String otherMerchant(JsonNode body) {
        if (body == null) {
            return null;
        }
        for (String[] field : new String[][] {{"mchid", config.mchid()}, {"appid", config.appid()}}) {
            JsonNode named = body.get(field[0]);
            if (named != null && !(named.isTextual() && named.asText().equals(field[1]))) {
                return field[0] + " " + named + " is not ours (" + field[1] + ")";
            }
        }
        return null;
    }

    /** The error code an unverified answer claims, quoted short, or null. */
    private static String claimedCode(byte[] raw) {
        try {
            String code = text(JSON.readTree(raw), "code");
            return code == null ? null : Quoted.of(code);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Answer unknown(String what, String reason) {
        log.debug("wechat {}: {}", what, reason);
        return Answer.unknown(reason);
    }
}
