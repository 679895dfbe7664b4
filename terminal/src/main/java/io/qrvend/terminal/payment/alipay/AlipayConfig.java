package io.qrvend.terminal.payment.alipay;

import io.qrvend.terminal.payment.http.BackendUrl;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Alipay. A plain-http gateway is accepted only on a loopback address (the simulator);
 * {@link #testBackend()} then says so, and the daemon says it loudly.
 *
 * @param appPrivateKey signs our requests
 * @param alipayPublicKey verifies Alipay's answers; never our own public key
 */
public record AlipayConfig(URI gateway, String appId, PrivateKey appPrivateKey, PublicKey alipayPublicKey,
                           Duration connectTimeout, Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    public AlipayConfig {
        Objects.requireNonNull(gateway, "alipay.gateway");
        if (appId == null || !appId.matches("[0-9A-Za-z]{1,32}")) {
            throw new IllegalArgumentException("alipay.app_id must be 1-32 letters or digits");
        }
        Objects.requireNonNull(appPrivateKey, "alipay.app_private_key");
        Objects.requireNonNull(alipayPublicKey, "alipay.public_key");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("alipay timeouts must be positive");
        }
        BackendUrl.check("alipay.gateway", gateway);
    }

    /** Never the keys: a record's default toString would print them into any log that shows the config. */
    @Override
    public String toString() {
        return "AlipayConfig[gateway=" + gateway + ", appId=" + appId + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }

    /**
     * How long one call may take in all: connecting, sending, the headers and the whole body. A call
     * still unanswered then is abandoned and its answer unknown, however the gateway behaves (one
     * that sends its headers and then a byte now and then included).
     */
    public Duration callDeadline() {
        return connectTimeout.plus(readTimeout);
    }

    /** True when the gateway is a plain-http loopback address: a test backend, not Alipay. */
    public boolean testBackend() {
        return BackendUrl.isTestBackend(gateway);
    }
}
