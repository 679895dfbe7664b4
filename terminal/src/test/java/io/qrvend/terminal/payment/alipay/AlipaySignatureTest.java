package io.qrvend.terminal.payment.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request signing against a vector computed with OpenSSL (see src/test/resources/alipay/VECTOR.md). */
class AlipaySignatureTest {
    @TempDir
    Path dir;

    static Map<String, String> vectorParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "alipay.trade.precreate");
        p.put("app_id", "2021000000000001");
        p.put("version", "1.0");
        p.put("sign_type", "RSA2");
        p.put("timestamp", "2026-11-22 16:00:00");
        p.put("charset", "utf-8");
        p.put("format", "JSON");
        p.put("notify_url", "");
        p.put("biz_content", "{\"out_trade_no\":\"T1_261122_00000001\",\"total_amount\":\"3.50\",\"subject\":\"可乐 Cola\"}");
        p.put("sign", "left out of what is signed");
        return p;
    }

    @Test
    void signStringIsSortedRawAndSkipsSignAndEmptyValues() {
        assertEquals(TestKeys.text("vector_content.txt"), AlipaySignature.requestContent(vectorParams()));
    }

    @Test
    void signatureMatchesOpenSsl() {
        PrivateKey key = TestKeys.appPrivate(dir);
        String content = AlipaySignature.requestContent(vectorParams());
        assertEquals(TestKeys.text("vector_sign.txt").strip(), AlipaySignature.sign(content, key));
    }

    @Test
    void verifiesOpenSslSignatureAndRejectsAnyChange() {
        PublicKey key = TestKeys.appPublic(dir);
        String content = TestKeys.text("vector_content.txt");
        String sign = TestKeys.text("vector_sign.txt").strip();
        assertTrue(AlipaySignature.verify(content, sign, key));
        assertFalse(AlipaySignature.verify(content.replace("3.50", "0.01"), sign, key));
        assertFalse(AlipaySignature.verify(content, sign.substring(1), key));
        assertFalse(AlipaySignature.verify(content, "not base64 !", key));
        assertFalse(AlipaySignature.verify(content, null, key));
    }
}
