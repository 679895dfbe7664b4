package io.qrvend.sim.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.qrvend.terminal.payment.alipay.AlipayResponse;
import io.qrvend.terminal.payment.alipay.AlipaySignature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's answers, honest or as a fault of the plan makes them: signed by Alipay's key, by a
 * forger's, cut in half, stale, late, dripped. Every {@link Fault} is named in {@link #faulty}'s
 * switch, so a new one does not compile until it says what it sends.
 */
final class FaultyAnswers {
    private static final Logger log = LoggerFactory.getLogger(FaultyAnswers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long DRIP_INTERVAL_MS = 100;

    private final FakeAlipay model;
    private final GatewayHandler gateway;
    private final PrivateKey alipayPrivateKey;
    private final PrivateKey forgerKey = BackendServer.newKeyPair().getPrivate();
    private final FaultPlan faults;
    private final Map<String, String> lastBodies = new ConcurrentHashMap<>();

    FaultyAnswers(FakeAlipay model, GatewayHandler gateway, PrivateKey alipayPrivateKey, FaultPlan faults) {
        this.model = model;
        this.gateway = gateway;
        this.alipayPrivateKey = alipayPrivateKey;
        this.faults = faults;
    }

    /** What Alipay would answer, signed with its key. */
    String honest(String method, Map<String, String> params) {
        return answer(method, params, alipayPrivateKey);
    }

    /** Remembered, so that a later {@link Fault#STALE} answer can repeat it. */
    void sent(String method, String orderNo, String answer) {
        lastBodies.put(method + " " + orderNo, answer);
    }

    /** The answer a fault makes of this call; null when it sends none. */
    String faulty(Fault fault, HttpExchange ex, String method, String orderNo, Map<String, String> params)
            throws IOException {
        return switch (fault) {
            case LATENCY -> {
                pause(faults.latency().toMillis());
                yield answer(method, params, alipayPrivateKey);
            }
            case TIMEOUT -> {
                pause(faults.hold().toMillis());
                yield null;
            }
            case RESET -> null;
            case HTTP_500 -> {
                BackendServer.send(ex, 500, "text/html;charset=utf-8", "<html><body>500 Internal Server Error</body></html>");
                yield null;
            }
            case UNAVAILABLE -> signed(method, GatewayHandler.error("20000", "Service Currently Unavailable", "isp.unknow-error",
                    "系统繁忙"), alipayPrivateKey);
            case SYSTEM_ERROR -> signed(method, GatewayHandler.business("ACQ.SYSTEM_ERROR", "系统错误"), alipayPrivateKey);
            case GARBLED -> {
                String real = answer(method, params, alipayPrivateKey);
                yield real.substring(0, real.length() / 2);
            }
            case BAD_SIGNATURE -> answer(method, params, forgerKey);
            case FORGED_PAID -> signed(method, gateway.forgedPaid(orderNo), forgerKey);
            case STALE -> {
                String last = lastBodies.get(method + " " + orderNo);
                yield last != null ? last : answer(method, params, alipayPrivateKey);
            }
            case PAY_BEFORE_CANCEL -> {
                if (method.equals("alipay.trade.cancel")) {
                    model.pay(orderNo);
                }
                yield answer(method, params, alipayPrivateKey);
            }
            case DRIP -> {
                drip(ex, method, orderNo, answer(method, params, alipayPrivateKey));
                yield null;
            }
            case UNSIGNED -> unsigned(method, gateway.answer(params));
            // Alipay's answers carry no timestamp to age, and Alipay has no "user paying" state.
            case OLD_TIMESTAMP, USERPAYING_LASTS -> answer(method, params, alipayPrivateKey);
        };
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

    /** The body Alipay sends, without the {@code sign} a real answer always has. */
    private static String unsigned(String method, Map<String, Object> node) {
        try {
            String name = method.isEmpty() ? "error_response" : AlipayResponse.nodeName(method);
            return "{\"" + name + "\":" + JSON.writeValueAsString(node) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
