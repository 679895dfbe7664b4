package io.qrvend.terminal.payment.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.RsaSignature;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a stub WeChat Pay on loopback (JDK HttpServer) that answers exactly what each
 * test sets per call, signed with the test WeChat Pay key or not: everything that is not a verified
 * answer about this sale must come out unknown, and every state and code maps as documented.
 */
class WechatPayGatewayTest {
    static final String ORDER = "T1_261122_00000001";
    static final String REFUND_NO = ORDER + "R1";
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final String QUERY = "GET /v3/pay/transactions/out-trade-no/" + ORDER;
    static final String CLOSE = "POST /v3/pay/transactions/out-trade-no/" + ORDER + "/close";
    static final String CREATE = "POST /v3/pay/transactions/native";
    static final String REFUND = "POST /v3/refund/domestic/refunds";
    static final String REFUND_QUERY = "GET /v3/refund/domestic/refunds/" + REFUND_NO;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService threads;
    WechatPayGateway gateway;
    PrivateKey wechatpay;
    /** What the stub answers, by "METHOD path" (query string left out). */
    final Map<String, Reply> replies = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    record Reply(int status, String body, boolean sign, Instant signedAt, String serial) {
    }

    record Seen(String method, String pathAndQuery, String authorization, String body, String wechatpaySerial) {
    }

