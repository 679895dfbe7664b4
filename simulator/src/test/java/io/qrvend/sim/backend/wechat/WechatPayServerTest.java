package io.qrvend.sim.backend.wechat;

import static io.qrvend.sim.backend.wechat.WechatTestClient.KEY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.wechat.WechatTestClient.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated WeChat Pay over real HTTP: the v3 wire format, its request checks and its signed answers. */
class WechatPayServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KeyPair merchant;
    static KeyPair wechatPay;

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T08:00:00Z"));
    final FakeWechatPay model = new FakeWechatPay(now::get);
    WechatPayServer server;
    WechatTestClient client;

    @BeforeAll
    static void keys() {
        merchant = BackendServer.newKeyPair();
        wechatPay = BackendServer.newKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        server = new WechatPayServer(model, new WechatMerchant(WechatTestClient.MCHID, WechatTestClient.APPID,
                WechatTestClient.SERIAL, merchant.getPublic()), wechatPay.getPrivate(), KEY_ID, new FaultPlan(1), 0);
        client = new WechatTestClient(server.baseUri(), merchant.getPrivate());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode json(Reply r) throws Exception {
        return JSON.readTree(r.body());
    }

    void assertSigned(Reply r) {
        assertTrue(WechatTestClient.verified(r, wechatPay.getPublic(), KEY_ID), "signed by WeChat Pay: " + r.headers().map());
    }

    @Test
    void aSaleFromOrderToRefundInWechatPaysOwnWords() throws Exception {
        Reply created = client.send(WechatTestClient.create("WX_00001", 350));
        assertEquals(200, created.status(), created.body());
        assertSigned(created);
        assertTrue(json(created).path("code_url").asText().startsWith("weixin://wxpay/bizpayurl?pr="), created.body());

        Reply unpaid = client.send(WechatTestClient.query("WX_00001"));
        assertEquals(200, unpaid.status());
        assertSigned(unpaid);
        assertEquals("NOTPAY", json(unpaid).path("trade_state").asText());
        assertEquals(WechatTestClient.MCHID, json(unpaid).path("mchid").asText());
        assertEquals(WechatTestClient.APPID, json(unpaid).path("appid").asText());
        assertEquals(350, json(unpaid).path("amount").path("total").asLong());
        assertTrue(json(unpaid).path("transaction_id").isMissingNode());

        now.set(now.get().plusSeconds(7));
        assertTrue(model.pay("WX_00001"));
        JsonNode paid = json(client.send(WechatTestClient.query("WX_00001")));
        assertEquals("SUCCESS", paid.path("trade_state").asText());
        assertEquals("2026-11-22T16:00:07+08:00", paid.path("success_time").asText());
        assertEquals(350, paid.path("amount").path("payer_total").asLong());
        assertEquals("CNY", paid.path("amount").path("currency").asText());
        assertFalse(paid.path("payer").path("openid").asText().isEmpty());
        assertEquals(28, paid.path("transaction_id").asText().length());

        Reply refunded = client.send(WechatTestClient.refund("WX_00001", "WX_00001R1", 350, 350));
        assertEquals(200, refunded.status(), refunded.body());
        assertSigned(refunded);
        assertEquals("SUCCESS", json(refunded).path("status").asText());
        assertEquals(350, json(refunded).path("amount").path("refund").asLong());
        assertEquals(paid.path("transaction_id").asText(), json(refunded).path("transaction_id").asText());
        Reply again = client.send(WechatTestClient.refundQuery("WX_00001R1"));
        assertEquals(json(refunded).path("refund_id"), json(again).path("refund_id"));
        assertEquals("REFUND", json(client.send(WechatTestClient.query("WX_00001"))).path("trade_state").asText());
        assertEquals(350, model.ledger().get(0).refundedFen());
    }

    @Test
    void closeAnswers204SignedAndAPaidOrderCannotBeClosed() throws Exception {
        client.send(WechatTestClient.create("WX_00002", 100));
        Reply closed = client.send(WechatTestClient.close("WX_00002"));
        assertEquals(204, closed.status());
        assertEquals("", closed.body());
        assertSigned(closed);
        assertEquals(204, client.send(WechatTestClient.close("WX_00002")).status(), "closing twice is fine");
        assertEquals("CLOSED", json(client.send(WechatTestClient.query("WX_00002"))).path("trade_state").asText());

        client.send(WechatTestClient.create("WX_00003", 100));
        model.pay("WX_00003");
        Reply refused = client.send(WechatTestClient.close("WX_00003"));
        assertEquals(400, refused.status());
        assertEquals("ORDERPAID", json(refused).path("code").asText());
        assertSigned(refused);
    }

    @Test
    void anUnknownOrderIsOrderNotExist() throws Exception {
        Reply r = client.send(WechatTestClient.query("WX_NOSUCH"));
        assertEquals(404, r.status());
        assertEquals("ORDER_NOT_EXIST", json(r).path("code").asText());
        assertSigned(r);
        assertEquals("RESOURCE_NOT_EXISTS", json(client.send(WechatTestClient.refundQuery("NOSUCH_R"))).path("code").asText());
    }

    @Test
    void requestsNotSignedByTheMerchantAreRefused() throws Exception {
        WechatTestClient stranger = new WechatTestClient(server.baseUri(), BackendServer.newKeyPair().getPrivate());
        assertEquals("SIGN_ERROR", json(stranger.send(WechatTestClient.query("WX_00004"))).path("code").asText());
        assertEquals(401, stranger.send(WechatTestClient.query("WX_00004")).status());

        client.serial = "0000000000000000000000000000000000000000";
        assertEquals(401, client.send(WechatTestClient.query("WX_00004")).status(), "another certificate serial");
        client.serial = WechatTestClient.SERIAL;
        client.clockSkewSeconds = -6 * 60;
        assertEquals(401, client.send(WechatTestClient.query("WX_00004")).status(), "a request signed 6 minutes ago");
        client.clockSkewSeconds = 0;
        client.mchid = "1900000999";
        assertEquals(401, client.send(WechatTestClient.query("WX_00004")).status(), "another merchant's header");
        String noAuthorization = rawExchange("GET /v3/pay/transactions/out-trade-no/WX_00004?mchid=1900000109 HTTP/1.1\r\n"
                + "Host: x\r\nConnection: close\r\n\r\n");
        assertTrue(noAuthorization.startsWith("HTTP/1.1 401"), noAuthorization);
        assertTrue(model.ledger().isEmpty());
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        // Signed over one body, sent with another: the raw bytes are what is verified.
        String signedBody = WechatTestClient.create("WX_00005", 100).body();
        String auth = WechatSignature.authorization(WechatTestClient.MCHID, WechatTestClient.SERIAL, merchant.getPrivate(), "POST",
                "/v3/pay/transactions/native", Instant.now().getEpochSecond(), WechatSignature.nonce(), signedBody);
        String sent = signedBody.replace("\"total\":100", "\"total\":1");
        String raw = rawExchange("POST /v3/pay/transactions/native HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth
                + "\r\nContent-Type: application/json\r\nContent-Length: " + sent.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + sent);
        assertTrue(raw.startsWith("HTTP/1.1 401"), raw);
        assertTrue(model.ledger().isEmpty());
    }

    @Test
    void theMerchantsOwnMistakesArePARAM_ERROR() throws Exception {
        WechatTestClient.Request ok = WechatTestClient.create("WX_00006", 100);
        for (String[] change : new String[][] {
            {"https://example.com/notify", "http://example.com/notify"},
            {"WX_00006", "WX_1"},
            {"WX_00006", "WX_000000000000000000000000000000061"},
            {WechatTestClient.APPID, "wx0000000000000000"},
            {"\"mchid\":\"1900000109\"", "\"mchid\":\"1900000110\""},
            {"\"total\":100", "\"total\":1.5"},
        }) {
            Reply r = client.send(ok.method(), ok.target(), ok.body().replace(change[0], change[1]));
            assertEquals(400, r.status(), change[1] + ": " + r.body());
            assertEquals("PARAM_ERROR", json(r).path("code").asText(), r.body());
        }
        assertTrue(model.ledger().isEmpty());
        Reply otherMerchant = client.send("GET", "/v3/pay/transactions/out-trade-no/WX_00006?mchid=1900000110", "");
        assertEquals(400, otherMerchant.status());
    }

    @Test
    void headerNamesGoOutAsWechatPayWritesThem() throws Exception {
        String target = "/v3/pay/transactions/out-trade-no/WX_00007?mchid=" + WechatTestClient.MCHID;
        String auth = WechatSignature.authorization(WechatTestClient.MCHID, WechatTestClient.SERIAL, merchant.getPrivate(), "GET",
                target, Instant.now().getEpochSecond(), WechatSignature.nonce(), "");
        String raw = rawExchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\nConnection: close\r\n\r\n");
        for (String name : new String[] {"\r\nWechatpay-Timestamp: ", "\r\nWechatpay-Nonce: ", "\r\nWechatpay-Signature: ",
            "\r\nWechatpay-Serial: " + KEY_ID + "\r\n", "\r\nRequest-ID: "}) {
            assertTrue(raw.contains(name), name.trim() + " in\n" + raw);
        }
    }

    @Test
    void theCustomerPagesServeWechatOrders() throws Exception {
        client.send(WechatTestClient.create("WX_00008", 200));
        io.qrvend.sim.backend.SimClient customer = new io.qrvend.sim.backend.SimClient(server.baseUri());
        assertTrue(customer.scan("WX_00008").ok());
        assertEquals("NOTPAY", model.trade("WX_00008").orElseThrow().state().name(), "WeChat Pay shows nothing of a scan");
        assertTrue(customer.pay("WX_00008").ok());
        assertFalse(customer.pay("WX_00008").ok(), "paid once only");
        assertTrue(customer.trades().contains("\"trade_state\" : \"SUCCESS\""), customer.trades());
        assertFalse(customer.pay("WX_NOSUCH").ok());
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        String target = "/v3/pay/transactions/out-trade-no/WX_00009?mchid=" + WechatTestClient.MCHID;
        try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 3; i++) {
                String auth = WechatSignature.authorization(WechatTestClient.MCHID, WechatTestClient.SERIAL, merchant.getPrivate(),
                        "GET", target, Instant.now().getEpochSecond(), WechatSignature.nonce(), "");
                out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 404"), head);
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                assertEquals(length, in.readNBytes(length).length);
            }
        }
    }

    @Test
    void oversizedRequestsAreRefusedAndCloseFreesThePort() throws Exception {
        String raw = rawExchange("POST /v3/pay/transactions/native HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (LoopbackHttpServer.MAX_BODY_BYTES + 1) + "\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
        int port = server.baseUri().getPort();
        server.close();
        assertNull(connectOrNull(port), "nothing listens after close");
    }

    static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    static Socket connectOrNull(int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.close();
            return s;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    String rawExchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
