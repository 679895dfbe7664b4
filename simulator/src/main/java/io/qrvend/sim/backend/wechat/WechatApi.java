package io.qrvend.sim.backend.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.sim.backend.wechat.LoopbackHttpServer.Request;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The business side of the simulated WeChat Pay: which call a request is, whether its
 * {@code Authorization} is the merchant's, and the answer {@link FakeWechatPay} gives, as WeChat Pay
 * v3 words it (payments.md section 2). Transport, answer signatures and faults are
 * {@link WechatPayServer}'s and {@link WechatAnswers}'.
 */
final class WechatApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.ofHours(8));
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-*|]{6,32}");
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-*|@]{1,64}");
    /** WeChat Pay refuses requests signed further than this from its own clock. */
    static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(5);

    static final String CREATE = "wechat.create";
    static final String QUERY = "wechat.query";
    static final String CLOSE = "wechat.close";
    static final String REFUND = "wechat.refund";
    static final String REFUND_QUERY = "wechat.refund_query";

    /** Which call a request is: its fault-plan name and the order (or refund) number it is about. */
    record Call(String name, String key) {
        static final Call UNKNOWN = new Call("wechat.unknown", "");
    }

    /** An answer before it is signed: status and body ("" for 204). */
    record Answer(int status, String body) {
    }

    private final FakeWechatPay model;
    private final WechatMerchant merchant;
    private final Clock wallClock;

    WechatApi(FakeWechatPay model, WechatMerchant merchant, Clock wallClock) {
        this.model = model;
        this.merchant = merchant;
        this.wallClock = wallClock;
    }

    static Call call(Request r) {
        String path = r.path();
        String method = r.method();
        if (method.equals("POST") && path.equals("/v3/pay/transactions/native")) {
            return new Call(CREATE, bodyField(r, "out_trade_no"));
        }
        if (method.equals("POST") && path.equals("/v3/refund/domestic/refunds")) {
            return new Call(REFUND, bodyField(r, "out_trade_no"));
        }
        String orderPrefix = "/v3/pay/transactions/out-trade-no/";
        if (path.startsWith(orderPrefix)) {
            String rest = path.substring(orderPrefix.length());
            if (method.equals("GET") && !rest.contains("/")) {
                return new Call(QUERY, decode(rest));
            }
            if (method.equals("POST") && rest.endsWith("/close") && rest.indexOf('/') == rest.length() - 6) {
                return new Call(CLOSE, decode(rest.substring(0, rest.length() - 6)));
            }
        }
        String refundPrefix = "/v3/refund/domestic/refunds/";
        if (method.equals("GET") && path.startsWith(refundPrefix) && !path.substring(refundPrefix.length()).contains("/")) {
            return new Call(REFUND_QUERY, decode(path.substring(refundPrefix.length())));
        }
        return Call.UNKNOWN;
    }

    /** What WeChat Pay answers this request, from the model's books. */
    Answer answer(Call call, Request r) {
        Optional<Answer> refused = checkAuthorization(r);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return switch (call.name()) {
                case CREATE -> create(r);
                case QUERY -> query(call.key(), r);
                case CLOSE -> close(call.key(), r);
                case REFUND -> refund(r);
                case REFUND_QUERY -> refundQuery(call.key());
                default -> error(404, "NOT_FOUND", "请求的资源不存在: " + r.method() + " " + r.path());
            };
        } catch (WechatRefusal e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    /** 401 SIGN_ERROR unless the request is signed by this merchant's key, recently, as the scheme says. */
    private Optional<Answer> checkAuthorization(Request r) {
        Optional<Map<String, String>> parsed = WechatSignature.parseAuthorization(r.header("Authorization"));
        if (parsed.isEmpty()) {
            return Optional.of(error(401, "SIGN_ERROR", "Authorization 缺失或不是 " + WechatSignature.SCHEME));
        }
        Map<String, String> a = parsed.get();
        for (String item : List.of("mchid", "nonce_str", "signature", "timestamp", "serial_no")) {
            if (a.getOrDefault(item, "").isEmpty()) {
                return Optional.of(error(401, "SIGN_ERROR", "Authorization 缺少 " + item));
            }
        }
        if (!merchant.mchid().equals(a.get("mchid"))) {
            return Optional.of(error(401, "SIGN_ERROR", "商户号 " + a.get("mchid") + " 不存在或未开通"));
        }
        if (!merchant.serialNo().equalsIgnoreCase(a.get("serial_no"))) {
            return Optional.of(error(401, "SIGN_ERROR", "商户证书序列号 serial_no 不正确"));
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(a.get("timestamp"));
        } catch (NumberFormatException e) {
            return Optional.of(error(401, "SIGN_ERROR", "timestamp 不是数字"));
        }
        if (Math.abs(wallClock.instant().getEpochSecond() - timestamp) > TIMESTAMP_WINDOW.toSeconds()) {
            return Optional.of(error(401, "SIGN_ERROR", "timestamp 与当前时间相差超过5分钟"));
        }
        String message = WechatSignature.requestMessage(r.method(), r.target(), timestamp, a.get("nonce_str"), r.bodyText());
        if (!WechatSignature.verify(message, a.get("signature"), merchant.publicKey())) {
            return Optional.of(error(401, "SIGN_ERROR", "签名错误"));
        }
        return Optional.empty();
    }

    private Answer create(Request r) {
        JsonNode b = body(r);
        checkMerchant(b.path("mchid").asText(""));
        if (!merchant.appid().equals(b.path("appid").asText(""))) {
            throw WechatRefusal.param("appid和mch_id不匹配");
        }
        String orderNo = b.path("out_trade_no").asText("");
        if (!OUT_TRADE_NO.matcher(orderNo).matches()) {
            throw WechatRefusal.param("out_trade_no 应为6-32位数字、字母、_-*|");
        }
        String description = b.path("description").asText("");
        if (description.isEmpty() || description.length() > 127) {
            throw WechatRefusal.param("description 不能为空且不超过127个字符");
        }
        String notifyUrl = b.path("notify_url").asText("");
        if (!notifyUrl.startsWith("https://") || notifyUrl.contains("?")) {
            throw WechatRefusal.param("notify_url 必须是不带参数的 https 地址");
        }
        JsonNode amount = b.path("amount");
        if (!amount.path("total").canConvertToLong() || !amount.path("total").isIntegralNumber()) {
            throw WechatRefusal.param("amount.total 必须是整数(分)");
        }
        if (!amount.path("currency").asText("CNY").equals("CNY")) {
            throw WechatRefusal.param("amount.currency 只支持 CNY");
        }
        Instant expire = null;
        if (b.hasNonNull("time_expire")) {
            try {
                expire = OffsetDateTime.parse(b.path("time_expire").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw WechatRefusal.param("time_expire 不是 RFC 3339 时间");
            }
        }
        String codeUrl = model.place(orderNo, amount.path("total").asLong(), description, expire);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code_url", codeUrl);
        return ok(out);
    }

    private Answer query(String orderNo, Request r) {
        checkMerchant(queryParameter(r, "mchid"));
        FakeWechatPay.Trade t = model.queried(orderNo).orElseThrow(WechatRefusal::notFound);
        return ok(transaction(t));
    }

    /** The transaction JSON WeChat Pay sends for an order. */
    Map<String, Object> transaction(FakeWechatPay.Trade t) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> amount = new LinkedHashMap<>();
        boolean paid = t.paidAt() != null;
        out.put("mchid", merchant.mchid());
        out.put("appid", merchant.appid());
        out.put("out_trade_no", t.outTradeNo());
        if (paid) {
            out.put("transaction_id", t.transactionId());
            out.put("trade_type", "NATIVE");
            out.put("bank_type", "OTHERS");
            out.put("attach", "");
        }
        out.put("trade_state", t.state().name());
        out.put("trade_state_desc", describe(t.state()));
        if (paid) {
            out.put("success_time", RFC3339.format(t.paidAt()));
            Map<String, Object> payer = new LinkedHashMap<>();
            payer.put("openid", t.openid());
            out.put("payer", payer);
            amount.put("total", t.totalFen());
            amount.put("payer_total", t.paidFen());
            amount.put("currency", "CNY");
        } else {
            amount.put("total", t.totalFen());
        }
        amount.put("payer_currency", "CNY");
        out.put("amount", amount);
        return out;
    }

    /** A forger's "paid" for this order: the right order and amount; only the signature gives it away. */
    Map<String, Object> forgedPaid(String orderNo) {
        long total = model.trade(orderNo).map(FakeWechatPay.Trade::totalFen).orElse(1L);
        Instant now = model.now();
        return transaction(new FakeWechatPay.Trade(orderNo, total, "", now, FakeWechatPay.TradeState.SUCCESS, total, now,
                "4200000000000000000000000000", "oForged", Map.of(), true));
    }

    /** A forger's "refunded in full" for this refund call, made up without touching the books. */
    Map<String, Object> forgedRefund(Call call, Request r) {
        JsonNode b = call.name().equals(REFUND) ? lenient(r) : JSON.createObjectNode();
        String refundNo = call.name().equals(REFUND) ? b.path("out_refund_no").asText("") : call.key();
        String orderNo = call.name().equals(REFUND) ? call.key()
                : model.refundQueried(refundNo).map(FakeWechatPay.Refund::outTradeNo).orElse("");
        long total = b.path("amount").path("total").asLong(model.trade(orderNo).map(FakeWechatPay.Trade::totalFen).orElse(1L));
        long refund = b.path("amount").path("refund").asLong(total);
        Instant now = model.now();
        return refundJson(new FakeWechatPay.Refund(refundNo, "50000000000000000000000000000", orderNo,
                "4200000000000000000000000000", refund, total, now, now));
    }

    private static String describe(FakeWechatPay.TradeState s) {
        return switch (s) {
            case NOTPAY -> "订单未支付";
            case USERPAYING -> "用户支付中，请输入密码";
            case SUCCESS -> "支付成功";
            case CLOSED -> "订单已关闭";
            case REFUND -> "订单发生过退款";
        };
    }

    private Answer close(String orderNo, Request r) {
        checkMerchant(body(r).path("mchid").asText(""));
        model.close(orderNo);
        return new Answer(204, "");
    }

    private Answer refund(Request r) {
        JsonNode b = body(r);
        String orderNo = b.path("out_trade_no").asText("");
        if (orderNo.isEmpty() && b.hasNonNull("transaction_id")) {
            String tx = b.path("transaction_id").asText();
            orderNo = model.ledger().stream().filter(t -> tx.equals(t.transactionId())).map(FakeWechatPay.Trade::outTradeNo)
                    .findFirst().orElseThrow(() -> new WechatRefusal(404, "RESOURCE_NOT_EXISTS", "订单不存在"));
        }
        if (orderNo.isEmpty()) {
            throw WechatRefusal.param("out_trade_no 和 transaction_id 必须有一个");
        }
        String refundNo = b.path("out_refund_no").asText("");
        if (!OUT_REFUND_NO.matcher(refundNo).matches()) {
            throw WechatRefusal.param("out_refund_no 应为1-64位数字、字母、_-|*@");
        }
        if (b.hasNonNull("notify_url") && !b.path("notify_url").asText().startsWith("https://")) {
            throw WechatRefusal.param("notify_url 必须是 https 地址");
        }
        JsonNode amount = b.path("amount");
        if (!amount.path("refund").isIntegralNumber() || !amount.path("total").isIntegralNumber()) {
            throw WechatRefusal.param("amount.refund 和 amount.total 必须是整数(分)");
        }
        return ok(refundJson(model.refund(orderNo, refundNo, amount.path("refund").asLong(), amount.path("total").asLong())));
    }

    private Answer refundQuery(String refundNo) {
        return ok(refundJson(model.refundQueried(refundNo)
                .orElseThrow(() -> new WechatRefusal(404, "RESOURCE_NOT_EXISTS", "退款单不存在"))));
    }

    Map<String, Object> refundJson(FakeWechatPay.Refund f) {
        String status = f.status(model.now());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("refund_id", f.refundId());
        out.put("out_refund_no", f.outRefundNo());
        out.put("transaction_id", f.transactionId());
        out.put("out_trade_no", f.outTradeNo());
        out.put("channel", "ORIGINAL");
        out.put("user_received_account", "支付用户零钱");
        if (status.equals("SUCCESS")) {
            out.put("success_time", RFC3339.format(f.settlesAt()));
        }
        out.put("create_time", RFC3339.format(f.createdAt()));
        out.put("status", status);
        out.put("funds_account", "AVAILABLE");
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", f.totalFen());
        amount.put("refund", f.refundFen());
        amount.put("payer_total", f.totalFen());
        amount.put("payer_refund", f.refundFen());
        amount.put("settlement_refund", f.refundFen());
        amount.put("settlement_total", f.totalFen());
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        out.put("amount", amount);
        out.put("promotion_detail", List.of());
        return out;
    }

    private void checkMerchant(String mchid) {
        if (!merchant.mchid().equals(mchid)) {
            throw WechatRefusal.param("mchid " + (mchid.isEmpty() ? "缺失" : mchid + " 与请求的商户号不一致"));
        }
    }

    private static JsonNode body(Request r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // answered below
        }
        throw WechatRefusal.param("请求体不是 JSON 对象");
    }

    private static JsonNode lenient(Request r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n != null && n.isObject() ? n : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String bodyField(Request r, String field) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n == null ? "" : n.path(field).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String queryParameter(Request r, String name) {
        for (String pair : r.query().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                return decode(pair.substring(eq + 1));
            }
        }
        return "";
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static Answer ok(Map<String, Object> json) {
        return new Answer(200, text(json));
    }

    static Answer error(int status, String code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        out.put("message", message);
        return new Answer(status, text(out));
    }

    static String text(Map<String, Object> json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
