package io.qrvend.terminal.payment.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a stub server on loopback that answers exactly what each test sets, well
 * formed or not: everything that is not a verified, consistent answer must come out unknown.
 */
class AlipayGatewayTest {
    static final String ORDER = "T1_261122_00000001";
    static KeyPair alipay;
    static KeyPair forger;

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService threads;
    AlipayGateway gateway;
    PrivateKey appKey;
    volatile int status = 200;
    volatile String contentType = "application/json;charset=utf-8";
    volatile String body = "";
    volatile Map<String, String> lastQuery;
    volatile Map<String, String> lastForm;
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hold;

    static synchronized KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        if (alipay == null) {
            alipay = keys();
            forger = keys();
        }
        threads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/gateway.do", ex -> {
            try (ex) {
                lastQuery = decode(ex.getRequestURI().getRawQuery());
                lastForm = decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (hold) {
                    release.await(30, TimeUnit.SECONDS);
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", contentType);
                ex.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        appKey = TestKeys.appPrivate(dir);
        AlipayConfig config = new AlipayConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do"),
                "2021000000000001", appKey, alipay.getPublic(), Duration.ofSeconds(2), Duration.ofSeconds(3)); // generous: a loaded machine
        gateway = new AlipayGateway(config, Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static String signed(String method, String node, PrivateKey key) {
        return "{\"" + AlipayResponse.nodeName(method) + "\":" + node + ",\"sign\":\"" + AlipaySignature.sign(node, key) + "\"}";
    }

    void answer(String method, String node) {
        body = signed(method, node, alipay.getPrivate());
    }

    static final String PAID = "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"" + ORDER
            + "\",\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"3.50\",\"send_pay_date\":\"2026-11-22 16:00:05\"}";

    @Test
    void requestIsSignedAndSentAsTheOfficialSdkSendsIt() {
        answer("alipay.trade.precreate", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"" + ORDER
                + "\",\"qr_code\":\"https://qr.alipay.com/bax01\"}");
        CreateResult r = gateway.create(new OrderRequest(ORDER, 350, "Cola", Duration.ofSeconds(150)));
        assertEquals(new CreateResult.Created("https://qr.alipay.com/bax01"), r);
        assertEquals("alipay.trade.precreate", lastQuery.get("method"));
        assertEquals("2026-11-22 16:00:00", lastQuery.get("timestamp"), "GMT+8");
        assertEquals("RSA2", lastQuery.get("sign_type"));
        assertTrue(lastForm.get("biz_content").contains("\"timeout_express\":\"3m\""), lastForm.toString());
        assertTrue(lastForm.get("biz_content").contains("\"total_amount\":\"3.50\""), lastForm.toString());
        Map<String, String> all = new LinkedHashMap<>(lastQuery);
        all.putAll(lastForm);
        assertTrue(AlipaySignature.verify(AlipaySignature.requestContent(all), all.get("sign"), TestKeys.appPublic(dir)));
    }

    @Test
    void verifiedAnswersMapToResults() {
        answer("alipay.trade.query", PAID);
        assertEquals(new QueryResult.Paid(350, Instant.parse("2026-11-22T08:00:05Z")), gateway.query(ORDER));
        answer("alipay.trade.query", "{\"code\":\"10000\",\"out_trade_no\":\"" + ORDER + "\",\"trade_status\":\"WAIT_BUYER_PAY\"}");
        assertEquals(new QueryResult.Waiting(), gateway.query(ORDER));
        answer("alipay.trade.query", "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\"}");
        assertEquals(new QueryResult.NotFound(), gateway.query(ORDER));
        answer("alipay.trade.query", "{\"code\":\"10000\",\"out_trade_no\":\"" + ORDER + "\",\"trade_status\":\"TRADE_CLOSED\"}");
        assertEquals(new QueryResult.Closed(), gateway.query(ORDER));

        answer("alipay.trade.cancel", "{\"code\":\"10000\",\"action\":\"refund\",\"retry_flag\":\"N\"}");
        assertEquals(new CancelResult.Cancelled(true), gateway.cancel(ORDER));
        answer("alipay.trade.cancel", "{\"code\":\"10000\",\"action\":\"close\",\"retry_flag\":\"N\"}");
        assertEquals(new CancelResult.Cancelled(false), gateway.cancel(ORDER));
        answer("alipay.trade.cancel", "{\"code\":\"40004\",\"sub_code\":\"ACQ.SYSTEM_ERROR\",\"retry_flag\":\"Y\"}");
        assertInstanceOf(CancelResult.RetryLater.class, gateway.cancel(ORDER));

        answer("alipay.trade.refund", "{\"code\":\"10000\",\"out_trade_no\":\"" + ORDER + "\",\"refund_fee\":\"3.50\",\"fund_change\":\"N\"}");
        assertEquals(new RefundResult.Refunded(350), gateway.refund(ORDER, ORDER + "R1", 350));
        answer("alipay.trade.refund", "{\"code\":\"40004\",\"sub_code\":\"ACQ.SELLER_BALANCE_NOT_ENOUGH\"}");
        assertInstanceOf(RefundResult.Rejected.class, gateway.refund(ORDER, ORDER + "R1", 350));
        answer("alipay.trade.refund", "{\"code\":\"40004\",\"sub_code\":\"ACQ.SYSTEM_ERROR\"}");
        assertInstanceOf(RefundResult.Unknown.class, gateway.refund(ORDER, ORDER + "R1", 350));

        answer("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"out_trade_no\":\"" + ORDER + "\",\"out_request_no\":\""
                + ORDER + "R1\",\"refund_amount\":\"3.50\",\"refund_status\":\"REFUND_SUCCESS\"}");
        assertEquals(new RefundQueryResult.Refunded(350), gateway.queryRefund(ORDER, ORDER + "R1"));
        answer("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"out_trade_no\":\"" + ORDER + "\"}");
        assertEquals(new RefundQueryResult.NotFound(), gateway.queryRefund(ORDER, ORDER + "R1"));
    }

    @Test
    void anythingNotVerifiedAndConsistentIsUnknownNeverPaid() {
        String forged = signed("alipay.trade.query", PAID, forger.getPrivate());
        String unsigned = "{\"alipay_trade_query_response\":" + PAID + "}";
        String otherOrder = signed("alipay.trade.query", PAID.replace(ORDER, "T1_261122_00000002"), alipay.getPrivate());
        String tampered = signed("alipay.trade.query", PAID, alipay.getPrivate()).replace("3.50", "0.01");
        String noStatus = signed("alipay.trade.query", "{\"code\":\"10000\",\"out_trade_no\":\"" + ORDER + "\"}", alipay.getPrivate());
        String noCode = signed("alipay.trade.query", "{\"trade_status\":\"TRADE_SUCCESS\"}", alipay.getPrivate());
        String badAmount = signed("alipay.trade.query", PAID.replace("\"3.50\"", "\"3.5x\""), alipay.getPrivate());
        String unavailable = signed("alipay.trade.query", "{\"code\":\"20000\",\"sub_code\":\"isp.unknow-error\"}", alipay.getPrivate());
        String systemError = signed("alipay.trade.query", "{\"code\":\"40004\",\"sub_code\":\"ACQ.SYSTEM_ERROR\"}", alipay.getPrivate());
        String huge = "{\"alipay_trade_query_response\":" + PAID + ",\"pad\":\"" + "x".repeat(100_000) + "\"}";
        for (String b : new String[] {forged, unsigned, otherOrder, tampered, noStatus, noCode, badAmount, unavailable,
            systemError, huge, "{not json", "", PAID, "{\"alipay_trade_query_response\":" + PAID}) {
            body = b;
            assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER), b.length() > 200 ? b.substring(0, 200) : b);
        }
    }

