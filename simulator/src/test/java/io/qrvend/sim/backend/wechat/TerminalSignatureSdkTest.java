package io.qrvend.sim.backend.wechat;

import static io.qrvend.sim.backend.wechat.WechatTestClient.APPID;
import static io.qrvend.sim.backend.wechat.WechatTestClient.KEY_ID;
import static io.qrvend.sim.backend.wechat.WechatTestClient.MCHID;
import static io.qrvend.sim.backend.wechat.WechatTestClient.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatPayGateway;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's verifier ({@code com.github.wechatpay-apiv3:wechatpay-java}, test scope only)
 * accepts the signatures the terminal's own {@link WechatPayGateway} puts on its requests, exactly as
 * they went over the wire: a place-order POST with its JSON body, a query GET with its query string,
 * a close POST. The requests are captured by a loopback server that answers 500, so nothing but the
 * request is looked at.
 */
class TerminalSignatureSdkTest {
    /** One request as it arrived. */
    record Captured(String method, String pathAndQuery, String authorization, String body) {
    }

    final List<Captured> requests = Collections.synchronizedList(new ArrayList<>());
    final KeyPair merchant = BackendServer.newKeyPair();
    final KeyPair wechatPay = BackendServer.newKeyPair();
    HttpServer capture;
    WechatPayGateway gateway;

    @BeforeEach
    void start() throws Exception {
        capture = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        capture.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        capture.start();
        URI base = URI.create("http://127.0.0.1:" + capture.getAddress().getPort());
        WechatConfig config = new WechatConfig(base, MCHID, APPID, merchant.getPrivate(), SERIAL, wechatPay.getPublic(), KEY_ID,
                Map.of(), URI.create("https://notify.example.com/qrvend"), Duration.ofSeconds(2), Duration.ofSeconds(5));
        gateway = new WechatPayGateway(config, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        capture.stop(0);
    }

    @Test
    void theSdksVerifierAcceptsTheTerminalsRequestSignatures() {
        assertInstanceOf(CreateResult.Unknown.class,
                gateway.create(new OrderRequest("VM1_261202_00000001", 350, "Cola", Duration.ofMinutes(3))));
        assertInstanceOf(QueryResult.Unknown.class, gateway.query("VM1_261202_00000001"));
        assertInstanceOf(CancelResult.Unknown.class, gateway.cancel("VM1_261202_00000001"));
        assertEquals(List.of("POST", "GET", "POST"), requests.stream().map(Captured::method).toList());

        RSAVerifier sdk = new RSAVerifier(merchant.getPublic(), SERIAL);
        for (Captured r : requests) {
            Map<String, String> items = WechatSignature.parseAuthorization(r.authorization()).orElseThrow(
                    () -> new AssertionError("no WECHATPAY2-SHA256-RSA2048 Authorization on " + r));
            assertEquals(MCHID, items.get("mchid"));
            assertEquals(SERIAL, items.get("serial_no"));
            String message = r.method() + "\n" + r.pathAndQuery() + "\n" + items.get("timestamp") + "\n" + items.get("nonce_str")
                    + "\n" + r.body() + "\n";
            assertTrue(sdk.verify(SERIAL, message, items.get("signature")), "the SDK rejects " + r);
            assertFalse(sdk.verify(SERIAL, message.replace("VM1_261202_00000001", "VM1_261202_00000002"), items.get("signature")),
                    "a changed request must not verify: " + r);
        }
        assertTrue(requests.get(0).body().contains("\"amount\":{\"total\":350"), requests.get(0).body());
    }
}
