package io.qrvend.terminal.payment.wechat;

import io.qrvend.terminal.payment.RsaSignature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;

/**
 * WECHATPAY2-SHA256-RSA2048 as WeChat Pay API v3 computes it: what a request signature covers, the
 * Authorization header that carries it, and what an answer's signature covers.
 */
public final class WechatSignature {
    public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
    private static final char[] NONCE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private WechatSignature() {
    }

    /**
     * The five lines a request signature covers, each ended by '\n': the method, the URL's path with
     * {@code ?} and the raw query if any (no scheme, no host), the Unix time in seconds, the nonce,
     * and the body exactly as sent (empty for a GET).
     */
    public static String requestMessage(String method, String pathAndQuery, long timestamp, String nonce, String body) {
        return method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
    }

    /** The Authorization header's value for a request message signed with the merchant key. */
    public static String authorization(String mchid, String merchantSerial, long timestamp, String nonce, String signature) {
        return SCHEME + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + merchantSerial + "\",signature=\"" + signature + "\"";
    }

    public static String sign(String message, PrivateKey merchantKey) {
        return RsaSignature.sign(message, merchantKey);
    }

    /**
     * The three lines an answer's signature covers: {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce}
     * and the body as received, byte for byte (never re-serialised JSON), each ended by '\n'.
     */
    public static byte[] answerMessage(String timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        out.writeBytes((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.write('\n');
        return out.toByteArray();
    }

    /** 32 random letters and digits, as the official SDK sends. */
    public static String nonce() {
        char[] nonce = new char[32];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = NONCE_CHARS[RANDOM.nextInt(NONCE_CHARS.length)];
        }
        return new String(nonce);
    }
}
