package io.qrvend.sim.backend.wechat;

import static io.qrvend.sim.backend.wechat.WechatTestClient.APPID;
import static io.qrvend.sim.backend.wechat.WechatTestClient.KEY_ID;
import static io.qrvend.sim.backend.wechat.WechatTestClient.MCHID;
import static io.qrvend.sim.backend.wechat.WechatTestClient.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.Fault;
import io.qrvend.sim.backend.FaultPlan;
import java.net.URI;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeChat Pay's own Java SDK ({@code wechatpay-java}, public-key mode), unchanged, against the
 * simulator: it must accept every answer's signature, and its verifier must accept a request
 * signature made the way the terminal makes it. The SDK only knows WeChat's real hosts, so an okhttp
 * interceptor sends its (already signed) requests to the simulator's loopback port instead, path and
 * query untouched.
 */
class WechatSdkInteropTest {
    static KeyPair merchant;
    static KeyPair wechatPay;

    final FakeWechatPay model = new FakeWechatPay(Instant::now);
    final FaultPlan faults = new FaultPlan(1);
    WechatPayServer server;
    OkHttpClient okhttp;

    @BeforeAll
    static void keys() {
        merchant = BackendServer.newKeyPair();
        wechatPay = BackendServer.newKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        server = new WechatPayServer(model, new WechatMerchant(MCHID, APPID, SERIAL, merchant.getPublic()),
                wechatPay.getPrivate(), KEY_ID, faults, 0);
        URI base = server.baseUri();
        okhttp = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).addInterceptor(chain -> {
            HttpUrl real = chain.request().url();
            HttpUrl loopback = real.newBuilder().scheme("http").host(base.getHost()).port(base.getPort()).build();
            return chain.proceed(chain.request().newBuilder().url(loopback).build());
        }).build();
    }

    @AfterEach
    void stop() {
        server.close();
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();
    }

    HttpClient sdkHttp(KeyPair wechatPayKeys) {
        Config config = new RSAPublicKeyConfig.Builder().merchantId(MCHID).privateKey(merchant.getPrivate())
                .merchantSerialNumber(SERIAL).publicKey(wechatPayKeys.getPublic()).publicKeyId(KEY_ID)
                .apiV3Key("0123456789abcdef0123456789abcdef").build();
        return new DefaultHttpClientBuilder().config(config).okHttpClient(okhttp).build();
    }

    @Test
    void theOfficialSdkGetsVerifiedAnswersFromOrderToRefund() {
        HttpClient http = sdkHttp(wechatPay);
        NativePayService pay = new NativePayService.Builder().httpClient(http).build();
        RefundService refunds = new RefundService.Builder().httpClient(http).build();

        PrepayRequest order = new PrepayRequest();
        order.setAppid(APPID);
        order.setMchid(MCHID);
        order.setDescription("可乐");
        order.setOutTradeNo("SDK_WX_001");
        order.setNotifyUrl("https://example.com/wechat/notify");
        order.setTimeExpire(WechatApi.RFC3339.format(Instant.now().plusSeconds(300)));
        Amount amount = new Amount();
        amount.setTotal(350);
        amount.setCurrency("CNY");
        order.setAmount(amount);
        assertTrue(pay.prepay(order).getCodeUrl().startsWith("weixin://wxpay/bizpayurl?pr="));

        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(MCHID);
        query.setOutTradeNo("SDK_WX_001");
        assertEquals(Transaction.TradeStateEnum.NOTPAY, pay.queryOrderByOutTradeNo(query).getTradeState());
        assertTrue(model.pay("SDK_WX_001"));
        Transaction paid = pay.queryOrderByOutTradeNo(query);
        assertEquals(Transaction.TradeStateEnum.SUCCESS, paid.getTradeState());
        assertEquals(350, paid.getAmount().getTotal());
        assertEquals(350, paid.getAmount().getPayerTotal());
        assertFalse(paid.getPayer().getOpenid().isEmpty());

        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(MCHID);
        close.setOutTradeNo("SDK_WX_001");
        ServiceException orderPaid = assertThrows(ServiceException.class, () -> pay.closeOrder(close));
        assertEquals("ORDERPAID", orderPaid.getErrorCode());

        CreateRequest refund = new CreateRequest();
        refund.setOutTradeNo("SDK_WX_001");
        refund.setOutRefundNo("SDK_WX_001R1");
        refund.setReason("vend failed");
        AmountReq refundAmount = new AmountReq();
        refundAmount.setRefund(350L);
        refundAmount.setTotal(350L);
        refundAmount.setCurrency("CNY");
        refund.setAmount(refundAmount);
        Refund made = refunds.create(refund);
        assertEquals(Status.SUCCESS, made.getStatus());
        assertEquals(350L, made.getAmount().getRefund());
        assertEquals(made.getRefundId(), refunds.create(refund).getRefundId(), "the same out_refund_no refunds once");
        assertEquals(350, model.ledger().get(0).refundedFen());

        QueryByOutRefundNoRequest refundQuery = new QueryByOutRefundNoRequest();
        refundQuery.setOutRefundNo("SDK_WX_001R1");
        assertEquals(made.getRefundId(), refunds.queryByOutRefundNo(refundQuery).getRefundId());
    }

    @Test
    void theOfficialSdkClosesAnUnpaidOrderWithA204() {
        NativePayService pay = new NativePayService.Builder().httpClient(sdkHttp(wechatPay)).build();
        PrepayRequest order = new PrepayRequest();
        order.setAppid(APPID);
        order.setMchid(MCHID);
        order.setDescription("水");
        order.setOutTradeNo("SDK_WX_002");
        order.setNotifyUrl("https://example.com/wechat/notify");
        Amount amount = new Amount();
        amount.setTotal(200);
        order.setAmount(amount);
        pay.prepay(order);
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(MCHID);
        close.setOutTradeNo("SDK_WX_002");
        pay.closeOrder(close);
        assertEquals(FakeWechatPay.TradeState.CLOSED, model.trade("SDK_WX_002").orElseThrow().state());
    }

    @Test
    void theOfficialSdkRejectsForgedUnsignedAndOldAnswers() {
        NativePayService pay = new NativePayService.Builder().httpClient(sdkHttp(wechatPay)).build();
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(MCHID);
        query.setOutTradeNo("SDK_WX_003");
        model.place("SDK_WX_003", 100, "Cola", null);
        for (Fault f : new Fault[] {Fault.BAD_SIGNATURE, Fault.FORGED_PAID, Fault.UNSIGNED, Fault.OLD_TIMESTAMP, Fault.GARBLED}) {
            faults.script("wechat.query", f);
            RuntimeException e = assertThrows(RuntimeException.class, () -> pay.queryOrderByOutTradeNo(query), f.name());
            // The SDK says so in its own ways: a failed validation, or for a missing or old timestamp
            // "Validate http response,timestamp[null] ... is invalid" / "... is expires".
            assertTrue(e instanceof ValidationException || String.valueOf(e.getMessage()).startsWith("Validate http response"),
                    f + ": " + e);
        }
        NativePayService wrongKey = new NativePayService.Builder().httpClient(sdkHttp(BackendServer.newKeyPair())).build();
        assertThrows(ValidationException.class, () -> wrongKey.queryOrderByOutTradeNo(query));
        assertEquals(Transaction.TradeStateEnum.NOTPAY, pay.queryOrderByOutTradeNo(query).getTradeState());
    }

    @Test
    void theSdksVerifierAcceptsARequestSignedTheWayTheTerminalSignsIt() {
        String target = "/v3/pay/transactions/out-trade-no/VM1_000123?mchid=" + MCHID;
        long timestamp = Instant.now().getEpochSecond();
        String nonce = WechatSignature.nonce();
        String header = WechatSignature.authorization(MCHID, SERIAL, merchant.getPrivate(), "GET", target, timestamp, nonce, "");
        java.util.Map<String, String> items = WechatSignature.parseAuthorization(header).orElseThrow();
        RSAVerifier sdkVerifier = new RSAVerifier(merchant.getPublic(), SERIAL);
        String message = "GET\n" + target + "\n" + timestamp + "\n" + nonce + "\n\n";
        assertTrue(sdkVerifier.verify(SERIAL, message, items.get("signature")));
        assertFalse(sdkVerifier.verify(SERIAL, message.replace("VM1_000123", "VM1_000124"), items.get("signature")));
    }
}
