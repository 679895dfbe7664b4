package io.qrvend.sim.backend.wechat;

import static io.qrvend.sim.backend.wechat.WechatTestClient.KEY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.Fault;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.wechat.WechatTestClient.Reply;
import io.qrvend.sim.backend.wechat.WechatTestClient.Request;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault of the plan on every WeChat Pay call, over real HTTP: what arrives is what the fault
 * promises, and only an honest answer passes the check a client must make before believing it.
 */
class WechatFaultsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KeyPair merchant;
    static KeyPair wechatPay;

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T08:00:00Z"));
    final FakeWechatPay model = new FakeWechatPay(now::get);
    final FaultPlan faults = new FaultPlan(7).latency(Duration.ofMillis(50)).hold(Duration.ofMillis(300))
            .drip(Duration.ofMillis(300)).userpaying(Duration.ofSeconds(20));
    WechatPayServer server;
    WechatTestClient client;

    /** One WeChat Pay call, its plan name, and how the books must stand for it to succeed honestly. */
    enum Call {
        CREATE("wechat.create", 200, m -> WechatTestClient.create("WX_F0001", 300)),
        QUERY("wechat.query", 200, m -> {
            m.place("WX_F0001", 300, "Cola", null);
            return WechatTestClient.query("WX_F0001");
        }),
        CLOSE("wechat.close", 204, m -> {
            m.place("WX_F0001", 300, "Cola", null);
            return WechatTestClient.close("WX_F0001");
        }),
        REFUND("wechat.refund", 200, m -> {
            m.place("WX_F0001", 300, "Cola", null);
            m.pay("WX_F0001");
            return WechatTestClient.refund("WX_F0001", "WX_F0001R1", 300, 300);
        }),
        REFUND_QUERY("wechat.refund_query", 200, m -> {
            m.place("WX_F0001", 300, "Cola", null);
            m.pay("WX_F0001");
            m.refund("WX_F0001", "WX_F0001R1", 300, 300);
            return WechatTestClient.refundQuery("WX_F0001R1");
        });

        final String planName;
        final int honestStatus;
        final Function<FakeWechatPay, Request> prepare;

        Call(String planName, int honestStatus, Function<FakeWechatPay, Request> prepare) {
            this.planName = planName;
            this.honestStatus = honestStatus;
            this.prepare = prepare;
        }
    }

    @BeforeAll
    static void keys() {
        merchant = BackendServer.newKeyPair();
        wechatPay = BackendServer.newKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        server = new WechatPayServer(model, new WechatMerchant(WechatTestClient.MCHID, WechatTestClient.APPID,
                WechatTestClient.SERIAL, merchant.getPublic()), wechatPay.getPrivate(), KEY_ID, faults, 0);
        client = new WechatTestClient(server.baseUri(), merchant.getPrivate());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> everyFaultOnEveryCall() {
        return Arrays.stream(Call.values()).flatMap(c -> Arrays.stream(Fault.values()).map(f -> Arguments.of(c, f)));
    }

    boolean verified(Reply r) {
        return WechatTestClient.verified(r, wechatPay.getPublic(), KEY_ID);
    }

    boolean signatureValid(Reply r) {
        String ts = r.header("Wechatpay-Timestamp");
        return ts != null && WechatSignature.verify(WechatSignature.responseMessage(Long.parseLong(ts), r.header("Wechatpay-Nonce"),
                r.body()), r.header("Wechatpay-Signature"), wechatPay.getPublic());
    }

    String code(Reply r) throws IOException {
        return JSON.readTree(r.body()).path("code").asText();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyFaultOnEveryCall")
    void everyFaultOnEveryCallSendsWhatItPromises(Call call, Fault fault) throws Exception {
        Request request = call.prepare.apply(model);
        long paidBefore = paid();
        long refundedBefore = refunded();
        faults.script(call.planName, fault);
        if (fault == Fault.TIMEOUT || fault == Fault.RESET) {
            // The JDK client tries an idempotent GET once more after a connection ends without an answer.
            faults.script(call.planName, fault);
        }
        switch (fault) {
            case TIMEOUT, RESET -> assertThrows(IOException.class, () -> client.send(request), "no answer at all");
            case LATENCY, STALE, USERPAYING_LASTS -> {
                Reply r = client.send(request);
                assertEquals(call.honestStatus, r.status(), r.body());
                assertTrue(verified(r), "an honest answer");
            }
            case HTTP_500 -> {
                Reply r = client.send(request);
                assertEquals(500, r.status());
                assertNull(r.header("Wechatpay-Signature"), "an error page from a proxy carries no signature");
            }
            case UNAVAILABLE -> {
                Reply r = client.send(request);
                assertEquals(429, r.status());
                assertEquals("FREQUENCY_LIMITED", code(r));
                assertTrue(verified(r));
            }
            case SYSTEM_ERROR -> {
                Reply r = client.send(request);
                assertEquals(500, r.status());
                assertEquals("SYSTEM_ERROR", code(r));
                assertTrue(verified(r));
            }
            case GARBLED, BAD_SIGNATURE -> {
                Reply r = client.send(request);
                assertEquals(call.honestStatus, r.status());
                assertNotNull(r.header("Wechatpay-Signature"));
                assertFalse(verified(r), "must not verify");
            }
            case FORGED_PAID -> {
                Reply r = client.send(request);
                assertNotNull(r.header("Wechatpay-Signature"));
                assertFalse(verified(r), "a forger's answer must not verify");
                if (call == Call.QUERY) {
                    assertEquals("SUCCESS", JSON.readTree(r.body()).path("trade_state").asText());
                    assertEquals(300, JSON.readTree(r.body()).path("amount").path("total").asLong());
                }
                if (call == Call.CLOSE) {
                    assertEquals("ORDERPAID", code(r));
                }
                assertEquals(paidBefore, paid(), "the forger moved no money");
                assertEquals(refundedBefore, refunded(), "the forger moved no money");
            }
            case PAY_BEFORE_CANCEL -> {
                Reply r = client.send(request);
                assertTrue(verified(r));
                if (call == Call.CLOSE) {
                    assertEquals(400, r.status());
                    assertEquals("ORDERPAID", code(r), "the payment landed before the close");
                    assertEquals(FakeWechatPay.TradeState.SUCCESS, model.trade("WX_F0001").orElseThrow().state());
                } else {
                    assertEquals(call.honestStatus, r.status());
                }
            }
            case DRIP -> {
                Reply r = client.send(request);
                assertEquals(call.honestStatus, r.status());
                assertTrue(verified(r), "a client that waits out the drip gets a valid answer");
                if (call.honestStatus == 200) {
                    assertTrue(r.body().startsWith("   "), "the drip's spaces: [" + r.body() + "]");
                }
            }
            case UNSIGNED -> {
                Reply r = client.send(request);
                assertEquals(call.honestStatus, r.status());
                assertNull(r.header("Wechatpay-Signature"));
                assertNull(r.header("Wechatpay-Timestamp"));
                assertNull(r.header("Wechatpay-Serial"));
                assertNotNull(r.header("Request-ID"));
                assertFalse(verified(r));
            }
            case OLD_TIMESTAMP -> {
                Reply r = client.send(request);
                assertEquals(call.honestStatus, r.status());
                assertTrue(signatureValid(r), "validly signed");
                long age = Instant.now().getEpochSecond() - Long.parseLong(r.header("Wechatpay-Timestamp"));
                assertTrue(age >= 355 && age <= 370, "6 minutes old: " + age);
                assertFalse(verified(r), "older than the 5 minutes a client accepts");
            }
        }
        assertTrue(faults.injected().getOrDefault(fault, 0) >= 1, "the fault was injected");
    }

    long paid() {
        return model.ledger().stream().mapToLong(FakeWechatPay.Trade::paidFen).sum();
    }

    long refunded() {
        return model.ledger().stream().mapToLong(FakeWechatPay.Trade::refundedFen).sum();
    }

    @Test
    void aStaleAnswerRepeatsTheLastOneWordForWord() throws Exception {
        model.place("WX_F0002", 300, "Cola", null);
        Reply first = client.send(WechatTestClient.query("WX_F0002"));
        model.pay("WX_F0002");
        faults.script("wechat.query", Fault.STALE);
        Reply stale = client.send(WechatTestClient.query("WX_F0002"));
        assertEquals(first.body(), stale.body());
        assertEquals(first.header("Wechatpay-Nonce"), stale.header("Wechatpay-Nonce"), "a replay: the same nonce");
        assertTrue(stale.body().contains("NOTPAY"), "out of date: the order is paid by now");
        assertTrue(client.send(WechatTestClient.query("WX_F0002")).body().contains("SUCCESS"));
    }

    @Test
    void aPaymentHitByUserpayingLastsReportsUserpayingFirst() throws Exception {
        faults.script("wechat.create", Fault.USERPAYING_LASTS);
        assertEquals(200, client.send(WechatTestClient.create("WX_F0003", 300)).status());
        assertTrue(model.pay("WX_F0003"));
        assertTrue(client.send(WechatTestClient.query("WX_F0003")).body().contains("\"trade_state\":\"USERPAYING\""));
        now.set(now.get().plusSeconds(19));
        assertTrue(client.send(WechatTestClient.query("WX_F0003")).body().contains("\"trade_state\":\"USERPAYING\""));
        now.set(now.get().plusSeconds(1));
        Reply paid = client.send(WechatTestClient.query("WX_F0003"));
        assertTrue(paid.body().contains("\"trade_state\":\"SUCCESS\""), paid.body());
        assertTrue(paid.body().contains("\"success_time\":\"2026-11-22T16:00:20+08:00\""), paid.body());
    }

    @Test
    void aDripSendsItsHeadersAtOnceAndTheBodyTooSlowlyForAnyDeadline() throws Exception {
        faults.drip(Duration.ofSeconds(30));
        model.place("WX_F0004", 300, "Cola", null);
        faults.script("wechat.query", Fault.DRIP);
        String target = WechatTestClient.query("WX_F0004").target();
        String auth = WechatSignature.authorization(WechatTestClient.MCHID, WechatTestClient.SERIAL, merchant.getPrivate(), "GET",
                target, Instant.now().getEpochSecond(), WechatSignature.nonce(), "");
        try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            String head = WechatPayServerTest.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200") && head.contains("Wechatpay-Signature: "), head);
            s.setSoTimeout(1000);
            long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
            StringBuilder body = new StringBuilder();
            while (System.nanoTime() - deadline < 0) {
                body.append((char) s.getInputStream().read());
            }
            assertTrue(body.length() >= 2 && body.length() <= 10 && body.toString().isBlank(),
                    "half a second gives a few spaces, one per 100 ms, and no answer: [" + body + "]");
        }
        Reply next = client.send(WechatTestClient.query("WX_F0004"));
        assertTrue(verified(next), "the next call is served while the drip goes on or has ended");
    }

    @Test
    void planNamesCoverEachWalletAndBoth() {
        FaultPlan plan = new FaultPlan(1).chance("wechat.all:reset").chance("alipay.all:http_500");
        assertEquals(Fault.RESET, plan.next("wechat.refund_query").orElseThrow());
        assertEquals(Fault.HTTP_500, plan.next("alipay.trade.query").orElseThrow());
        FaultPlan both = new FaultPlan(1).chance("all:unsigned");
        assertEquals(Fault.UNSIGNED, both.next("wechat.close").orElseThrow());
        assertEquals(Fault.UNSIGNED, both.next("alipay.trade.cancel").orElseThrow());
        FaultPlan one = new FaultPlan(1).script("wechat.query", Fault.OLD_TIMESTAMP);
        assertTrue(one.next("wechat.create").isEmpty());
        assertTrue(one.next("alipay.trade.query").isEmpty(), "Alipay's short name 'query' is not WeChat's");
        assertEquals(Fault.OLD_TIMESTAMP, one.next("wechat.query").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(1).chance("wechat.pay:reset"));
        assertEquals(Fault.USERPAYING_LASTS, Fault.parse("userpaying-lasts"));
    }
}
