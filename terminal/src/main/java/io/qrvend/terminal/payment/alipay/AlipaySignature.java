package io.qrvend.terminal.payment.alipay;

import io.qrvend.terminal.payment.RsaSignature;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** RSA2 (SHA256withRSA) signatures as the Alipay Open Platform computes and checks them. */
public final class AlipaySignature {
    private AlipaySignature() {
    }

    /**
     * The text a request signature covers: every parameter but {@code sign} and those with an empty
     * value ({@code sign_type} stays in), sorted by name in ASCII order, joined as raw
     * {@code name=value} pairs with '&'.
     */
    public static String requestContent(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!"sign".equals(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
                joined.add(e.getKey() + "=" + e.getValue());
            }
        }
        return joined.toString();
    }

    /** Base64 of SHA256withRSA over the UTF-8 bytes of {@code content}. */
    public static String sign(String content, PrivateKey key) {
        return RsaSignature.sign(content, key);
    }

    /** Whether {@code signature} (Base64) is a valid SHA256withRSA signature of {@code content}. */
    public static boolean verify(String content, String signature, PublicKey key) {
        return RsaSignature.verify(content, signature, key);
    }
}
