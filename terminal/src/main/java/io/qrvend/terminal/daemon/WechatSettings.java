package io.qrvend.terminal.daemon;

import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wechat.*} section turned into a {@link WechatConfig}, its key files read and checked;
 * each problem is added naming its key, as for Alipay.
 */
final class WechatSettings {
    private WechatSettings() {
    }

    /** The config, or null when {@code problems} got something to say. */
    static WechatConfig from(TerminalConfig.Wechat w, List<String> problems) {
        int before = problems.size();
        URI gateway = url(w.gateway(), "wechat.gateway", "https://api.mch.weixin.qq.com", problems);
        required(w.mchid(), "wechat.mchid", "the merchant number, 10 digits", problems);
        required(w.appid(), "wechat.appid", "the app ID bound to the merchant, wx...", problems);
        PrivateKey merchantKey = DaemonSettings.key(w.merchantPrivateKey(), "wechat.merchant_private_key", problems,
                WechatKeys::readMerchantKey);
        required(w.merchantSerial(), "wechat.merchant_serial", "the merchant API certificate's serial number", problems);
        Map<String, X509Certificate> certificates = certificates(w.platformCertificates(), problems);
        PublicKey publicKey = null;
        if (w.publicKey() != null || w.platformCertificates().isEmpty()) {
            publicKey = DaemonSettings.key(w.publicKey(), "wechat.public_key", problems, WechatKeys::readPublicKey);
            required(w.publicKeyId(), "wechat.public_key_id", "the WeChat Pay public key's ID, PUB_KEY_ID_...", problems);
        }
        URI notifyUrl = url(w.notifyUrl(), "wechat.notify_url", "an https URL WeChat Pay may notify; the terminal polls", problems);
        if (problems.size() > before) {
            return null;
        }
        try {
            return new WechatConfig(gateway, w.mchid(), w.appid(), merchantKey, w.merchantSerial(), publicKey, w.publicKeyId(),
                    certificates, notifyUrl,
                    w.connectTimeout() != null ? w.connectTimeout() : WechatConfig.DEFAULT_CONNECT_TIMEOUT,
                    w.readTimeout() != null ? w.readTimeout() : WechatConfig.DEFAULT_READ_TIMEOUT);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static void required(String value, String key, String what, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(key + ": is required (" + what + ")");
        }
    }

    private static URI url(String text, String key, String example, List<String> problems) {
        if (text == null || text.isEmpty()) {
            problems.add(key + ": is required (" + example + ")");
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                problems.add(key + ": " + Quoted.of(text) + " is not an absolute URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + ": " + Quoted.of(text) + " is not a URL");
            return null;
        }
    }

    /** {@code wechat.platform_certificates}: each file read, by the serial number WeChat Pay names it with. */
    private static Map<String, X509Certificate> certificates(List<String> files, List<String> problems) {
        Map<String, X509Certificate> bySerial = new LinkedHashMap<>();
        for (String file : files) {
            X509Certificate certificate = DaemonSettings.key(file, "wechat.platform_certificates", problems,
                    WechatKeys::readPlatformCertificate);
            if (certificate != null && bySerial.put(WechatKeys.serial(certificate), certificate) != null) {
                problems.add("wechat.platform_certificates: " + file + " is a certificate already listed (serial "
                        + WechatKeys.serial(certificate) + ")");
            }
        }
        return bySerial;
    }
}
