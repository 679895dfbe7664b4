package io.qrvend.sim.backend.wechat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The terminal's side of WeChat Pay v3 as a test needs it: requests signed per the spec with the
 * merchant key, on the JDK's HttpClient, and the check every answer must pass before it is believed.
 */
final class WechatTestClient {
    static final String MCHID = "1900000109";
    static final String APPID = "wxd678efh567hg6787";
    static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String KEY_ID = "PUB_KEY_ID_0119000001092025000000000001";

    private final URI base;
    private final PrivateKey merchantKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    String mchid = MCHID;
    String serial = SERIAL;
    long clockSkewSeconds;

    WechatTestClient(URI base, PrivateKey merchantKey) {
        this.base = base;
        this.merchantKey = merchantKey;
    }

    record Reply(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Reply send(String method, String target, String body) throws IOException, InterruptedException {
        return send(method, target, body, Duration.ofSeconds(10));
    }

    Reply send(String method, String target, String body, Duration timeout) throws IOException, InterruptedException {
        long ts = Instant.now().getEpochSecond() + clockSkewSeconds;
        String auth = WechatSignature.authorization(mchid, serial, merchantKey, method, target, ts, WechatSignature.nonce(), body);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(target)).timeout(timeout)
                .header("Authorization", auth).header("Accept", "application/json");
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers(), r.body());
    }

    Reply send(Request r) throws IOException, InterruptedException {
        return send(r.method(), r.target(), r.body());
    }

    /** One WeChat Pay call: what the test sends. */
    record Request(String method, String target, String body) {
    }

    static Request create(String orderNo, long fen) {
        return new Request("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + APPID + "\",\"mchid\":\"" + MCHID
                + "\",\"description\":\"Cola\",\"out_trade_no\":\"" + orderNo + "\",\"time_expire\":\"2026-11-22T16:05:00+08:00\","
                + "\"notify_url\":\"https://example.com/notify\",\"amount\":{\"total\":" + fen + ",\"currency\":\"CNY\"}}");
    }

    static Request query(String orderNo) {
        return new Request("GET", "/v3/pay/transactions/out-trade-no/" + orderNo + "?mchid=" + MCHID, "");
    }

    static Request close(String orderNo) {
        return new Request("POST", "/v3/pay/transactions/out-trade-no/" + orderNo + "/close", "{\"mchid\":\"" + MCHID + "\"}");
    }

    static Request refund(String orderNo, String refundNo, long fen, long total) {
        return new Request("POST", "/v3/refund/domestic/refunds", "{\"out_trade_no\":\"" + orderNo + "\",\"out_refund_no\":\""
                + refundNo + "\",\"reason\":\"vend failed\",\"amount\":{\"refund\":" + fen + ",\"total\":" + total
                + ",\"currency\":\"CNY\"}}");
    }

    static Request refundQuery(String refundNo) {
        return new Request("GET", "/v3/refund/domestic/refunds/" + refundNo, "");
    }

    /** Whether the answer carries WeChat Pay's valid signature under {@code keyId}, timestamped within 5 minutes. */
    static boolean verified(Reply r, PublicKey wechatPay, String keyId) {
        String ts = r.header("Wechatpay-Timestamp");
        String nonce = r.header("Wechatpay-Nonce");
        String sig = r.header("Wechatpay-Signature");
        if (ts == null || nonce == null || sig == null || !keyId.equals(r.header("Wechatpay-Serial"))) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) > 300) {
            return false;
        }
        return WechatSignature.verify(WechatSignature.responseMessage(Long.parseLong(ts), nonce, r.body()), sig, wechatPay);
    }
}
