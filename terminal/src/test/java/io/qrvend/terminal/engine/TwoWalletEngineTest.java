package io.qrvend.terminal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One sale, an order at Alipay and one at WeChat Pay: exactly one payment is kept, whatever the customer does. */
class TwoWalletEngineTest {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    final VirtualScheduler time = new VirtualScheduler(T0);
    final ScriptedGateway alipay = new ScriptedGateway();
    final ScriptedGateway wechat = new ScriptedGateway();
    final List<Screen> screens = new ArrayList<>();
    final List<Integer> pulses = new ArrayList<>();
    Journal journal;
    Engine engine;

    @BeforeEach
    void setUp() {
        journal = Journal.open(dir.resolve("journal.db"), Durability.FULL);
        journal.catalog().put(new Slot("A1", "Cola", 350, 3, true, 2, true, null));
        ScriptedGateway.script(wechat.creates, List.of(new CreateResult.Created("weixin://wxpay/bizpayurl?pr=1")));
    }

    void start() {
        Map<Wallet, PaymentGateway> gateways = new LinkedHashMap<>();
        gateways.put(Wallet.ALIPAY, alipay);
        gateways.put(Wallet.WECHAT, wechat);
        engine = Engine.builder().terminalId("T1").journal(journal).scheduler(time).gateways(gateways)
                .vend((channel, duration) -> pulses.add(channel))
                .display(screens::add).network(Runnable::run).hardware(Runnable::run).build();
        engine.start();
        time.runDue();
    }

    @AfterEach
    void tearDown() {
        journal.close();
    }

    List<Sale> orders() {
        CompletableFuture<Selection> f = engine.select("A1");
        time.runDue();
        long group = ((Selection.Accepted) f.join()).saleId();
        return journal.sales().stream().filter(s -> s.groupId() == group).toList();
    }

    Sale reread(Sale s) {
        return journal.sale(s.id()).orElseThrow();
    }

    Screen lastScreen() {
        return screens.get(screens.size() - 1);
    }

    @Test
    void aSelectionOpensAnOrderAtEachWalletAndShowsBothCodes() {
        start();
        List<Sale> orders = orders();
        assertEquals(List.of(Wallet.ALIPAY, Wallet.WECHAT), orders.stream().map(Sale::wallet).toList());
        assertEquals(1, alipay.count("create " + orders.get(0).orderNo() + " 350"));
        assertEquals(1, wechat.count("create " + orders.get(1).orderNo() + " 350"));
        Screen.PaymentQr qr = assertInstanceOf(Screen.PaymentQr.class, lastScreen());
        assertEquals(List.of(new Screen.WalletCode("Alipay", "https://qr.example/1"),
                new Screen.WalletCode("WeChat Pay", "weixin://wxpay/bizpayurl?pr=1")), qr.codes());
        assertEquals(T0.plus(SalePolicy.DEFAULTS.paymentWindow()), qr.deadline());
    }

    @Test
    void aPaymentAtOneWalletVendsOnceAndClosesTheOtherOrder() {
        ScriptedGateway.script(wechat.queries, List.of(new QueryResult.Paid(350, null)));
        start();
        List<Sale> orders = orders();
        time.advance(SalePolicy.DEFAULTS.pollUnscanned());
        assertEquals(List.of(3), pulses);
        engine.dropSeen("A1");
        time.advance(Duration.ofSeconds(1));
        assertEquals(SaleState.VENDED, reread(orders.get(1)).state());
        Sale closed = reread(orders.get(0));
        assertEquals(SaleState.CANCELLED, closed.state());
        assertEquals(1, alipay.count("cancel " + closed.orderNo()));
        assertEquals(0, alipay.count("refund"));
        assertInstanceOf(Screen.ThankYou.class, lastScreen(), "the closing order does not take over the screen");
    }

    @Test
    void aCustomerWhoPaysBothCodesGetsOneProductAndTheSecondPaymentBack() {
        ScriptedGateway.script(alipay.queries, List.of(new QueryResult.Paid(350, null)));
        ScriptedGateway.script(wechat.queries, List.of(new QueryResult.Paid(350, null)));
        ScriptedGateway.script(alipay.cancels, List.of(new CancelResult.PaidInstead(350, T0)));
        start();
        List<Sale> orders = orders();
        time.advance(SalePolicy.DEFAULTS.pollUnscanned());
        engine.dropSeen("A1");
        time.advance(Duration.ofSeconds(10));
        assertEquals(List.of(3), pulses, "one product");
        Sale kept = reread(orders.get(1));
        Sale refunded = reread(orders.get(0));
        assertEquals(SaleState.VENDED, kept.state(), "WeChat Pay, polled every second, found its payment first");
        assertEquals(SaleState.REFUNDED, refunded.state());
        assertEquals(350, refunded.paidFen());
        assertEquals(350, refunded.refundedFen());
        assertEquals(1, alipay.count("refund " + refunded.orderNo() + "R1 350"), "refunded once, in full");
        assertEquals(0, wechat.count("refund"));
    }

    @Test
    void aCustomerCancelEndsBothOrders() {
        start();
        List<Sale> orders = orders();
        CompletableFuture<Boolean> cancelled = engine.cancel();
        time.advance(Duration.ofSeconds(1));
        assertTrue(cancelled.join());
        for (Sale o : orders) {
            assertEquals(SaleState.CANCELLED, reread(o).state(), o.wallet().key());
        }
        assertEquals(0, pulses.size());
    }

    @Test
    void oneWalletFailingToCreateLeavesTheOtherCodeUp() {
        ScriptedGateway.script(wechat.creates, List.of(new CreateResult.Rejected("PARAM_ERROR", "bad mchid")));
        start();
        List<Sale> orders = orders();
        assertEquals(SaleState.FAILED, reread(orders.get(1)).state());
        Screen.PaymentQr qr = assertInstanceOf(Screen.PaymentQr.class, lastScreen());
        assertEquals(List.of(new Screen.WalletCode("Alipay", "https://qr.example/1")), qr.codes());
    }

    @Test
    void recoveryOfASaleWithOnePaidOrderRefundsAPaymentFoundOnTheOther() {
        List<Sale> opened = journal.openSale("T1", journal.catalog().slot("A1").orElseThrow(), Duration.ofSeconds(3),
                List.of(Wallet.ALIPAY, Wallet.WECHAT), T0);
        Sale a = opened.get(0);
        Sale w = opened.get(1);
        journal.record(a, a.awaiting("qr-a", T0), "qr", T0, false);
        journal.record(w, w.awaiting("qr-w", T0), "qr", T0, false);
        journal.record(w.awaiting("qr-w", T0), w.awaiting("qr-w", T0).paid(350, T0), "paid", T0, false);
        // The power came back five minutes later: the WeChat customer has left; the Alipay code was paid too.
        time.advance(Duration.ofMinutes(5));
        ScriptedGateway.script(alipay.queries, List.of(new QueryResult.Paid(350, T0)));
        start();
        time.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), pulses);
        assertEquals(SaleState.REFUNDED, reread(a).state(), "the Alipay order lost to the WeChat payment");
        assertEquals(1, alipay.count("refund " + a.orderNo() + "R1 350"));
        assertEquals(SaleState.REFUNDED, reread(w).state(), "paid before the restart, customer gone: refunded");
        assertEquals(0, alipay.count("cancel"), "a paid order is refunded, not cancelled");
    }
}
