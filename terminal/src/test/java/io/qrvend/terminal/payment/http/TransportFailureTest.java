package io.qrvend.terminal.payment.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The causes as the JDK's HTTP client wraps them (an outer exception of its own around the one
 * that says what happened), and what a technician reads for each.
 */
class TransportFailureTest {
    static final URI ALIPAY = URI.create("https://openapi.alipay.com/gateway.do");

    static <T extends Throwable> T causedBy(T outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    static String describe(Throwable t) {
        return TransportFailure.describe(t, ALIPAY);
    }

    @Test
    void aNameThatDoesNotResolve() {
        assertEquals("name does not resolve: openapi.alipay.com (check DNS and the network)",
                describe(causedBy(new ConnectException(), new UnresolvedAddressException())));
        assertEquals("name does not resolve: openapi.alipay.com (check DNS and the network)",
                describe(new UnknownHostException("openapi.alipay.com")));
    }

    @Test
    void aCertificateThisMachineDoesNotTrust() {
        SSLHandshakeException pkix = causedBy(new SSLHandshakeException("PKIX path building failed"),
                new CertificateException(new CertPathBuilderException("unable to find valid certification path")));
        assertEquals("certificate of openapi.alipay.com not trusted by this machine (CA certificates missing, or the connection"
                + " is intercepted)", describe(pkix));
    }

    @Test
    void anExpiredCertificatePointsAtTheClock() {
        SSLHandshakeException expired = causedBy(new SSLHandshakeException("PKIX path validation failed"),
                new CertificateExpiredException("NotAfter: Tue Jan 01 00:00:00 UTC 2019"));
        assertEquals("certificate of openapi.alipay.com expired or not yet valid (is this machine's clock right?)",
                describe(expired));
    }

    @Test
    void aCertificateForAnotherName() {
        assertEquals("certificate presented is not for openapi.alipay.com (the connection is intercepted or misrouted)",
                describe(causedBy(new SSLHandshakeException("No subject alternative DNS name matching openapi.alipay.com found."),
                        new CertificateException("No subject alternative DNS name matching openapi.alipay.com found."))));
    }

    @Test
    void refusedUnreachableResetAndClosedConnections() {
        assertEquals("connection refused by openapi.alipay.com:443 (nothing listening there)",
                describe(causedBy(new ConnectException(), new ConnectException("Connection refused"))));
        assertEquals("cannot connect to openapi.alipay.com:443: connection refused (nothing listening there, or a firewall rejects it)",
                describe(causedBy(new ConnectException(), new java.nio.channels.ClosedChannelException())));
        assertEquals("no route to openapi.alipay.com:443 (network down?)", describe(new NoRouteToHostException("No route to host")));
        assertEquals("network unreachable for openapi.alipay.com:443 (no network link or route)",
                describe(causedBy(new ConnectException(), new SocketException("Network is unreachable"))));
        assertEquals("connection reset by openapi.alipay.com:443", describe(new SocketException("Connection reset")));
        assertEquals("connection closed by openapi.alipay.com:443 before a whole answer", describe(new EOFException("EOF reached while reading")));
        assertEquals("connecting to openapi.alipay.com:443 timed out", describe(new HttpConnectTimeoutException("HTTP connect timed out")));
    }

    @Test
    void anythingElseStillNamesTheExceptionAndItsMessage() {
        assertEquals("connection: IOException: something odd", describe(new IOException("something odd")));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertEquals("connection: IOException: a", describe(a));
    }
}
