package io.qrvend.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.qrvend.terminal.payment.RsaSignature;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatKeys;
import io.qrvend.terminal.payment.wechat.WechatSignature;
import io.qrvend.terminal.payment.wechat.WechatTestKeys;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrvend doctor}'s WeChat Pay line against a stub on loopback that signs with the real clock. */
class DoctorWechatTest {
    @TempDir
    Path dir;
    HttpServer server;
    volatile String keyId = WechatTestKeys.PUBLIC_KEY_ID;
    volatile Duration wechatClockAhead = Duration.ZERO;

    @BeforeEach
    void start() throws Exception {
        PrivateKey wechatpay = WechatKeys.readMerchantKey(WechatTestKeys.copy("test_wechatpay_private.pem", dir, "rw-------"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] body = "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}".getBytes(StandardCharsets.UTF_8);
                String timestamp = String.valueOf(Instant.now().plus(wechatClockAhead).getEpochSecond());
                String nonce = WechatSignature.nonce();
                ex.getResponseHeaders().set("Wechatpay-Timestamp", timestamp);
                ex.getResponseHeaders().set("Wechatpay-Nonce", nonce);
                ex.getResponseHeaders().set("Wechatpay-Serial", keyId);
                ex.getResponseHeaders().set("Wechatpay-Signature", RsaSignature.sign(WechatSignature.answerMessage(timestamp, nonce, body),
                        wechatpay));
                ex.sendResponseHeaders(404, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    WechatConfig config() {
        URI gateway = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new WechatConfig(gateway, WechatTestKeys.MCHID, WechatTestKeys.APPID,
                WechatKeys.readMerchantKey(WechatTestKeys.copy("test_merchant_private.pem", dir, "rw-------")), WechatTestKeys.MERCHANT_SERIAL,
                WechatKeys.readPublicKey(WechatTestKeys.copy("test_wechatpay_public.pem", dir, "rw-r--r--")), WechatTestKeys.PUBLIC_KEY_ID,
                Map.of(), WechatTestKeys.NOTIFY, Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void aVerifiedOrderNotExistPassesAndATestBackendIsSaid() {
        DoctorCommand.Check check = DoctorCommand.wechat(config());
        assertEquals("wechat pay", check.name());
        assertEquals(DoctorCommand.Verdict.WARN, check.verdict(), "a loopback simulator is a test backend: " + check.detail());
        assertTrue(check.detail().contains("(TEST BACKEND): signed query answered ORDER_NOT_EXIST, signature verified"), check.detail());
    }

    @Test
    void aClockFarFromWechatPaysIsAWarningWithTheDistance() {
        wechatClockAhead = Duration.ofSeconds(120); // measured to the second, after a call that may take a few
        DoctorCommand.Check check = DoctorCommand.wechat(config());
        assertEquals(DoctorCommand.Verdict.WARN, check.verdict());
        assertTrue(check.detail().matches(".*clock 1(1[0-9]|2[01]) s behind WeChat Pay's.*check NTP.*"), check.detail());
    }

    @Test
    void anAnswerByAnotherKeyIdFails() {
        keyId = "PUB_KEY_ID_0199999999";
        DoctorCommand.Check check = DoctorCommand.wechat(config());
        assertEquals(DoctorCommand.Verdict.FAIL, check.verdict());
        assertTrue(check.detail().contains("Wechatpay-Serial 'PUB_KEY_ID_0199999999' names no key we hold"), check.detail());
    }
}