    @BeforeEach
    void start() throws Exception {
        wechatpay = WechatTestKeys.wechatpayPrivate(dir);
        threads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            try (ex) {
                URI uri = ex.getRequestURI();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(new Seen(ex.getRequestMethod(), uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""),
                        ex.getRequestHeaders().getFirst("Authorization"), body, ex.getRequestHeaders().getFirst("Wechatpay-Serial")));
                Reply reply = replies.get(ex.getRequestMethod() + " " + uri.getRawPath());
                if (reply == null) {
                    reply = signed(404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such path in this test\"}");
                }
                if (reply.status() == 0) {
                    release.await(30, TimeUnit.SECONDS);
                    return;
                }
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                if (reply.sign()) {
                    String timestamp = String.valueOf(reply.signedAt().getEpochSecond());
                    String nonce = WechatSignature.nonce();
                    ex.getResponseHeaders().set("Wechatpay-Timestamp", timestamp);
                    ex.getResponseHeaders().set("Wechatpay-Nonce", nonce);
                    ex.getResponseHeaders().set("Wechatpay-Serial", reply.serial());
                    ex.getResponseHeaders().set("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
                    ex.getResponseHeaders().set("Wechatpay-Signature",
                            RsaSignature.sign(WechatSignature.answerMessage(timestamp, nonce, bytes), wechatpay));
                }
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.getResponseHeaders().set("Request-ID", "08F78BB5AF0610D302A51A0D06AD");
                ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        gateway = gateway(Duration.ofSeconds(2), Duration.ofSeconds(3)); // generous: a loaded machine
    }

    WechatPayGateway gateway(Duration connect, Duration read) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new WechatPayGateway(WechatTestKeys.config(dir, base, connect, read), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    Reply signed(int status, String body) {
        return new Reply(status, body, true, NOW, WechatTestKeys.PUBLIC_KEY_ID);
    }

    void answer(String call, int status, String body) {
        replies.put(call, signed(status, body));
    }

    static String transaction(String state, long total) {
        return transaction(WechatTestKeys.MCHID, WechatTestKeys.APPID, ORDER, state, total);
    }

    static String transaction(String mchid, String appid, String order, String state, long total) {
        String paid = state.equals("SUCCESS") || state.equals("REFUND")
                ? ",\"transaction_id\":\"4200001234202611220000000001\",\"success_time\":\"2026-11-22T16:00:05+08:00\","
                        + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}" : "";
        return "{\"mchid\":\"" + mchid + "\",\"appid\":\"" + appid + "\",\"out_trade_no\":\"" + order + "\",\"trade_type\":\"NATIVE\","
                + "\"trade_state\":\"" + state + "\",\"trade_state_desc\":\"" + state + "\"" + paid
                + ",\"amount\":{\"total\":" + total + ",\"payer_total\":" + total + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
    }

    static String error(String code) {
        return "{\"code\":\"" + code + "\",\"message\":\"" + code + " in this test\"}";
    }

    static String refundAnswer(String status, long refund, long total) {
        return "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"" + REFUND_NO + "\",\"transaction_id\":"
                + "\"4200001234202611220000000001\",\"out_trade_no\":\"" + ORDER + "\",\"channel\":\"ORIGINAL\",\"status\":\"" + status
                + "\",\"amount\":{\"refund\":" + refund + ",\"total\":" + total + ",\"currency\":\"CNY\"}}";
    }

    // ---- requests ----

    @Test
    void thePlaceOrderRequestIsSignedAndCarriesWhatWechatPayNeeds() throws Exception {
        answer(CREATE, 200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}");
        CreateResult r = gateway.create(new OrderRequest(ORDER, 350, "可乐 Cola", Duration.ofSeconds(150)));
        assertEquals(new CreateResult.Created("weixin://wxpay/bizpayurl?pr=p4lpSuKzz"), r);
        Seen request = seen.get(0);
        JsonNode body = JSON.readTree(request.body());
        assertEquals(WechatTestKeys.APPID, body.get("appid").asText());
        assertEquals(WechatTestKeys.MCHID, body.get("mchid").asText());
        assertEquals("可乐 Cola", body.get("description").asText());
        assertEquals(ORDER, body.get("out_trade_no").asText());
        assertEquals("2026-11-22T16:02:30+08:00", body.get("time_expire").asText(), "now + 150 s, at +08:00");
        assertEquals(WechatTestKeys.NOTIFY.toString(), body.get("notify_url").asText());
        assertEquals(350, body.get("amount").get("total").asLong());
        assertEquals("CNY", body.get("amount").get("currency").asText());
        assertSignedByUs(request);
    }

    @Test
    void aRetriedPlaceOrderSendsTheFirstTimeExpire() throws Exception {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        WechatPayGateway retrying = new WechatPayGateway(WechatTestKeys.config(dir,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(2), Duration.ofSeconds(3)), moving);
        answer(CREATE, 500, error("SYSTEM_ERROR"));
        assertInstanceOf(CreateResult.Unknown.class, retrying.create(new OrderRequest(ORDER, 350, "Cola", Duration.ofSeconds(150))));
        now[0] = NOW.plusSeconds(4);
        replies.put(CREATE, new Reply(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}", true, now[0],
                WechatTestKeys.PUBLIC_KEY_ID));
        retrying.create(new OrderRequest(ORDER, 350, "Cola", Duration.ofSeconds(150)));
        assertEquals("2026-11-22T16:02:30+08:00", JSON.readTree(seen.get(1).body()).get("time_expire").asText(),
                "WeChat keeps an order's first time_expire and refuses a repeat with other parameters");
    }

    @Test
    void everyCallIsSignedOverItsPathQueryAndBody() {
        answer(QUERY, 200, transaction("NOTPAY", 350));
        gateway.query(ORDER);
        answer(CLOSE, 204, "");
        gateway.cancel(ORDER);
        answer(REFUND_QUERY, 200, refundAnswer("SUCCESS", 350, 350));
        gateway.queryRefund(ORDER, REFUND_NO);
        assertEquals("/v3/pay/transactions/out-trade-no/" + ORDER + "?mchid=" + WechatTestKeys.MCHID, seen.get(0).pathAndQuery());
        assertEquals("{\"mchid\":\"" + WechatTestKeys.MCHID + "\"}", seen.get(1).body());
        for (Seen request : seen) {
            assertSignedByUs(request);
        }
    }

