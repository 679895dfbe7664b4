package io.qrvend.sim.backend.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.backend.wechat.FakeWechatPay.TradeState;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** WeChat Pay's books in memory: states, closes, refunds, expiry and slow payments, in virtual time. */
class FakeWechatPayTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T08:00:00Z"));
    final FakeWechatPay wechat = new FakeWechatPay(now::get);

    TradeState state(String no) {
        return wechat.trade(no).orElseThrow().state();
    }

    void later(long seconds) {
        now.set(now.get().plusSeconds(seconds));
    }

    @Test
    void anOrderIsNotpayUntilPaidAndAScanShowsNothing() {
        String code = wechat.place("WX_M0001", 350, "Cola", now.get().plusSeconds(120));
        assertTrue(code.startsWith("weixin://wxpay/bizpayurl?pr="));
        assertEquals(code, wechat.place("WX_M0001", 350, "Cola", now.get().plusSeconds(120)), "a retried order gives the same code");
        assertTrue(wechat.scan("WX_M0001"));
        assertEquals(TradeState.NOTPAY, state("WX_M0001"));
        later(3);
        assertTrue(wechat.pay("WX_M0001"));
        FakeWechatPay.Trade t = wechat.trade("WX_M0001").orElseThrow();
        assertEquals(TradeState.SUCCESS, t.state());
        assertEquals(350, t.paidFen());
        assertEquals(now.get(), t.paidAt());
        assertEquals(28, t.transactionId().length());
        assertNotNull(t.openid());
        assertFalse(wechat.pay("WX_M0001"), "paid once");
    }

    @Test
    void aUsedOrderNumberWithOtherTermsIsRefused() {
        wechat.place("WX_M0002", 350, "Cola", null);
        assertEquals("OUT_TRADE_NO_USED", assertThrows(WechatRefusal.class, () -> wechat.place("WX_M0002", 400, "Cola", null)).code());
        wechat.pay("WX_M0002");
        assertEquals("ORDERPAID", assertThrows(WechatRefusal.class, () -> wechat.place("WX_M0002", 350, "Cola", null)).code());
    }

    @Test
    void closeIsIdempotentOnUnpaidOrdersAndRefusedOnPaidOnes() {
        wechat.place("WX_M0003", 350, "Cola", null);
        wechat.close("WX_M0003");
        wechat.close("WX_M0003");
        assertEquals(TradeState.CLOSED, state("WX_M0003"));
        assertFalse(wechat.pay("WX_M0003"), "a closed order cannot be paid");

        wechat.place("WX_M0004", 350, "Cola", null);
        wechat.pay("WX_M0004");
        WechatRefusal paid = assertThrows(WechatRefusal.class, () -> wechat.close("WX_M0004"));
        assertEquals(400, paid.status());
        assertEquals("ORDERPAID", paid.code());
        assertEquals(TradeState.SUCCESS, state("WX_M0004"), "closing never refunds");
        assertEquals(0, wechat.trade("WX_M0004").orElseThrow().refundedFen());
        assertEquals("ORDER_NOT_EXIST", assertThrows(WechatRefusal.class, () -> wechat.close("WX_NOSUCH")).code());
    }

    @Test
    void refundsAreIdempotentByNumberAndNeverExceedThePayment() {
        wechat.place("WX_M0005", 500, "Cola", null);
        assertEquals("INVALID_REQUEST", assertThrows(WechatRefusal.class, () -> wechat.refund("WX_M0005", "R1", 500, 500)).code(),
                "nothing paid, nothing to refund");
        wechat.pay("WX_M0005");
        FakeWechatPay.Refund first = wechat.refund("WX_M0005", "R1", 300, 500);
        assertEquals(first, wechat.refund("WX_M0005", "R1", 300, 500), "the same number refunds once");
        assertEquals(300, wechat.trade("WX_M0005").orElseThrow().refundedFen());
        assertEquals("NOT_ENOUGH", assertThrows(WechatRefusal.class, () -> wechat.refund("WX_M0005", "R2", 201, 500)).code());
        assertEquals("PARAM_ERROR", assertThrows(WechatRefusal.class, () -> wechat.refund("WX_M0005", "R2", 200, 600)).code(),
                "the total must be the order's");
        wechat.refund("WX_M0005", "R2", 200, 500);
        assertEquals(500, wechat.trade("WX_M0005").orElseThrow().refundedFen());
        assertEquals(TradeState.REFUND, state("WX_M0005"));
        assertEquals("SUCCESS", wechat.refundQueried("R2").orElseThrow().status(now.get()));
        assertTrue(wechat.refundQueried("R3").isEmpty());
    }

    @Test
    void aRefundMayBeProcessingBeforeItSucceeds() {
        wechat.refundsTake(Duration.ofSeconds(5));
        wechat.place("WX_M0006", 500, "Cola", null);
        wechat.pay("WX_M0006");
        FakeWechatPay.Refund r = wechat.refund("WX_M0006", "R1", 500, 500);
        assertEquals("PROCESSING", r.status(now.get()));
        later(5);
        assertEquals("SUCCESS", wechat.refundQueried("R1").orElseThrow().status(now.get()));
    }

    @Test
    void anExpiredOrderCanNoLongerBePaidButStillSaysNotpay() {
        wechat.place("WX_M0007", 350, "Cola", now.get().plusSeconds(60));
        later(60);
        assertFalse(wechat.scan("WX_M0007"));
        assertFalse(wechat.pay("WX_M0007"));
        assertEquals(TradeState.NOTPAY, state("WX_M0007"), "WeChat Pay has no expired state");
        wechat.close("WX_M0007");
        assertEquals(TradeState.CLOSED, state("WX_M0007"));
    }

    @Test
    void aSlowPaymentIsUserpayingFirstAndAClosedOneIsNeverCharged() {
        wechat.place("WX_M0008", 350, "Cola", null);
        wechat.delayPayment("WX_M0008", Duration.ofSeconds(20));
        assertTrue(wechat.pay("WX_M0008"));
        assertEquals(TradeState.USERPAYING, wechat.queried("WX_M0008").orElseThrow().state());
        assertFalse(wechat.pay("WX_M0008"), "one payment at a time");
        later(20);
        FakeWechatPay.Trade paid = wechat.queried("WX_M0008").orElseThrow();
        assertEquals(TradeState.SUCCESS, paid.state());
        assertEquals(now.get(), paid.paidAt());
        assertEquals(2, wechat.queries("WX_M0008"));

        wechat.place("WX_M0009", 350, "Cola", null);
        wechat.delayPayment("WX_M0009", Duration.ofSeconds(20));
        wechat.pay("WX_M0009");
        wechat.close("WX_M0009");
        later(30);
        assertEquals(TradeState.CLOSED, state("WX_M0009"));
        assertEquals(0, wechat.trade("WX_M0009").orElseThrow().paidFen());
        assertEquals(2, wechat.ledger().size());
        assertEquals(350, wechat.ledger().stream().mapToLong(FakeWechatPay.Trade::paidFen).sum());
    }

    @Test
    void asAGatewayACloseOfAPaidOrderIsPaidInsteadAndNeverARefund() {
        assertTrue(wechat.create(new OrderRequest("WX_G0001", 350, "Cola", Duration.ofSeconds(90))) instanceof CreateResult.Created);
        assertEquals(now.get().plusSeconds(90), wechat.trade("WX_G0001").orElseThrow().timeExpire());
        assertEquals(new QueryResult.Waiting(), wechat.query("WX_G0001"));
        wechat.pay("WX_G0001");
        assertEquals(new QueryResult.Paid(350, now.get()), wechat.query("WX_G0001"));
        assertEquals(new CancelResult.PaidInstead(350, now.get()), wechat.cancel("WX_G0001"));
        assertEquals(0, wechat.trade("WX_G0001").orElseThrow().refundedFen());
        assertEquals(new RefundResult.Refunded(350), wechat.refund("WX_G0001", "WX_G0001R1", 350));
        assertEquals(new RefundResult.Refunded(350), wechat.refund("WX_G0001", "WX_G0001R1", 350), "once");
        assertEquals(new RefundQueryResult.Refunded(350), wechat.queryRefund("WX_G0001", "WX_G0001R1"));
        assertEquals(new QueryResult.Closed(), wechat.query("WX_G0001"), "REFUND: never a payment to vend for, as the terminal's gateway says");
        assertTrue(wechat.refund("WX_G0001", "WX_G0001R2", 1) instanceof RefundResult.Rejected);

        wechat.create(new OrderRequest("WX_G0002", 200, "Water", Duration.ofSeconds(90)));
        assertEquals(new CancelResult.Cancelled(false), wechat.cancel("WX_G0002"));
        assertEquals(new QueryResult.Closed(), wechat.query("WX_G0002"));
        assertEquals(new CancelResult.NotFound(), wechat.cancel("WX_NOSUCH"));
        assertEquals(new QueryResult.NotFound(), wechat.query("WX_NOSUCH"));
        assertEquals(new RefundQueryResult.NotFound(), wechat.queryRefund("WX_G0002", "WX_G0001R1"));
    }
}
