package io.qrvend.terminal.payment.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.payment.RsaSignature;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way an answer can fail to be WeChat Pay's own, and the two ways it can be (public key ID, platform certificate). */
class AnswerVerifierTest {
    /** After the test platform certificate's notBefore (2026-12-02). */
    static final Instant NOW = Instant.parse("2027-01-15T08:00:00Z");
    static final byte[] BODY = ("{\"mchid\":\"1230000109\",\"appid\":\"wxd678efh567hg6787\",\"out_trade_no\":\"T1_261122_00000001\","
            + "\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":350,\"payer_total\":350,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    PrivateKey wechatpay;
    AnswerVerifier verifier;

    @BeforeEach
    void setUp() {
        wechatpay = WechatTestKeys.wechatpayPrivate(dir);
        verifier = verifier(WechatTestKeys.config(dir, URI.create("https://api.mch.weixin.qq.com"), Duration.ofSeconds(1),
                Duration.ofSeconds(1)), NOW);
    }

    static AnswerVerifier verifier(WechatConfig config, Instant now) {
        return new AnswerVerifier(config, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Headers as WeChat Pay sends them, signed with {@code key} at {@code at}. */
    static Map<String, String> signed(byte[] body, PrivateKey key, String serial, Instant at) {
        String timestamp = String.valueOf(at.getEpochSecond());
        String nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", timestamp);
        h.put("Wechatpay-Nonce", nonce);
        h.put("Wechatpay-Serial", serial);
        h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        h.put("Wechatpay-Signature", RsaSignature.sign(WechatSignature.answerMessage(timestamp, nonce, body), key));
        return h;
    }

    static HttpHeaders headers(Map<String, String> h) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        h.forEach((k, v) -> multi.put(k, List.of(v)));
        return HttpHeaders.of(multi, (k, v) -> true);
    }

    String problem(Map<String, String> h, byte[] body) {
        return verifier.problem(headers(h), body);
    }

    @Test
    void aSignedAnswerByThePublicKeyIdVerifies() {
        assertNull(problem(signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW), BODY));
        assertNull(problem(signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW.minusSeconds(299)), BODY), "4:59 old");
        assertNull(problem(signed(new byte[0], wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW), new byte[0]), "a 204's empty body");
    }

    @Test
    void thePublicKeyIsTheOneWechatPayIsAskedToSignWith() {
        assertEquals(WechatTestKeys.PUBLIC_KEY_ID, verifier.requestedSerial());
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey forger = g.generateKeyPair().getPrivate();
        assertEquals("signature does not verify with the WeChat Pay key " + WechatTestKeys.PUBLIC_KEY_ID,
                problem(signed(BODY, forger, WechatTestKeys.PUBLIC_KEY_ID, NOW), BODY));
        // Our own merchant key is never WeChat Pay's (the most common mistake in the SDK's issues).
        assertTrue(problem(signed(BODY, WechatTestKeys.merchantPrivate(dir), WechatTestKeys.PUBLIC_KEY_ID, NOW), BODY)
                .startsWith("signature does not verify"));
    }

    @Test
    void aKeyIdThatIsNotOursIsRefused() {
        String problem = problem(signed(BODY, wechatpay, "PUB_KEY_ID_0199999999", NOW), BODY);
        assertTrue(problem.startsWith("Wechatpay-Serial 'PUB_KEY_ID_0199999999' names no key we hold"), problem);
    }

    @Test
    void anAnswerFiveMinutesOrMoreFromOurClockIsRefused() {
        assertEquals("Wechatpay-Timestamp " + NOW.minusSeconds(300).getEpochSecond() + " is 300 s from this machine's clock"
                        + " (at most 300 s; a replayed answer, or is the clock wrong?)",
                problem(signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW.minusSeconds(300)), BODY));
        assertTrue(problem(signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW.minusSeconds(360)), BODY).contains("360 s"),
                "6 minutes old");
        assertTrue(problem(signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW.plusSeconds(400)), BODY).contains("400 s"),
                "from the future");
        Map<String, String> h = signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW);
        h.put("Wechatpay-Timestamp", "yesterday");
        assertEquals("Wechatpay-Timestamp 'yesterday' is not a Unix time in seconds", problem(h, BODY));
    }

    @Test
    void eachMissingHeaderIsNamed() {
        for (String name : List.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial")) {
            Map<String, String> h = signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW);
            h.remove(name);
            assertEquals("no " + name + " header (unsigned answer)", problem(h, BODY));
            h.put(name, "");
            assertEquals("no " + name + " header (unsigned answer)", problem(h, BODY));
        }
        Map<String, String> h = signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW);
        h.put("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3");
        assertTrue(problem(h, BODY).startsWith("Wechatpay-Signature-Type 'WECHATPAY2-SM2-WITH-SM3' is not"));
    }

    @Test
    void aBodyChangedByOneByteIsRefused() {
        Map<String, String> h = signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW);
        String text = new String(BODY, StandardCharsets.UTF_8);
        byte[] changed = text.replace("\"total\":350", "\"total\":351").getBytes(StandardCharsets.UTF_8);
        assertEquals(BODY.length, changed.length);
        assertTrue(problem(h, changed).startsWith("signature does not verify"));
        // The same JSON re-serialised (a space added) is different bytes: only the raw body is signed.
        assertTrue(problem(h, text.replace(",", ", ").getBytes(StandardCharsets.UTF_8)).startsWith("signature does not verify"));
        Map<String, String> otherNonce = new LinkedHashMap<>(h);
        otherNonce.put("Wechatpay-Nonce", "593BEC0C930BF1AFEB40B4A08C8FB243");
        assertTrue(problem(otherNonce, BODY).startsWith("signature does not verify"));
    }

    @Test
    void platformCertificatesVerifyBySerialWhileValid() {
        WechatConfig certificates = new WechatConfig(URI.create("https://api.mch.weixin.qq.com"), WechatTestKeys.MCHID, WechatTestKeys.APPID,
                WechatTestKeys.merchantPrivate(dir), WechatTestKeys.MERCHANT_SERIAL, null, null,
                Map.of(WechatTestKeys.PLATFORM_SERIAL, WechatTestKeys.platformCertificate(dir)), WechatTestKeys.NOTIFY,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(WechatTestKeys.PLATFORM_SERIAL, WechatKeys.serial(WechatTestKeys.platformCertificate(dir)));
        verifier = verifier(certificates, NOW);
        assertEquals(WechatTestKeys.PLATFORM_SERIAL, verifier.requestedSerial(), "the certificate WeChat Pay should sign with");
        assertNull(problem(signed(BODY, wechatpay, WechatTestKeys.PLATFORM_SERIAL, NOW), BODY));
        assertNull(problem(signed(BODY, wechatpay, WechatTestKeys.PLATFORM_SERIAL.toLowerCase(), NOW), BODY), "hex in either case");
        assertTrue(problem(signed(BODY, wechatpay, WechatTestKeys.PUBLIC_KEY_ID, NOW), BODY).contains("names no key we hold"),
                "no public key configured");
        Instant expired = Instant.parse("2037-01-01T00:00:00Z");
        verifier = verifier(certificates, expired);
        assertNull(verifier.requestedSerial(), "no valid certificate to ask for");
        assertTrue(problem(signed(BODY, wechatpay, WechatTestKeys.PLATFORM_SERIAL, expired), BODY).contains("names no key we hold"),
                "an expired certificate verifies nothing");
    }
}