    private void assertSignedByUs(Seen request) {
        Matcher m = Pattern.compile("WECHATPAY2-SHA256-RSA2048 mchid=\"(\\d+)\",nonce_str=\"(\\w{32})\",timestamp=\"(\\d+)\","
                + "serial_no=\"(\\w+)\",signature=\"([^\"]+)\"").matcher(request.authorization());
        assertTrue(m.matches(), request.authorization());
        assertEquals(WechatTestKeys.MCHID, m.group(1));
        assertEquals(String.valueOf(NOW.getEpochSecond()), m.group(3));
        assertEquals(WechatTestKeys.MERCHANT_SERIAL, m.group(4));
        assertEquals(WechatTestKeys.PUBLIC_KEY_ID, request.wechatpaySerial(), "asks WeChat Pay to sign with the key we hold");
        String message = WechatSignature.requestMessage(request.method(), request.pathAndQuery(), Long.parseLong(m.group(3)), m.group(2),
                request.body());
        assertTrue(RsaSignature.verify(message, m.group(5), WechatTestKeys.merchantPublic(dir)), request.toString());
    }

    // ---- mappings ----

    @Test
    void everyTradeStateMaps() {
        answer(QUERY, 200, transaction("SUCCESS", 350));
        assertEquals(new QueryResult.Paid(350, Instant.parse("2026-11-22T08:00:05Z")), gateway.query(ORDER));
        Map<String, QueryResult> expected = Map.of("NOTPAY", new QueryResult.Waiting(), "USERPAYING", new QueryResult.Waiting(),
                "ACCEPT", new QueryResult.Waiting(), "PAYERROR", new QueryResult.Waiting(), "CLOSED", new QueryResult.Closed(),
                "REVOKED", new QueryResult.Closed(), "REFUND", new QueryResult.Closed());
        expected.forEach((state, result) -> {
            answer(QUERY, 200, transaction(state, 350));
            assertEquals(result, gateway.query(ORDER), state);
        });
        answer(QUERY, 200, transaction("SOMETHING_NEW", 350));
        assertEquals(new QueryResult.Unknown("unexpected trade_state SOMETHING_NEW"), gateway.query(ORDER));
    }

