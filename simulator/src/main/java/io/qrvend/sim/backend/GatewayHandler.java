package io.qrvend.sim.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.alipay.AlipaySignature;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business side of the simulated gateway: checks a request as Alipay does (app id, signature
 * with the app public key) and answers it from the {@link FakeAlipay}, as the node that goes under
 * {@code <method>_response}. Transport and faults are {@link BackendServer}'s.
 */
final class GatewayHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.ofHours(8));
    private static final Pattern EXPRESS = Pattern.compile("(\\d{1,5})([mhd])");

    private final FakeAlipay model;
    private final String appId;
    private final PublicKey appPublicKey;

    GatewayHandler(FakeAlipay model, String appId, PublicKey appPublicKey) {
        this.model = model;
        this.appId = appId;
        this.appPublicKey = appPublicKey;
    }

    /** The response node for a request with these parameters (query string and form merged). */
    Map<String, Object> answer(Map<String, String> params) {
        String method = params.getOrDefault("method", "");
        if (params.get("sign") == null || params.get("sign").isEmpty()) {
            return error("40001", "Missing Required Arguments", "isv.missing-signature", "缺少签名参数");
        }
        if (!appId.equals(params.get("app_id"))) {
            return error("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            return error("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效的签名类型");
        }
        if (!AlipaySignature.verify(AlipaySignature.requestContent(params), params.get("sign"), appPublicKey)) {
            return error("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
        }
        JsonNode biz;
        try {
            biz = JSON.readTree(params.getOrDefault("biz_content", ""));
        } catch (IOException e) {
            biz = null;
        }
        if (biz == null || !biz.isObject()) {
            return error("40002", "Invalid Arguments", "isv.invalid-biz-content", "biz_content 不是 JSON 对象");
        }
        String orderNo = biz.path("out_trade_no").asText("");
        if (orderNo.isEmpty()) {
            return business("ACQ.INVALID_PARAMETER", "out_trade_no is required");
        }
        try {
            return switch (method) {
                case "alipay.trade.precreate" -> precreate(orderNo, biz);
                case "alipay.trade.query" -> query(orderNo);
                case "alipay.trade.cancel" -> cancel(orderNo);
                case "alipay.trade.refund" -> refund(orderNo, biz);
                case "alipay.trade.fastpay.refund.query" -> refundQuery(orderNo, biz);
                default -> error("40004", "Business Failed", "isv.invalid-method", "不存在的方法名");
            };
        } catch (IllegalArgumentException e) {
            return business("ACQ.INVALID_PARAMETER", e.getMessage());
        }
    }

    private Map<String, Object> precreate(String orderNo, JsonNode biz) {
        long amount = Money.parse(biz.path("total_amount").asText(""));
        String subject = biz.path("subject").asText("");
        if (subject.isEmpty()) {
            return business("ACQ.INVALID_PARAMETER", "subject is required");
        }
        Duration expires = express(biz.path("timeout_express").asText("3h"));
        CreateResult r = model.create(new OrderRequest(orderNo, amount, subject, expires));
        if (r instanceof CreateResult.Created c) {
            Map<String, Object> node = success();
            node.put("out_trade_no", orderNo);
            node.put("qr_code", c.qrCode());
            return node;
        }
        CreateResult.Rejected rej = (CreateResult.Rejected) r;
        return business(rej.message(), "order refused");
    }

    private Map<String, Object> query(String orderNo) {
        Optional<FakeAlipay.Trade> found = model.queried(orderNo);
        if (found.isEmpty() || found.get().status() == FakeAlipay.Status.PRECREATED
                || found.get().status() == FakeAlipay.Status.EXPIRED) {
            return business("ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        FakeAlipay.Trade t = found.get();
        Map<String, Object> node = success();
        node.put("trade_no", tradeNo(orderNo));
        node.put("out_trade_no", orderNo);
        node.put("buyer_logon_id", "sim***@example.com");
        node.put("trade_status", t.status() == FakeAlipay.Status.TRADE_SUCCESS ? "TRADE_SUCCESS" : t.status().name());
        node.put("total_amount", Money.format(t.amountFen()));
        if (t.paidAt() != null) {
            node.put("receipt_amount", Money.format(t.paidFen()));
            node.put("send_pay_date", TIME.format(t.paidAt()));
        }
        return node;
    }

    /** A forger's "paid" for this order: right order, right amount, only the signature is wrong. */
    Map<String, Object> forgedPaid(String orderNo) {
        long amount = model.trade(orderNo).map(FakeAlipay.Trade::amountFen).orElse(1L);
        Map<String, Object> node = success();
        node.put("trade_no", tradeNo(orderNo));
        node.put("out_trade_no", orderNo);
        node.put("trade_status", "TRADE_SUCCESS");
        node.put("total_amount", Money.format(amount));
        return node;
    }

    private Map<String, Object> cancel(String orderNo) {
        CancelResult r = model.cancel(orderNo);
        if (r instanceof CancelResult.NotFound) {
            Map<String, Object> node = business("ACQ.TRADE_NOT_EXIST", "交易不存在");
            node.put("retry_flag", "N");
            return node;
        }
        Map<String, Object> node = success();
        node.put("trade_no", tradeNo(orderNo));
        node.put("out_trade_no", orderNo);
        node.put("retry_flag", "N");
        node.put("action", ((CancelResult.Cancelled) r).refunded() ? "refund" : "close");
        return node;
    }

    private Map<String, Object> refund(String orderNo, JsonNode biz) {
        String requestNo = biz.path("out_request_no").asText(orderNo);
        boolean repeat = model.trade(orderNo).map(t -> t.refunds().containsKey(requestNo)).orElse(false);
        RefundResult r = model.refund(orderNo, requestNo, Money.parse(biz.path("refund_amount").asText("")));
        if (r instanceof RefundResult.Rejected rej) {
            return business(rej.message(), "refund refused");
        }
        Map<String, Object> node = success();
        node.put("trade_no", tradeNo(orderNo));
        node.put("out_trade_no", orderNo);
        node.put("refund_fee", Money.format(model.trade(orderNo).map(FakeAlipay.Trade::refundedFen).orElse(0L)));
        node.put("fund_change", repeat ? "N" : "Y");
        return node;
    }

    private Map<String, Object> refundQuery(String orderNo, JsonNode biz) {
        String requestNo = biz.path("out_request_no").asText(orderNo);
        RefundQueryResult r = model.queryRefund(orderNo, requestNo);
        Map<String, Object> node = success();
        node.put("out_trade_no", orderNo);
        node.put("out_request_no", requestNo);
        if (r instanceof RefundQueryResult.Refunded done) {
            node.put("trade_no", tradeNo(orderNo));
            node.put("total_amount", Money.format(model.trade(orderNo).map(FakeAlipay.Trade::amountFen).orElse(0L)));
            node.put("refund_amount", Money.format(done.amountFen()));
            node.put("refund_status", "REFUND_SUCCESS");
        }
        return node;
    }

    static Map<String, Object> success() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("code", "10000");
        node.put("msg", "Success");
        return node;
    }

    static Map<String, Object> business(String subCode, String subMsg) {
        return error("40004", "Business Failed", subCode, subMsg);
    }

    static Map<String, Object> error(String code, String msg, String subCode, String subMsg) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("code", code);
        node.put("msg", msg);
        node.put("sub_code", subCode);
        node.put("sub_msg", subMsg);
        return node;
    }

    /** Alipay's relative expiry: whole minutes, hours or days, e.g. {@code 90m}. */
    static Duration express(String text) {
        Matcher m = EXPRESS.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("timeout_express '" + text + "' is not like 90m, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String tradeNo(String orderNo) {
        return "2026" + String.format("%016d", Integer.toUnsignedLong(orderNo.hashCode()));
    }
}
