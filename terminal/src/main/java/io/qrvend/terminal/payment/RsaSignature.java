package io.qrvend.terminal.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SHA256withRSA with Base64 signatures, as both wallets use it (Alipay's RSA2, WeChat Pay's
 * WECHATPAY2-SHA256-RSA2048). What is signed is each wallet's business; this signs bytes.
 */
public final class RsaSignature {
    private RsaSignature() {
    }

    /** Base64 of SHA256withRSA over {@code content}. */
    public static String sign(byte[] content, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(content);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with SHA256withRSA: " + e.getMessage(), e);
        }
    }

    public static String sign(String content, PrivateKey key) {
        return sign(content.getBytes(StandardCharsets.UTF_8), key);
    }

    /**
     * Whether {@code signature} (Base64) is a valid SHA256withRSA signature of {@code content}; false
     * for a missing, empty or non-Base64 signature, never an exception.
     */
    public static boolean verify(byte[] content, String signature, PublicKey key) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(content);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public static boolean verify(String content, String signature, PublicKey key) {
        return verify(content.getBytes(StandardCharsets.UTF_8), signature, key);
    }
}
