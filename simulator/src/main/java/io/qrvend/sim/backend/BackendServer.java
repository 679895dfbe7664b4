package io.qrvend.sim.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qrvend.terminal.money.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Alipay-compatible gateway on loopback: {@code POST /gateway.do} with the parameters in the
 * query string and/or a form body, as the official SDK sends them; answers signed with the
 * simulator's own "Alipay" private key. Plus what a test needs from the customer's side:
 * {@code POST /sim/scan?order=}, {@code POST /sim/pay?order=} and {@code GET /sim/trades}.
 */
public final class BackendServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackendServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_REQUEST = 64 * 1024;

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK, and every answer waits about 40 ms: not what a real gateway does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final FakeAlipay model;
    private final FaultPlan faults;
    private final FaultyAnswers answers;
    private final HttpServer server;
    private final ExecutorService workers;

    public BackendServer(FakeAlipay model, String appId, PublicKey appPublicKey, PrivateKey alipayPrivateKey,
                         FaultPlan faults, int port) throws IOException {
        this.model = model;
        this.faults = faults;
        this.answers = new FaultyAnswers(model, new GatewayHandler(model, appId, appPublicKey), alipayPrivateKey, faults);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-backend");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/gateway.do", this::gateway);
        server.createContext("/sim/scan", ex -> customer(ex, true));
        server.createContext("/sim/pay", ex -> customer(ex, false));
        server.createContext("/sim/trades", this::trades);
        server.start();
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI gatewayUri() {
        return baseUri().resolve("/gateway.do");
    }

    public FaultPlan faults() {
        return faults;
    }

    private void gateway(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod()) && !"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "POST only");
                return;
            }
            Map<String, String> params = new LinkedHashMap<>(decodeForm(ex.getRequestURI().getRawQuery()));
            byte[] body = ex.getRequestBody().readNBytes(MAX_REQUEST + 1);
            if (body.length > MAX_REQUEST) {
                send(ex, 413, "text/plain", "request too large");
                return;
            }
            params.putAll(decodeForm(new String(body, StandardCharsets.US_ASCII)));
            String method = params.getOrDefault("method", "");
            String orderNo = orderNo(params);
            Optional<Fault> fault = faults.next(method);
            if (fault.isPresent()) {
                log.info("{} {}: injecting {}", method, orderNo, fault.get());
            }
            String answer = fault.isPresent() ? answers.faulty(fault.get(), ex, method, orderNo, params) : answers.honest(method, params);
            if (answer != null) {
                answers.sent(method, orderNo, answer);
                send(ex, 200, "application/json;charset=utf-8", answer);
            }
        } catch (RuntimeException e) {
            log.error("simulated gateway failed", e);
            throw e;
        }
    }

    private void customer(HttpExchange ex, boolean scan) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "POST only");
                return;
            }
            String order = decodeForm(ex.getRequestURI().getRawQuery()).getOrDefault("order", "");
            boolean ok = scan ? model.scan(order) : model.pay(order);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("order", order);
            out.put(scan ? "scanned" : "paid", ok);
            if (!ok) {
                out.put("status", model.trade(order).map(t -> t.status().name()).orElse("NO_SUCH_ORDER"));
            }
            send(ex, ok ? 200 : 409, "application/json", JSON.writeValueAsString(out));
        }
    }

    private void trades(HttpExchange ex) throws IOException {
        try (ex) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (FakeAlipay.Trade t : model.ledger()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("out_trade_no", t.orderNo());
                m.put("status", t.status().name());
                m.put("total_amount", Money.format(t.amountFen()));
                m.put("paid_amount", Money.format(t.paidFen()));
                m.put("paid_at", t.paidAt() == null ? null : t.paidAt().toString());
                m.put("refunded_amount", Money.format(t.refundedFen()));
                Map<String, String> refunds = new LinkedHashMap<>();
                t.refunds().forEach((k, v) -> refunds.put(k, Money.format(v)));
                m.put("refunds", refunds);
                m.put("refunded_by_cancel", t.refundedByCancel());
                out.add(m);
            }
            send(ex, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        }
    }

    private static String orderNo(Map<String, String> params) {
        try {
            return JSON.readTree(params.getOrDefault("biz_content", "{}")).path("out_trade_no").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.put(k, v);
            }
        }
        return out;
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
