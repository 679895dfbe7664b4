package io.qrvend.terminal.payment.http;

import io.qrvend.terminal.config.Quoted;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The rule for a payment backend's address: https, or plain http on a loopback address only (the
 * simulator), which the daemon then announces loudly as a test backend.
 */
public final class BackendUrl {
    private BackendUrl() {
    }

    /** Throws, naming {@code key}, unless {@code url} is https or loopback http. */
    public static void check(String key, URI url) {
        String scheme = url.getScheme();
        if ("http".equals(scheme)) {
            if (!isLoopback(url.getHost())) {
                throw new IllegalArgumentException(key + " " + Quoted.name(url.toString())
                        + ": plain http is only accepted on a loopback address (the simulator); use https");
            }
        } else if (!"https".equals(scheme)) {
            throw new IllegalArgumentException(key + " " + Quoted.name(url.toString()) + " must be an https URL");
        }
    }

    /** True for a plain-http address (which {@link #check} only lets through on loopback): a test backend. */
    public static boolean isTestBackend(URI url) {
        return "http".equals(url.getScheme());
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would let DNS decide what is "loopback".
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
