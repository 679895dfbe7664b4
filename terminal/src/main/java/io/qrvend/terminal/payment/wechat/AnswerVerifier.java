package io.qrvend.terminal.payment.wechat;

import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.payment.RsaSignature;
import java.net.http.HttpHeaders;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an answer is WeChat Pay's own: signed ({@code Wechatpay-Signature}) over
 * {@code timestamp\nnonce\nbody\n} by the key that {@code Wechatpay-Serial} names, that key being
 * the configured WeChat Pay public key (by its ID) or a configured platform certificate valid now
 * (by serial), and signed less than {@link #MAX_SKEW} from our clock, so that an old answer cannot
 * be replayed. Says what is wrong, or null when nothing is.
 */
final class AnswerVerifier {
    /** The official SDK refuses answers whose timestamp is 5 minutes or more from local time; so do we. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final WechatConfig config;
    private final Clock clock;

    AnswerVerifier(WechatConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Null when the answer verifies; else why not, for the security log (never a secret). */
    String problem(HttpHeaders headers, byte[] body) {
        String timestamp = header(headers, "Wechatpay-Timestamp");
        String nonce = header(headers, "Wechatpay-Nonce");
        String signature = header(headers, "Wechatpay-Signature");
        String serial = header(headers, "Wechatpay-Serial");
        for (String[] h : new String[][] {{"Wechatpay-Timestamp", timestamp}, {"Wechatpay-Nonce", nonce},
                {"Wechatpay-Signature", signature}, {"Wechatpay-Serial", serial}}) {
            if (h[1] == null || h[1].isEmpty()) {
                return "no " + h[0] + " header (unsigned answer)";
            }
        }
        String type = header(headers, "Wechatpay-Signature-Type");
        if (type != null && !type.equals(WechatSignature.SCHEME)) {
            return "Wechatpay-Signature-Type " + Quoted.of(type) + " is not " + WechatSignature.SCHEME;
        }
        Instant signedAt = signedAt(timestamp);
        if (signedAt == null) {
            return "Wechatpay-Timestamp " + Quoted.of(timestamp) + " is not a Unix time in seconds";
        }
        Duration skew = Duration.between(clock.instant(), signedAt).abs();
        if (skew.compareTo(MAX_SKEW) >= 0) {
            return "Wechatpay-Timestamp " + timestamp + " is " + skew.toSeconds() + " s from this machine's clock (at most "
                    + MAX_SKEW.toSeconds() + " s; a replayed answer, or is the clock wrong?)";
        }
        PublicKey key = keyFor(serial);
        if (key == null) {
            return "Wechatpay-Serial " + Quoted.of(serial) + " names no key we hold (public key ID " + config.publicKeyId()
                    + ", platform certificates " + config.platformCertificates().keySet() + ")";
        }
        if (!RsaSignature.verify(WechatSignature.answerMessage(timestamp, nonce, body), signature, key)) {
            return "signature does not verify with the WeChat Pay key " + serial;
        }
        return null;
    }

    /**
     * The key we ask WeChat Pay to sign its answer with, sent as the request's {@code Wechatpay-Serial}:
     * without it WeChat Pay may sign with a platform certificate, which a merchant in public-key mode
     * does not hold (binarywang/WxJava#3548; the official SDK fills it in since 0.2.15). The public
     * key's ID when there is one, else the valid platform certificate that expires last.
     */
    String requestedSerial() {
        if (config.wechatPublicKey() != null) {
            return config.publicKeyId();
        }
        Date now = Date.from(clock.instant());
        String best = null;
        Date bestEnd = null;
        for (Map.Entry<String, X509Certificate> e : config.platformCertificates().entrySet()) {
            X509Certificate c = e.getValue();
            if (!now.before(c.getNotBefore()) && !now.after(c.getNotAfter()) && (bestEnd == null || c.getNotAfter().after(bestEnd))) {
                best = e.getKey();
                bestEnd = c.getNotAfter();
            }
        }
        return best;
    }

    /** The time an answer says it was signed, or null if it says nothing readable. */
    static Instant signedAt(String timestamp) {
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(timestamp));
    }

    private PublicKey keyFor(String serial) {
        if (config.wechatPublicKey() != null && serial.equals(config.publicKeyId())) {
            return config.wechatPublicKey();
        }
        X509Certificate certificate = config.platformCertificates().get(serial.toUpperCase(Locale.ROOT));
        if (certificate == null) {
            return null;
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return null; // an expired platform certificate verifies nothing any more
        }
        return certificate.getPublicKey();
    }

    private static String header(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(String::strip).orElse(null);
    }
}
