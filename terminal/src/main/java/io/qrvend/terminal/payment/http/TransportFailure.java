package io.qrvend.terminal.payment.http;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says why a call did not reach the gateway in words a technician can act on: which name does not
 * resolve, whose certificate this machine does not trust, who refused the connection. The HTTP
 * client wraps the real cause in one or two layers of its own, so the whole cause chain is read.
 */
public final class TransportFailure {
    private static final int MAX_CAUSES = 10;

    private TransportFailure() {
    }

    public static String describe(Throwable failure, URI gateway) {
        String host = gateway.getHost();
        String address = host + ":" + (gateway.getPort() >= 0 ? gateway.getPort() : "https".equals(gateway.getScheme()) ? 443 : 80);
        List<Throwable> chain = causes(failure);
        if (any(chain, UnresolvedAddressException.class) || any(chain, UnknownHostException.class)) {
            return "name does not resolve: " + host + " (check DNS and the network)";
        }
        if (any(chain, CertificateExpiredException.class) || any(chain, CertificateNotYetValidException.class)) {
            return "certificate of " + host + " expired or not yet valid (is this machine's clock right?)";
        }
        if (any(chain, CertPathBuilderException.class) || any(chain, CertPathValidatorException.class) || mentions(chain, "pkix")) {
            return "certificate of " + host + " not trusted by this machine (CA certificates missing, or the connection is intercepted)";
        }
        if (mentions(chain, "no subject alternative")) {
            return "certificate presented is not for " + host + " (the connection is intercepted or misrouted)";
        }
        if (any(chain, SSLException.class)) {
            return "TLS with " + host + " failed: " + first(chain, SSLException.class).getMessage();
        }
        if (any(chain, HttpConnectTimeoutException.class)) {
            return "connecting to " + address + " timed out";
        }
        if (any(chain, HttpTimeoutException.class)) {
            return "timed out waiting for " + address;
        }
        if (any(chain, NoRouteToHostException.class) || mentions(chain, "no route to host")) {
            return "no route to " + address + " (network down?)";
        }
        if (mentions(chain, "network is unreachable")) {
            return "network unreachable for " + address + " (no network link or route)";
        }
        if (mentions(chain, "connection refused")) {
            return "connection refused by " + address + " (nothing listening there)";
        }
        if (mentions(chain, "connection reset")) {
            return "connection reset by " + address;
        }
        if (any(chain, EOFException.class) || mentions(chain, "received no bytes") || mentions(chain, "connection closed")) {
            return "connection closed by " + address + " before a whole answer";
        }
        if (any(chain, ConnectException.class) && chain.stream().allMatch(t -> t.getMessage() == null)) {
            // What the JDK's client reports for a refused connection: no message, a closed channel below.
            return "cannot connect to " + address + ": connection refused (nothing listening there, or a firewall rejects it)";
        }
        if (any(chain, ConnectException.class)) {
            return "cannot connect to " + address + ": " + message(first(chain, ConnectException.class));
        }
        if (any(chain, SocketException.class)) {
            return "connection to " + address + " failed: " + message(first(chain, SocketException.class));
        }
        return "connection: " + failure.getClass().getSimpleName() + ": " + message(failure);
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_CAUSES && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean any(List<Throwable> chain, Class<? extends Throwable> type) {
        return first(chain, type) != null;
    }

    private static Throwable first(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().filter(type::isInstance).findFirst().orElse(null);
    }

    private static boolean mentions(List<Throwable> chain, String words) {
        return chain.stream().anyMatch(t -> t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(words));
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