    @Test
    void errorCodesMap() {
        answer(QUERY, 404, error("ORDER_NOT_EXIST"));
        assertEquals(new QueryResult.NotFound(), gateway.query(ORDER));
        for (int status : new int[] {500, 502, 503}) {
            answer(QUERY, status, error("SYSTEM_ERROR"));
            assertEquals(new QueryResult.Unknown("HTTP " + status + " (WeChat Pay's side; ask again)"), gateway.query(ORDER));
        }
        answer(QUERY, 429, error("FREQUENCY_LIMITED"));
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER));
        answer(QUERY, 401, error("SIGN_ERROR"));
        assertEquals(new QueryResult.Unknown("HTTP 401 SIGN_ERROR SIGN_ERROR in this test"), gateway.query(ORDER));

        answer(CREATE, 400, error("PARAM_ERROR"));
        assertEquals(new CreateResult.Rejected("PARAM_ERROR", "HTTP 400 PARAM_ERROR PARAM_ERROR in this test"), create());
        for (String code : List.of("SYSTEM_ERROR", "FREQUENCY_LIMITED", "OUT_TRADE_NO_USED", "ORDERPAID")) {
            answer(CREATE, code.equals("SYSTEM_ERROR") ? 500 : 403, error(code));
            assertInstanceOf(CreateResult.Unknown.class, create(), code + ": the order may exist; never forgotten as refused");
        }
        answer(CREATE, 200, "{\"prepay_id\":\"x\"}");
        assertEquals(new CreateResult.Unknown("place-order answer without a code_url"), create());
    }

    private CreateResult create() {
        return gateway.create(new OrderRequest(ORDER, 350, "Cola", Duration.ofSeconds(150)));
    }

    // ---- close, then query once more ----

    @Test
    void aCloseIsFollowedByAQueryThatDecides() {
        answer(CLOSE, 204, "");
        answer(QUERY, 200, transaction("CLOSED", 350));
        assertEquals(new CancelResult.Cancelled(false), gateway.cancel(ORDER));
        assertEquals(List.of("POST", "GET"), seen.stream().map(Seen::method).toList(), "closed, then asked once more");

        answer(QUERY, 200, transaction("SUCCESS", 350));
        assertEquals(new CancelResult.PaidInstead(350, Instant.parse("2026-11-22T08:00:05Z")), gateway.cancel(ORDER),
                "paid during the close: closing gave nothing back");

        answer(QUERY, 200, transaction("NOTPAY", 350));
        assertInstanceOf(CancelResult.RetryLater.class, gateway.cancel(ORDER));
        answer(QUERY, 500, error("SYSTEM_ERROR"));
        assertInstanceOf(CancelResult.Unknown.class, gateway.cancel(ORDER));
    }

    @Test
    void closeErrorsMap() {
        answer(CLOSE, 400, error("ORDERPAID"));
        answer(QUERY, 200, transaction("SUCCESS", 350));
        assertEquals(new CancelResult.PaidInstead(350, Instant.parse("2026-11-22T08:00:05Z")), gateway.cancel(ORDER));
        answer(CLOSE, 400, error("ORDER_CLOSED"));
        answer(QUERY, 200, transaction("CLOSED", 350));
        assertEquals(new CancelResult.Cancelled(false), gateway.cancel(ORDER));
        answer(CLOSE, 404, error("ORDER_NOT_EXIST"));
        assertEquals(new CancelResult.NotFound(), gateway.cancel(ORDER));
        answer(CLOSE, 500, error("SYSTEM_ERROR"));
        assertInstanceOf(CancelResult.Unknown.class, gateway.cancel(ORDER));
        replies.put(CLOSE, new Reply(204, "", false, NOW, WechatTestKeys.PUBLIC_KEY_ID));
        assertEquals(new CancelResult.Unknown("answer not verified: no Wechatpay-Timestamp header (unsigned answer)"), gateway.cancel(ORDER),
                "an unsigned 204 closed nothing we know of");
    }

    // ---- refunds ----

    @Test
    void aRefundSendsTheOrdersVerifiedTotalAndMapsEveryStatus() throws Exception {
        answer(QUERY, 200, transaction("SUCCESS", 350));
        answer(REFUND, 200, refundAnswer("SUCCESS", 350, 350));
        assertEquals(new RefundResult.Refunded(350), gateway.refund(ORDER, REFUND_NO, 350));
        JsonNode sent = JSON.readTree(seen.get(1).body());
        assertEquals(ORDER, sent.get("out_trade_no").asText());
        assertEquals(REFUND_NO, sent.get("out_refund_no").asText());
        assertEquals(350, sent.get("amount").get("refund").asLong());
        assertEquals(350, sent.get("amount").get("total").asLong());
        assertEquals("CNY", sent.get("amount").get("currency").asText());

        answer(REFUND, 200, refundAnswer("PROCESSING", 350, 350));
        assertEquals(new RefundResult.Unknown("refund " + REFUND_NO + " PROCESSING"), gateway.refund(ORDER, REFUND_NO, 350),
                "accepted is not done");
        answer(REFUND, 200, refundAnswer("ABNORMAL", 350, 350));
        assertEquals(new RefundResult.Rejected("ABNORMAL", "refund " + REFUND_NO + " ABNORMAL"), gateway.refund(ORDER, REFUND_NO, 350));
        answer(REFUND, 200, refundAnswer("CLOSED", 350, 350));
        assertInstanceOf(RefundResult.Rejected.class, gateway.refund(ORDER, REFUND_NO, 350));
        answer(REFUND, 403, error("NOT_ENOUGH"));
        assertEquals(new RefundResult.Rejected("NOT_ENOUGH", "HTTP 403 NOT_ENOUGH NOT_ENOUGH in this test"),
                gateway.refund(ORDER, REFUND_NO, 350));
        answer(REFUND, 500, error("SYSTEM_ERROR"));
        assertInstanceOf(RefundResult.Unknown.class, gateway.refund(ORDER, REFUND_NO, 350));
        answer(REFUND, 200, refundAnswer("SUCCESS", 1, 350));
        assertInstanceOf(RefundResult.Unknown.class, gateway.refund(ORDER, REFUND_NO, 350), "a refund of another amount");

        // After a refund started, the order is REFUND: its total is still what the refund needs.
        answer(QUERY, 200, transaction("REFUND", 350));
        answer(REFUND, 200, refundAnswer("SUCCESS", 350, 350));
        assertEquals(new RefundResult.Refunded(350), gateway.refund(ORDER, REFUND_NO, 350));
        answer(QUERY, 500, error("SYSTEM_ERROR"));
        assertInstanceOf(RefundResult.Unknown.class, gateway.refund(ORDER, REFUND_NO, 350), "no verified total, no refund sent");
    }

    @Test
    void everyRefundQueryStatusMaps() {
        answer(REFUND_QUERY, 200, refundAnswer("SUCCESS", 350, 350));
        assertEquals(new RefundQueryResult.Refunded(350), gateway.queryRefund(ORDER, REFUND_NO));
        for (String status : List.of("PROCESSING", "CLOSED", "ABNORMAL")) {
            answer(REFUND_QUERY, 200, refundAnswer(status, 350, 350));
            assertEquals(new RefundQueryResult.Unknown("refund " + REFUND_NO + " " + status), gateway.queryRefund(ORDER, REFUND_NO), status);
        }
        answer(REFUND_QUERY, 404, error("RESOURCE_NOT_EXISTS"));
        assertEquals(new RefundQueryResult.NotFound(), gateway.queryRefund(ORDER, REFUND_NO));
        answer(REFUND_QUERY, 500, error("SYSTEM_ERROR"));
        assertInstanceOf(RefundQueryResult.Unknown.class, gateway.queryRefund(ORDER, REFUND_NO));
        answer(REFUND_QUERY, 200, refundAnswer("SUCCESS", 350, 350).replace("\"out_trade_no\":\"" + ORDER, "\"out_trade_no\":\"T1_261122_00000002"));
        assertEquals(new RefundQueryResult.Unknown("refund answer for another order T1_261122_00000002"),
                gateway.queryRefund(ORDER, REFUND_NO));
    }

    // ---- answers that must not be believed ----

    @Test
    void aPaidAnswerThatIsNotVerifiedIsNeverPaid() {
        replies.put(QUERY, new Reply(200, transaction("SUCCESS", 350), false, NOW, WechatTestKeys.PUBLIC_KEY_ID));
        assertEquals(new QueryResult.Unknown("answer not verified: no Wechatpay-Timestamp header (unsigned answer)"), gateway.query(ORDER));
        replies.put(QUERY, new Reply(200, transaction("SUCCESS", 350), true, NOW.minusSeconds(360), WechatTestKeys.PUBLIC_KEY_ID));
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER), "6 minutes old: a replay");
        replies.put(QUERY, new Reply(200, transaction("SUCCESS", 350), true, NOW, "PUB_KEY_ID_0199999999"));
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER), "another key ID");
        replies.put(QUERY, new Reply(404, error("ORDER_NOT_EXIST"), false, NOW, WechatTestKeys.PUBLIC_KEY_ID));
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER), "an unsigned ORDER_NOT_EXIST is no more a fact");
        // WeChat Pay signs no answer when our request's signature fails: what it claims is shown, not believed.
        replies.put(QUERY, new Reply(401, error("SIGN_ERROR"), false, NOW, WechatTestKeys.PUBLIC_KEY_ID));
        assertEquals(new QueryResult.Unknown("answer not verified: no Wechatpay-Timestamp header (unsigned answer); HTTP 401 says"
                + " 'SIGN_ERROR' (not believed)"), gateway.query(ORDER));
    }

    @Test
    void answersAboutAnotherSaleAreUnknown() {
        answer(QUERY, 200, transaction(WechatTestKeys.MCHID, WechatTestKeys.APPID, "T1_261122_00000002", "SUCCESS", 350));
        assertEquals(new QueryResult.Unknown("order answer for another order T1_261122_00000002"), gateway.query(ORDER));
        answer(QUERY, 200, transaction("1900000001", WechatTestKeys.APPID, ORDER, "SUCCESS", 350));
        assertEquals(new QueryResult.Unknown("answer about another merchant: mchid \"1900000001\" is not ours (1230000109)"),
                gateway.query(ORDER));
        answer(QUERY, 200, transaction(WechatTestKeys.MCHID, "wx0000000000000000", ORDER, "SUCCESS", 350));
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER), "another app");
        answer(QUERY, 200, transaction(WechatTestKeys.MCHID, WechatTestKeys.APPID, ORDER, "SUCCESS", 350).replace("\"appid\":\""
                + WechatTestKeys.APPID + "\",", ""));
        assertEquals(new QueryResult.Unknown("order answer without our mchid and appid"), gateway.query(ORDER));

        // The amount: once this gateway placed the order, an answer for another amount is not about it.
        answer(CREATE, 200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}");
        create();
        answer(QUERY, 200, transaction("SUCCESS", 1));
        assertEquals(new QueryResult.Unknown("order answer for another amount: 1 fen, asked 350"), gateway.query(ORDER));
        answer(QUERY, 200, transaction("SUCCESS", 350).replace("\"total\":350", "\"total\":\"350\""));
        assertEquals(new QueryResult.Unknown("paid answer without a valid amount.total"), gateway.query(ORDER));
    }

    @Test
    void garbledBodiesAreUnknown() {
        for (String garbled : List.of("{\"trade_state\":", "not json", "[1,2]", "\"SUCCESS\"")) {
            answer(QUERY, 200, garbled);
            assertEquals(new QueryResult.Unknown("malformed answer: not a JSON object"), gateway.query(ORDER), garbled);
        }
        answer(QUERY, 200, "");
        assertEquals(new QueryResult.Unknown("HTTP 200 with an empty body"), gateway.query(ORDER));
        answer(QUERY, 400, "{\"message\":\"no code\"}");
        assertEquals(new QueryResult.Unknown("HTTP 400 without an error code"), gateway.query(ORDER));
        answer(QUERY, 200, "{\"x\":\"" + "a".repeat(70_000) + "\"}");
        assertEquals(new QueryResult.Unknown("answer larger than 65536 bytes"), gateway.query(ORDER));
    }

    @Test
    void aSilentBackendIsUnknownWithinTheDeadline() {
        replies.put(QUERY, new Reply(0, "", false, NOW, ""));
        WechatPayGateway impatient = gateway(Duration.ofMillis(300), Duration.ofMillis(300));
        QueryResult r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> impatient.query(ORDER));
        assertEquals(new QueryResult.Unknown("no answer within 300 ms"), r);
    }

    @Test
    void noBackendIsUnknown() {
        server.stop(0);
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER));
        assertInstanceOf(CancelResult.Unknown.class, gateway.cancel(ORDER));
    }

    @Test
    void theDoctorsProbeProvesTheKeysAndMeasuresTheClock() {
        replies.put(QUERY, new Reply(404, error("ORDER_NOT_EXIST"), true, NOW.plusSeconds(42), WechatTestKeys.PUBLIC_KEY_ID));
        WechatPayGateway.Probe probe = gateway.probe(ORDER);
        assertTrue(probe.verified(), probe.toString());
        assertEquals(Duration.ofSeconds(42), probe.clockSkew());
        replies.put(QUERY, new Reply(404, error("ORDER_NOT_EXIST"), true, NOW, "PUB_KEY_ID_0199999999"));
        assertEquals(false, gateway.probe(ORDER).verified());
    }
}
