package io.qrvend.terminal.payment.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.payment.RsaSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures against vectors computed by OpenSSL (see src/test/resources/wechat/VECTOR.md):
 * {@code openssl dgst -sha256 -sign test_merchant_private.pem vector_request.txt | base64 -w0}.
 */
class WechatSignatureTest {
    static final String BODY = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"description\":\"可乐 Cola\","
            + "\"out_trade_no\":\"T1_261122_00000001\",\"time_expire\":\"2026-11-22T16:03:00+08:00\","
            + "\"notify_url\":\"https://pay.example.com/wechat/notify\",\"amount\":{\"total\":350,\"currency\":\"CNY\"}}";

    @TempDir
    Path dir;

    @Test
    void theRequestMessageIsFiveLinesEachEndedByANewline() {
        String message = WechatSignature.requestMessage("POST", "/v3/pay/transactions/native", 1795852800L,
                "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", BODY);
        assertEquals(WechatTestKeys.text("vector_request.txt"), message);
        assertEquals("GET\n/v3/pay/transactions/out-trade-no/T1?mchid=1230000109\n1\nN\n\n",
                WechatSignature.requestMessage("GET", "/v3/pay/transactions/out-trade-no/T1?mchid=1230000109", 1, "N", ""),
                "a GET signs an empty body line");
    }

    @Test
    void signingMatchesOpenssl() {
        String message = WechatTestKeys.text("vector_request.txt");
        assertEquals(WechatTestKeys.text("vector_request_signature.txt").strip(),
                WechatSignature.sign(message, WechatTestKeys.merchantPrivate(dir)));
    }

    @Test
    void theAuthorizationHeaderCarriesWhatWechatPayChecks() {
        String header = WechatSignature.authorization("1230000109", "444F4864EA9B", 1795852800L, "NONCE", "c2ln");
        assertEquals("WECHATPAY2-SHA256-RSA2048 mchid=\"1230000109\",nonce_str=\"NONCE\",timestamp=\"1795852800\","
                + "serial_no=\"444F4864EA9B\",signature=\"c2ln\"", header);
    }

    @Test
    void anAnswerSignedByOpensslVerifiesOverTheRawBody() {
        byte[] body = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}".getBytes(StandardCharsets.UTF_8);
        byte[] message = WechatSignature.answerMessage("1795852801", "fdasfwqerwqerqwer1234567890ABCDE", body);
        assertEquals(WechatTestKeys.text("vector_answer.txt"), new String(message, StandardCharsets.UTF_8));
        String signature = WechatTestKeys.text("vector_answer_signature.txt").strip();
        assertTrue(RsaSignature.verify(message, signature, WechatTestKeys.wechatpayPublic(dir)));
        body[body.length - 3] ^= 1;
        assertFalse(RsaSignature.verify(WechatSignature.answerMessage("1795852801", "fdasfwqerwqerqwer1234567890ABCDE", body),
                signature, WechatTestKeys.wechatpayPublic(dir)), "one byte changed");
    }

    @Test
    void noncesAre32LettersOrDigitsAndDiffer() {
        String a = WechatSignature.nonce();
        assertTrue(a.matches("[0-9A-Za-z]{32}"), a);
        assertFalse(a.equals(WechatSignature.nonce()));
    }
}
