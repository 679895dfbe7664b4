package io.qrvend.sim.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.alipay.AlipayResponse;
import io.qrvend.terminal.payment.alipay.AlipaySignature;
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
import java.util.concurrent.ConcurrentHashMap;
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
    static final long DRIP_INTERVAL_MS = 100;

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK, and every answer waits about 40 ms: not what a real gateway does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final FakeAlipay model;
    private final GatewayHandler gateway;
    private final PrivateKey alipayPrivateKey;
    private final PrivateKey forgerKey;
    private final FaultPlan faults;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, String> lastBodies = new ConcurrentHashMap<>();

    public BackendServer(FakeAlipay model, String appId, PublicKey appPublicKey, PrivateKey alipayPrivateKey,
                         FaultPlan faults, int port) throws IOException {
        this.model = model;
        this.gateway = new GatewayHandler(model, appId, appPublicKey);
        this.alipayPrivateKey = alipayPrivateKey;
        this.forgerKey = newKeyPair().getPrivate();
        this.faults = faults;
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
            String answer = fault.isPresent() ? faulty(fault.get(), ex, method, orderNo, params) : answer(method, params, alipayPrivateKey);
            if (answer != null) {
                lastBodies.put(method + " " + orderNo, answer);
                send(ex, 200, "application/json;charset=utf-8", answer);
            }
        } catch (RuntimeException e) {
            log.error("simulated gateway failed", e);
            throw e;
        }
    }

    /** The answer a fault makes of this call; null when it sends none. */
    private String faulty(Fault fault, HttpExchange ex, String method, String orderNo, Map<String, String> params)
            throws IOException {
        switch (fault) {
            case LATENCY:
                pause(faults.latency().toMillis());
                return answer(method, params, alipayPrivateKey);
            case TIMEOUT:
                pause(faults.hold().toMillis());
                return null;
            case RESET:
                return null;
            case HTTP_500:
                send(ex, 500, "text/html;charset=utf-8", "<html><body>500 Internal Server Error</body></html>");
                return null;
            case UNAVAILABLE:
                return signed(method, GatewayHandler.error("20000", "Service Currently Unavailable", "isp.unknow-error",
                        "系统繁忙"), alipayPrivateKey);
            case SYSTEM_ERROR:
                return signed(method, GatewayHandler.business("ACQ.SYSTEM_ERROR", "系统错误"), alipayPrivateKey);
            case GARBLED:
                String real = answer(method, params, alipayPrivateKey);
                return real.substring(0, real.length() / 2);
            case BAD_SIGNATURE:
                return answer(method, params, forgerKey);
            case FORGED_PAID:
                return signed(method, gateway.forgedPaid(orderNo), forgerKey);
            case STALE:
                String last = lastBodies.get(method + " " + orderNo);
                return last != null ? last : answer(method, params, alipayPrivateKey);
            case PAY_BEFORE_CANCEL:
                if (method.equals("alipay.trade.cancel")) {
                    model.pay(orderNo);
                }
                return answer(method, params, alipayPrivateKey);
            case DRIP:
                drip(ex, method, orderNo, answer(method, params, alipayPrivateKey));
                return null;
            default:
                throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    /**
     * Headers at once, then one byte (a space, which JSON allows before the answer) every
     * {@link #DRIP_INTERVAL_MS} ms for the plan's drip bound, and only then {@code answer}: a client
     * without a deadline on the body waits the whole bound for every call. Ends early when the
     * client has gone (a write fails), so no server thread outlives its client by much.
     */
    private void drip(HttpExchange ex, String method, String orderNo, String answer) {
        long bound = System.nanoTime() + faults.drip().toNanos();
        int dripped = 0;
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            while (System.nanoTime() - bound < 0) {
                out.write(' ');
                out.flush();
                dripped++;
                Thread.sleep(DRIP_INTERVAL_MS);
            }
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.flush();
            log.info("{} {}: answered after a drip of {} bytes", method, orderNo, dripped);
        } catch (IOException e) {
            log.info("{} {}: drip ended after {} bytes, the client has gone ({})", method, orderNo, dripped, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String answer(String method, Map<String, String> params, PrivateKey key) {
        return signed(method, gateway.answer(params), key);
    }

    /** The body Alipay sends: the node's exact JSON text, and a signature over that text. */
    private static String signed(String method, Map<String, Object> node, PrivateKey key) {
        try {
            String text = JSON.writeValueAsString(node);
            String name = method.isEmpty() ? "error_response" : AlipayResponse.nodeName(method);
            return "{\"" + name + "\":" + text + ",\"sign\":\"" + AlipaySignature.sign(text, key) + "\"}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
