package io.qrvend.sim.backend.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat Pay API v3's signatures, as the simulated WeChat Pay makes and checks them (payments.md 2.3,
 * 2.4): SHA256withRSA, Base64. A request is signed over {@code METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n}
 * by the merchant key, an answer over {@code TIMESTAMP\nNONCE\nBODY\n} by WeChat Pay's key.
 */
public final class WechatSignature {
    public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
    private static final Pattern ITEM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private WechatSignature() {
    }

    public static String requestMessage(String method, String target, long timestamp, String nonce, String body) {
        return method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
    }

    public static String responseMessage(long timestamp, String nonce, String body) {
        return timestamp + "\n" + nonce + "\n" + body + "\n";
    }

    public static String sign(String message, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with SHA256withRSA", e);
        }
    }

    /** False for a wrong signature, one that is not Base64, or a key that cannot verify. */
    public static boolean verify(String message, String signature, PublicKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** 32 random letters and digits, as the SDK makes them. */
    public static String nonce() {
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append(NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length())));
        }
        return b.toString();
    }

    /** The {@code Authorization} header of a request signed with the merchant key. */
    public static String authorization(String mchid, String serialNo, PrivateKey merchantKey, String method, String target,
                                       long timestamp, String nonce, String body) {
        String signature = sign(requestMessage(method, target, timestamp, nonce, body), merchantKey);
        return SCHEME + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature
                + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serialNo + "\"";
    }

    /** The items of an {@code Authorization} header (any order), or empty if it is not WeChat Pay's scheme. */
    public static Optional<Map<String, String>> parseAuthorization(String header) {
        if (header == null || !header.startsWith(SCHEME + " ")) {
            return Optional.empty();
        }
        Map<String, String> items = new LinkedHashMap<>();
        Matcher m = ITEM.matcher(header.substring(SCHEME.length() + 1));
        while (m.find()) {
            items.put(m.group(1), m.group(2));
        }
        return Optional.of(items);
    }
}
