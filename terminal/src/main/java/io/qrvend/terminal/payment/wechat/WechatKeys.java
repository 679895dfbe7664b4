package io.qrvend.terminal.payment.wechat;

import io.qrvend.terminal.payment.KeyFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Reads the key files of a WeChat Pay set-up with {@link KeyFiles}'s checks (a private key owned by
 * qrvend and readable by it only, RSA of 2048 bits or more) and WeChat Pay's advice in the errors.
 */
public final class WechatKeys {
    static final KeyFiles.Advice ADVICE = new KeyFiles.Advice("WeChat Pay's WECHATPAY2-SHA256-RSA2048", "apiclient_key.pem",
            "apply for a new merchant API certificate with it in the WeChat Pay merchant platform", "wechat.merchant_private_key");

    private WechatKeys() {
    }

    /** The merchant API private key ({@code apiclient_key.pem}). */
    public static PrivateKey readMerchantKey(Path file) {
        return KeyFiles.readPrivateKey(file, ADVICE);
    }

    /** The WeChat Pay public key ({@code pub_key.pem}, downloaded from the merchant platform). */
    public static PublicKey readPublicKey(Path file) {
        return KeyFiles.readPublicKey(file, ADVICE);
    }

    /** A WeChat Pay platform certificate (the older mode). */
    public static X509Certificate readPlatformCertificate(Path file) {
        return KeyFiles.readCertificate(file, ADVICE);
    }

    /** A certificate's serial number as WeChat Pay writes it in {@code Wechatpay-Serial}: upper-case hex. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }
}
