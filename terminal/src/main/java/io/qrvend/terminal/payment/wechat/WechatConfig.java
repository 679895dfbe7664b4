package io.qrvend.terminal.payment.wechat;

import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.payment.http.BackendUrl;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach WeChat Pay API v3 as a direct merchant. A plain-http gateway is accepted only on a
 * loopback address (the simulator); {@link #testBackend()} then says so, and the daemon says it loudly.
 *
 * <p>Answers are verified with the WeChat Pay public key whose ID is {@code publicKeyId} (every
 * merchant since late 2024 has one) and, as a second mode, with platform certificates by serial
 * number (older merchants); at least one of the two is needed. Never with our own certificate.
 *
 * @param gateway e.g. {@code https://api.mch.weixin.qq.com}; the API paths are appended to it
 * @param merchantKey signs our requests (apiclient_key.pem)
 * @param merchantSerial the serial number of the merchant API certificate, sent with each request
 * @param wechatPublicKey the WeChat Pay public key, or null when only platform certificates are used
 * @param publicKeyId its ID ({@code PUB_KEY_ID_...}), which answers name in {@code Wechatpay-Serial}
 * @param platformCertificates platform certificates by serial number (upper-case hex); may be empty
 * @param notifyUrl where WeChat Pay posts payment notifications: required by the API, https, no
 *                  query string; the terminal does not serve it (it polls), a back office may
 */
public record WechatConfig(URI gateway, String mchid, String appid, PrivateKey merchantKey, String merchantSerial,
                           PublicKey wechatPublicKey, String publicKeyId, Map<String, X509Certificate> platformCertificates,
                           URI notifyUrl, Duration connectTimeout, Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The prefix of every WeChat Pay public key ID. */
    public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

    public WechatConfig {
        Objects.requireNonNull(gateway, "wechat.gateway");
        BackendUrl.check("wechat.gateway", gateway);
        if (mchid == null || !mchid.matches("[0-9]{1,32}")) {
            throw new IllegalArgumentException("wechat.mchid " + Quoted.of(mchid) + " must be the merchant number (1-32 digits)");
        }
        if (appid == null || !appid.matches("[0-9A-Za-z_]{1,32}")) {
            throw new IllegalArgumentException("wechat.appid " + Quoted.of(appid) + " must be 1-32 letters, digits or _ (wx...)");
        }
        Objects.requireNonNull(merchantKey, "wechat.merchant_private_key");
        if (merchantSerial == null || !merchantSerial.matches("[0-9A-Fa-f]{1,64}")) {
            throw new IllegalArgumentException("wechat.merchant_serial " + Quoted.of(merchantSerial)
                    + " must be the merchant API certificate's serial number in hex (openssl x509 -in apiclient_cert.pem -noout -serial)");
        }
        platformCertificates = Map.copyOf(platformCertificates == null ? Map.of() : platformCertificates);
        if (wechatPublicKey == null && platformCertificates.isEmpty()) {
            throw new IllegalArgumentException("wechat.public_key: is required (the WeChat Pay public key that verifies every answer)");
        }
        if (wechatPublicKey != null && (publicKeyId == null || !publicKeyId.startsWith(PUBLIC_KEY_ID_PREFIX)
                || !publicKeyId.matches("[0-9A-Za-z_]{1,64}"))) {
            throw new IllegalArgumentException("wechat.public_key_id " + Quoted.of(publicKeyId) + " must be the key's ID as the merchant"
                    + " platform shows it, " + PUBLIC_KEY_ID_PREFIX + "...");
        }
        Objects.requireNonNull(notifyUrl, "wechat.notify_url");
        if (!"https".equals(notifyUrl.getScheme()) || notifyUrl.getHost() == null || notifyUrl.getRawQuery() != null
                || notifyUrl.toString().length() > 255) {
            throw new IllegalArgumentException("wechat.notify_url " + Quoted.of(notifyUrl.toString())
                    + " must be an https URL without a query string (WeChat Pay requires one; the terminal polls and does not serve it)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("wechat timeouts must be positive");
        }
    }

    /** Never the keys: a record's default toString would print them into any log that shows the config. */
    @Override
    public String toString() {
        return "WechatConfig[gateway=" + gateway + ", mchid=" + mchid + ", appid=" + appid + ", merchantSerial=" + merchantSerial
                + ", publicKeyId=" + publicKeyId + ", platformCertificates=" + platformCertificates.keySet() + ", notifyUrl=" + notifyUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    /** How long one call may take in all, body included; a call still unanswered then is abandoned. */
    public Duration callDeadline() {
        return connectTimeout.plus(readTimeout);
    }

    /** True when the gateway is a plain-http loopback address: a test backend, not WeChat Pay. */
    public boolean testBackend() {
        return BackendUrl.isTestBackend(gateway);
    }
}
