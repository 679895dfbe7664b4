package io.qrvend.sim.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alipay's own Java SDK, configured with the simulator's URL and keys, gets answers it verifies. */
class OfficialSdkTest {
    final KeyPair app = BackendServer.newKeyPair();
    final KeyPair alipay = BackendServer.newKeyPair();
    final FakeAlipay model = new FakeAlipay(Instant::now);
    BackendServer server;

    @BeforeEach
    void start() throws Exception {
        server = new BackendServer(model, "2021000000000001", app.getPublic(), alipay.getPrivate(), new FaultPlan(1), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    AlipayClient client(KeyPair alipayKeys) {
        return new DefaultAlipayClient(server.gatewayUri().toString(), "2021000000000001",
                Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()), "json", "utf-8",
                Base64.getEncoder().encodeToString(alipayKeys.getPublic().getEncoded()), "RSA2");
    }

    @Test
    void theOfficialClientGetsVerifiedAnswersThroughASale() throws Exception {
        AlipayClient sdk = client(alipay);
        AlipayTradePrecreateRequest pre = new AlipayTradePrecreateRequest();
        pre.setBizContent("{\"out_trade_no\":\"SDK_1\",\"total_amount\":\"3.50\",\"subject\":\"可乐\",\"timeout_express\":\"5m\"}");
        AlipayTradePrecreateResponse created = sdk.execute(pre);
        assertTrue(created.isSuccess(), created.getBody());
        assertTrue(created.getQrCode().startsWith("https://qr.alipay.com/"), created.getQrCode());

        AlipayTradeQueryRequest q = new AlipayTradeQueryRequest();
        q.setBizContent("{\"out_trade_no\":\"SDK_1\"}");
        AlipayTradeQueryResponse before = sdk.execute(q);
        assertEquals("ACQ.TRADE_NOT_EXIST", before.getSubCode(), before.getBody());

        assertTrue(model.scan("SDK_1"));
        assertEquals("WAIT_BUYER_PAY", sdk.execute(q).getTradeStatus());
        assertTrue(model.pay("SDK_1"));
        AlipayTradeQueryResponse paid = sdk.execute(q);
        assertEquals("TRADE_SUCCESS", paid.getTradeStatus());
        assertEquals("3.50", paid.getTotalAmount());

        AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
        refund.setBizContent("{\"out_trade_no\":\"SDK_1\",\"refund_amount\":\"3.50\",\"out_request_no\":\"SDK_1R1\"}");
        AlipayTradeRefundResponse refunded = sdk.execute(refund);
        assertTrue(refunded.isSuccess(), refunded.getBody());
        assertEquals("Y", refunded.getFundChange());
        assertEquals("N", sdk.execute(refund).getFundChange(), "the same request number refunds once");

        AlipayTradeCancelRequest cancel = new AlipayTradeCancelRequest();
        cancel.setBizContent("{\"out_trade_no\":\"SDK_1\"}");
        AlipayTradeCancelResponse cancelled = sdk.execute(cancel);
        assertTrue(cancelled.isSuccess(), cancelled.getBody());
        assertEquals("N", cancelled.getRetryFlag());
    }

    @Test
    void theOfficialClientRejectsAnswersSignedWithAnotherKey() {
        AlipayClient sdk = client(BackendServer.newKeyPair());
        AlipayTradeQueryRequest q = new AlipayTradeQueryRequest();
        q.setBizContent("{\"out_trade_no\":\"SDK_2\"}");
        AlipayApiException e = assertThrows(AlipayApiException.class, () -> sdk.execute(q));
        assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("sign"), e.getMessage());
    }

    @Test
    void aRequestSignedWithTheWrongAppKeyGetsAlipaysError() throws Exception {
        KeyPair stranger = BackendServer.newKeyPair();
        AlipayClient sdk = new DefaultAlipayClient(server.gatewayUri().toString(), "2021000000000001",
                Base64.getEncoder().encodeToString(stranger.getPrivate().getEncoded()), "json", "utf-8",
                Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded()), "RSA2");
        AlipayTradeQueryRequest q = new AlipayTradeQueryRequest();
        q.setBizContent("{\"out_trade_no\":\"SDK_3\"}");
        AlipayTradeQueryResponse r = sdk.execute(q);
        assertEquals("40002", r.getCode(), r.getBody());
        assertEquals("isv.invalid-signature", r.getSubCode());
    }
}
