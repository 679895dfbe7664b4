package io.qrvend.sim.backend.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.sim.backend.Fault;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Exchange;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Request;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Response;
import io.qrvend.sim.backend.wechat.WechatApi.Call;
import io.qrvend.terminal.money.Money;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WeChat Pay API v3 (Native) gateway on loopback, as the terminal and WeChat Pay's official SDK
 * speak to it: {@code POST /v3/pay/transactions/native}, {@code GET
 * /v3/pay/transactions/out-trade-no/{no}?mchid=}, {@code POST .../out-trade-no/{no}/close},
 * {@code POST /v3/refund/domestic/refunds} and {@code GET /v3/refund/domestic/refunds/{no}}. Requests
 * must carry the merchant's {@code WECHATPAY2-SHA256-RSA2048} signature; answers are signed with the
 * simulator's "WeChat Pay" private key under its public key ID, in public-key mode. Faults come from
 * the {@link FaultPlan} under the names {@code wechat.create|query|close|refund|refund_query}.
 *
 * <p>Plus the customer's side, as on the Alipay backend: {@code POST /sim/scan?order=},
 * {@code POST /sim/pay?order=} and {@code GET /sim/trades}.
 *
 * <p>Signature timestamps come from the wall clock (a client checks them against its own); the
 * orders' times (expiry, payment) from the model's clock, which may be virtual.
 */
public final class WechatPayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WechatPayServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeWechatPay model;
    private final FaultPlan faults;
    private final WechatAnswers answers;
    private final LoopbackHttpServer server;

    /**
     * @param wechatPayPrivateKey signs every answer
     * @param publicKeyId         the ID of the matching public key ({@code PUB_KEY_ID_...}), sent as {@code Wechatpay-Serial}
     * @param port                on 127.0.0.1; 0 picks a free one
     */
    public WechatPayServer(FakeWechatPay model, WechatMerchant merchant, PrivateKey wechatPayPrivateKey, String publicKeyId,
                           FaultPlan faults, int port) throws IOException {
        this(model, merchant, wechatPayPrivateKey, publicKeyId, faults, port, Clock.systemUTC());
    }

    /** As above, with the clock that stamps and checks signatures (tests move it to make timestamps old). */
    public WechatPayServer(FakeWechatPay model, WechatMerchant merchant, PrivateKey wechatPayPrivateKey, String publicKeyId,
                           FaultPlan faults, int port, Clock wallClock) throws IOException {
        this.model = model;
        this.faults = faults;
        WechatApi api = new WechatApi(model, merchant, wallClock);
        this.answers = new WechatAnswers(model, api, wechatPayPrivateKey, publicKeyId, faults, wallClock);
        this.server = new LoopbackHttpServer(port, "sim-wechatpay", this::handle);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}: what the terminal's {@code wechat.gateway} and the SDK are given. */
    public URI baseUri() {
        return server.baseUri();
    }

    public FaultPlan faults() {
        return faults;
    }

    public FakeWechatPay model() {
        return model;
    }

    private void handle(Request r, Exchange ex) throws IOException {
        if (r.path().startsWith("/sim/")) {
            ex.send(customer(r));
            return;
        }
        Call call = WechatApi.call(r);
        Optional<Fault> fault = call == Call.UNKNOWN ? Optional.empty() : faults.next(call.name());
        if (fault.isPresent()) {
            log.info("{} {}: injecting {}", call.name(), call.key(), fault.get());
        }
        Response answer;
        try {
            answer = fault.isPresent() ? answers.faulty(fault.get(), call, r, ex) : answers.honest(call, r);
        } catch (RuntimeException e) {
            log.error("simulated WeChat Pay failed on {} {}", r.method(), r.path(), e);
            answer = LoopbackHttpServer.plain(500, "simulator error: " + e);
        }
        if (answer != null) {
            answers.sent(call, answer);
            ex.send(answer);
        }
    }

    private Response customer(Request r) throws JsonProcessingException {
        String path = r.path();
        if (path.equals("/sim/trades") && r.method().equals("GET")) {
            return json(200, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(trades()));
        }
        boolean scan = path.equals("/sim/scan");
        if (!scan && !path.equals("/sim/pay")) {
            return LoopbackHttpServer.plain(404, "no such page: " + path);
        }
        if (!r.method().equals("POST")) {
            return LoopbackHttpServer.plain(405, "POST only");
        }
        String order = orderParameter(r.query());
        boolean ok = scan ? model.scan(order) : model.pay(order);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", order);
        out.put(scan ? "scanned" : "paid", ok);
        if (!ok || !scan) {
            out.put("trade_state", model.trade(order).map(t -> t.state().name()).orElse("NO_SUCH_ORDER"));
        }
        return json(ok ? 200 : 409, JSON.writeValueAsString(out));
    }

    private List<Map<String, Object>> trades() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FakeWechatPay.Trade t : model.ledger()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out_trade_no", t.outTradeNo());
            m.put("trade_state", t.state().name());
            m.put("total", Money.format(t.totalFen()));
            m.put("paid", Money.format(t.paidFen()));
            m.put("success_time", t.paidAt() == null ? null : WechatApi.RFC3339.format(t.paidAt()));
            m.put("transaction_id", t.transactionId());
            m.put("refunded", Money.format(t.refundedFen()));
            Map<String, String> refunds = new LinkedHashMap<>();
            t.refunds().forEach((k, v) -> refunds.put(k, Money.format(v.refundFen())));
            m.put("refunds", refunds);
            m.put("time_expire", WechatApi.RFC3339.format(t.timeExpire()));
            out.add(m);
        }
        return out;
    }

    private static String orderParameter(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("order=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static Response json(int status, String body) {
        return new Response(status, List.of(Map.entry("Content-Type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
