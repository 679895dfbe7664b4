package io.qrvend.sim.backend.wechat;

import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.Fault;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Exchange;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Request;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Response;
import io.qrvend.sim.backend.wechat.WechatApi.Answer;
import io.qrvend.sim.backend.wechat.WechatApi.Call;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated WeChat Pay's answers, honest or as a fault of the plan makes them. An honest answer
 * carries {@code Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} (over
 * {@code timestamp\nnonce\nbody\n} with WeChat Pay's private key), {@code -Serial} (the public key ID)
 * and {@code Request-ID}. Every {@link Fault} is named in {@link #faulty}'s switch, so a new one does
 * not compile until it says what WeChat Pay sends for it.
 */
final class WechatAnswers {
    private static final Logger log = LoggerFactory.getLogger(WechatAnswers.class);
    static final long DRIP_INTERVAL_MS = 100;
    /** How old an OLD_TIMESTAMP answer's timestamp is: beyond the 5 minutes a client accepts. */
    static final Duration OLD = Duration.ofMinutes(6);

    private final FakeWechatPay model;
    private final WechatApi api;
    private final PrivateKey wechatPayKey;
    private final String publicKeyId;
    private final PrivateKey forgerKey = Forger.KEY;
    private final FaultPlan faults;
    private final Clock wallClock;
    private final Map<String, Response> lastSent = new ConcurrentHashMap<>();

    WechatAnswers(FakeWechatPay model, WechatApi api, PrivateKey wechatPayKey, String publicKeyId, FaultPlan faults,
                  Clock wallClock) {
        this.model = model;
        this.api = api;
        this.wechatPayKey = wechatPayKey;
        this.publicKeyId = publicKeyId;
        this.faults = faults;
        this.wallClock = wallClock;
    }

    /** What WeChat Pay would answer, signed with its key. */
    Response honest(Call call, Request r) {
        return signed(api.answer(call, r), wechatPayKey, Duration.ZERO);
    }

    /** Remembered, so that a later {@link Fault#STALE} answer can repeat it word for word. */
    void sent(Call call, Response response) {
        lastSent.put(call.name() + " " + call.key(), response);
    }

    /** The answer a fault makes of this call; null when it sends none (or has written its own). */
    Response faulty(Fault fault, Call call, Request r, Exchange ex) throws IOException {
        return switch (fault) {
            case LATENCY -> {
                pause(faults.latency().toMillis());
                yield honest(call, r);
            }
            case TIMEOUT -> {
                pause(faults.hold().toMillis());
                yield null;
            }
            case RESET -> null;
            case HTTP_500 -> new Response(500, List.of(Map.entry("Content-Type", "text/html")),
                    "<html><body><h1>500 Internal Server Error</h1></body></html>".getBytes(StandardCharsets.UTF_8));
            case UNAVAILABLE -> signed(WechatApi.error(429, "FREQUENCY_LIMITED", "频率超限"), wechatPayKey, Duration.ZERO);
            case SYSTEM_ERROR -> signed(WechatApi.error(500, "SYSTEM_ERROR", "系统错误"), wechatPayKey, Duration.ZERO);
            case GARBLED -> garbled(honest(call, r));
            case BAD_SIGNATURE -> signed(api.answer(call, r), forgerKey, Duration.ZERO);
            case FORGED_PAID -> signed(forgedPaid(call, r), forgerKey, Duration.ZERO);
            case STALE -> {
                Response last = lastSent.get(call.name() + " " + call.key());
                yield last != null ? last : honest(call, r);
            }
            case PAY_BEFORE_CANCEL -> {
                if (call.name().equals(WechatApi.CLOSE)) {
                    model.pay(call.key());
                }
                yield honest(call, r);
            }
            case DRIP -> {
                Response real = honest(call, r);
                if (real.body().length == 0) {
                    // A 204 has no body to drip: its headers come after the drip bound instead.
                    pause(faults.drip().toMillis());
                    yield real;
                }
                drip(ex, call, real);
                yield null;
            }
            case UNSIGNED -> {
                Answer a = api.answer(call, r);
                yield new Response(a.status(), List.of(Map.entry("Content-Type", "application/json; charset=utf-8"),
                        Map.entry("Request-ID", requestId())), a.body().getBytes(StandardCharsets.UTF_8));
            }
            case OLD_TIMESTAMP -> signed(api.answer(call, r), wechatPayKey, OLD);
            case USERPAYING_LASTS -> {
                Response real = honest(call, r); // first: a create's order exists only after it
                model.delayPayment(call.key(), faults.userpaying());
                yield real;
            }
        };
    }

    /**
     * The real answer cut in half; a body-less 204 has its signature header cut instead, so that no
     * garbled answer verifies.
     */
    private static Response garbled(Response real) {
        if (real.body().length > 0) {
            return new Response(real.status(), real.headers(), java.util.Arrays.copyOf(real.body(), real.body().length / 2));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : real.headers()) {
            headers.add(h.getKey().equals("Wechatpay-Signature")
                    ? Map.entry(h.getKey(), h.getValue().substring(0, h.getValue().length() / 2)) : h);
        }
        return new Response(real.status(), headers, real.body());
    }

    /** A forger's claim that the order is paid, in the shape of this call's answer. */
    private Answer forgedPaid(Call call, Request r) {
        return switch (call.name()) {
            case WechatApi.QUERY -> WechatApi.ok(api.forgedPaid(call.key()));
            case WechatApi.CLOSE -> WechatApi.error(400, "ORDERPAID", "订单已支付");
            case WechatApi.REFUND, WechatApi.REFUND_QUERY -> WechatApi.ok(api.forgedRefund(call, r));
            default -> WechatApi.ok(Map.of("code_url", "weixin://wxpay/bizpayurl?pr=forged"));
        };
    }

    /**
     * Headers at once, announcing a body of spaces (which JSON allows before the answer) sent one
     * every {@link #DRIP_INTERVAL_MS} ms for the plan's drip bound, then the answer; the signature
     * covers the whole body, so a client that waits it out gets a valid answer. Ends early when the
     * client has gone (a write fails).
     */
    private void drip(Exchange ex, Call call, Response answer) {
        int spaces = (int) Math.max(1, faults.drip().toMillis() / DRIP_INTERVAL_MS);
        byte[] body = new byte[spaces + answer.body().length];
        java.util.Arrays.fill(body, 0, spaces, (byte) ' ');
        System.arraycopy(answer.body(), 0, body, spaces, answer.body().length);
        Response whole = signed(new Answer(answer.status(), new String(body, StandardCharsets.UTF_8)), wechatPayKey,
                Duration.ZERO);
        int dripped = 0;
        try {
            OutputStream out = ex.raw();
            StringBuilder head = new StringBuilder("HTTP/1.1 " + whole.status() + " OK\r\n");
            for (Map.Entry<String, String> h : whole.headers()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (; dripped < spaces; dripped++) {
                out.write(' ');
                out.flush();
                Thread.sleep(DRIP_INTERVAL_MS);
            }
            out.write(answer.body());
            out.flush();
            log.info("{} {}: answered after a drip of {} bytes", call.name(), call.key(), dripped);
        } catch (IOException e) {
            log.info("{} {}: drip ended after {} bytes, the client has gone ({})", call.name(), call.key(), dripped,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The answer with WeChat Pay's signature headers, made by {@code key}, timestamped {@code age} ago. */
    Response signed(Answer a, PrivateKey key, Duration age) {
        long timestamp = wallClock.instant().minus(age).getEpochSecond();
        String nonce = WechatSignature.nonce();
        String signature = WechatSignature.sign(WechatSignature.responseMessage(timestamp, nonce, a.body()), key);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (a.status() != 204) {
            headers.add(Map.entry("Content-Type", "application/json; charset=utf-8"));
        }
        headers.add(Map.entry("Request-ID", requestId()));
        headers.add(Map.entry("Wechatpay-Nonce", nonce));
        headers.add(Map.entry("Wechatpay-Signature", signature));
        headers.add(Map.entry("Wechatpay-Timestamp", Long.toString(timestamp)));
        headers.add(Map.entry("Wechatpay-Serial", publicKeyId));
        headers.add(Map.entry("Wechatpay-Signature-Type", WechatSignature.SCHEME));
        return new Response(a.status(), headers, a.body().getBytes(StandardCharsets.UTF_8));
    }

    /** One forger's key for all servers of a run: a fresh RSA key pair per server would slow tests for nothing. */
    private static final class Forger {
        static final PrivateKey KEY = BackendServer.newKeyPair().getPrivate();
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