    @Test
    void wrongContentTypeAndServerErrorsAreUnknown() {
        answer("alipay.trade.query", PAID);
        contentType = "image/png";
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER));
        contentType = "application/json";
        status = 500;
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER));
        status = 302;
        assertInstanceOf(QueryResult.Unknown.class, gateway.query(ORDER));
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsUnknown() {
        hold = true;
        QueryResult r = gateway.query(ORDER);
        assertEquals(new QueryResult.Unknown("no answer within 3000 ms"), r);
    }

    @Test
    void nothingListeningIsUnknown() throws Exception {
        server.stop(0);
        assertInstanceOf(CancelResult.Unknown.class, gateway.cancel(ORDER));
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlipayConfig(
                URI.create("http://openapi.alipay.com/gateway.do"), "2021000000000001", alipay.getPrivate(), alipay.getPublic(),
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("plain http is only accepted on a loopback address"), e.getMessage());
        AlipayConfig prod = new AlipayConfig(URI.create("https://openapi.alipay.com/gateway.do"), "2021000000000001",
                alipay.getPrivate(), alipay.getPublic(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertTrue(!prod.testBackend());
        AlipayConfig local = new AlipayConfig(URI.create("http://[::1]:8080/gateway.do"), "2021000000000001",
                alipay.getPrivate(), alipay.getPublic(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertTrue(local.testBackend());
        String modulusStart = ((java.security.interfaces.RSAPrivateKey) alipay.getPrivate()).getModulus().toString().substring(0, 20);
        assertTrue(!local.toString().contains(modulusStart) && !local.toString().toLowerCase().contains("key"), local.toString());
        assertThrows(IllegalArgumentException.class, () -> new AlipayConfig(URI.create("http://127.0.0.1.example.com/gateway.do"),
                "2021000000000001", alipay.getPrivate(), alipay.getPublic(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void anAnswerForAnotherAppIdIsUnknownThoughValidlySigned() {
        String ours = PAID.replace("{\"code\"", "{\"app_id\":\"2021000000000001\",\"code\"");
        answer("alipay.trade.query", ours);
        assertEquals(new QueryResult.Paid(350, Instant.parse("2026-11-22T08:00:05Z")), gateway.query(ORDER), "our own app id is fine");
        for (String other : new String[] {"\"app_id\":\"2021000000000999\"", "\"auth_app_id\":\"2021000000000999\"",
            "\"app_id\":2021000000000001"}) {
            answer("alipay.trade.query", PAID.replace("{\"code\"", "{" + other + ",\"code\""));
            QueryResult r = gateway.query(ORDER);
            assertInstanceOf(QueryResult.Unknown.class, r, other);
            assertTrue(((QueryResult.Unknown) r).reason().contains("another merchant"), r.toString());
        }
        answer("alipay.trade.refund", "{\"code\":\"10000\",\"app_id\":\"2021000000000999\",\"out_trade_no\":\"" + ORDER
                + "\",\"refund_fee\":\"3.50\",\"fund_change\":\"Y\"}");
        assertInstanceOf(RefundResult.Unknown.class, gateway.refund(ORDER, ORDER + "R1", 350));
    }

    @Test
    void aGatewayWhoseBodyNeverEndsIsAbandonedAtTheDeadlineAndTheConnectionDropped() throws Exception {
        StalledBody stalled = new StalledBody();
        server.createContext("/drip", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                stalled.serve(ex);
            }
        });
        AlipayGateway dripped = new AlipayGateway(new AlipayConfig(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/drip"), "2021000000000001",
                appKey, alipay.getPublic(), Duration.ofSeconds(2), Duration.ofSeconds(3)), Clock.systemUTC());
        try {
            QueryResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> dripped.query(ORDER));
            assertEquals(new QueryResult.Unknown("no whole answer within 5000 ms (call abandoned)"), r);
            assertTrue(stalled.awaitStalled(Duration.ZERO), "the answer had begun: headers and a byte of body");
        } finally {
            stalled.release();
        }
        assertTrue(stalled.awaitClientGone(Duration.ofSeconds(30)), "the abandoned connection was closed");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AlipayGateway refused = new AlipayGateway(new AlipayConfig(URI.create("http://127.0.0.1:" + port + "/gateway.do"),
                "2021000000000001", appKey, alipay.getPublic(), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                Clock.systemUTC());
        QueryResult r = refused.query(ORDER);
        assertEquals(new QueryResult.Unknown("cannot connect to 127.0.0.1:" + port
                + ": connection refused (nothing listening there, or a firewall rejects it)"), r);
    }

    @Test
    void aNameThatDoesNotResolveSaysSo() throws Exception {
        AlipayGateway nowhere = new AlipayGateway(new AlipayConfig(URI.create("https://qrvend-test.invalid/gateway.do"),
                "2021000000000001", appKey, alipay.getPublic(), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Clock.systemUTC());
        QueryResult r = nowhere.query(ORDER);
        assertEquals(new QueryResult.Unknown("name does not resolve: qrvend-test.invalid (check DNS and the network)"), r);
    }

    @Test
    void aCertificateThisMachineDoesNotTrustSaysSo() throws Exception {
        Path store = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "gw", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertEquals(0, keytool.waitFor());
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        https.setExecutor(threads);
        https.createContext("/gateway.do", ex -> {
            try (ex) {
                ex.sendResponseHeaders(500, -1);
            }
        });
        https.start();
        try {
            AlipayGateway untrusted = new AlipayGateway(new AlipayConfig(
                    URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/gateway.do"), "2021000000000001",
                    appKey, alipay.getPublic(), Duration.ofSeconds(5), Duration.ofSeconds(5)), Clock.systemUTC());
            QueryResult r = untrusted.query(ORDER);
            assertInstanceOf(QueryResult.Unknown.class, r);
            assertTrue(((QueryResult.Unknown) r).reason().startsWith("certificate of 127.0.0.1 not trusted by this machine"), r.toString());
        } finally {
            https.stop(0);
        }
    }
}
