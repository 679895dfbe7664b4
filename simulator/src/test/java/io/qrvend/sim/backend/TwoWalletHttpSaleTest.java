package io.qrvend.sim.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.TerminalRig;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.backend.wechat.WechatMerchant;
import io.qrvend.sim.backend.wechat.WechatPayServer;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.FakeVendingMachine;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.payment.alipay.AlipayConfig;
import io.qrvend.terminal.payment.alipay.AlipayGateway;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatPayGateway;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.VirtualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One sale, two wallets, end to end: the sale engine offering Alipay and WeChat Pay, each through its
 * real gateway over real HTTP on loopback, against the simulated backends with their faults. The
 * engine runs in virtual time, each backend call is a real, blocking request, and every run ends with
 * the invariants checked against both ledgers. The WeChat Pay answers are signed and checked on the
 * wall clock (a timestamp is judged against it), so virtual time starts at the wall clock's now.
 */
class TwoWalletHttpSaleTest {
    static final String MCHID = "1900000109";
    static final String APPID = "wxd678efh567hg6787";
    static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String KEY_ID = "PUB_KEY_ID_0119000001092025000000000001";
    static KeyPair app;
    static KeyPair alipayKeys;
    static KeyPair merchant;
    static KeyPair wechatPayKeys;

    @TempDir
    Path dir;

    final VirtualScheduler time = new VirtualScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final FakeAlipay alipay = new FakeAlipay(time::now);
    final FakeWechatPay wechat = new FakeWechatPay(time::now);
    final FakeVendingMachine machine = new FakeVendingMachine(8, time, Duration.ofMillis(800));
    final FaultPlan faults = new FaultPlan(13).hold(Duration.ofSeconds(1));
    BackendServer alipayServer;
    WechatPayServer wechatServer;
    Map<Wallet, SimClient> phones;
    TerminalRig rig;

    /** What the customer does once both codes are up: when (seconds after they appear) and with which code. */
    record Step(int afterSeconds, Wallet wallet, boolean pays) {
    }

    final List<Step> customer = new ArrayList<>();
    boolean cancelsAt6s;
    boolean served;

    @BeforeAll
    static void keys() {
        app = BackendServer.newKeyPair();
        alipayKeys = BackendServer.newKeyPair();
        merchant = BackendServer.newKeyPair();
        wechatPayKeys = BackendServer.newKeyPair();
    }

    @BeforeEach
    void start() throws IOException {
        alipayServer = new BackendServer(alipay, "2021000000000001", app.getPublic(), alipayKeys.getPrivate(), faults, 0);
        wechatServer = new WechatPayServer(wechat, new WechatMerchant(MCHID, APPID, SERIAL, merchant.getPublic()),
                wechatPayKeys.getPrivate(), KEY_ID, faults, 0);
        phones = Map.of(Wallet.ALIPAY, new SimClient(alipayServer.baseUri()), Wallet.WECHAT, new SimClient(wechatServer.baseUri()));
        try (Journal j = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            j.catalog().put(new Slot("A1", "Cola", 350, 3, true, 5, true, null));
        }
        Map<Wallet, PaymentGateway> gateways = new LinkedHashMap<>();
        gateways.put(Wallet.ALIPAY, new AlipayGateway(new AlipayConfig(alipayServer.gatewayUri(), "2021000000000001", app.getPrivate(),
                alipayKeys.getPublic(), Duration.ofSeconds(2), Duration.ofMillis(400)), Clock.systemUTC()));
        gateways.put(Wallet.WECHAT, new WechatPayGateway(new WechatConfig(wechatServer.baseUri(), MCHID, APPID, merchant.getPrivate(),
                SERIAL, wechatPayKeys.getPublic(), KEY_ID, Map.of(), URI.create("https://notify.example.com/qrvend/wechat"),
                Duration.ofSeconds(2), Duration.ofMillis(400)), Clock.systemUTC()));
        rig = TerminalRig.builder().journal(dir.resolve("journal.db"), Durability.FULL).scheduler(time).gateways(gateways)
                .machine(machine).display(this::show).build();
    }

    @AfterEach
    void stop() {
        rig.close();
        alipayServer.close();
        wechatServer.close();
    }

    /** The customer acts once the screen shows both codes, over the simulators' HTTP customer endpoints. */
    void show(Screen screen) {
        if (!(screen instanceof Screen.PaymentQr qr) || qr.codes().size() < 2 || served) {
            return;
        }
        served = true;
        assertEquals(List.of("Alipay", "WeChat Pay"), qr.codes().stream().map(Screen.WalletCode::label).toList());
        for (Step step : customer) {
            time.schedule(Duration.ofSeconds(step.afterSeconds()), () -> act(step));
        }
        if (cancelsAt6s) {
            time.schedule(Duration.ofSeconds(6), () -> rig.engine().cancel());
        }
    }

    void act(Step step) {
        SimClient phone = phones.get(step.wallet());
        String order = order(step.wallet()).orderNo();
        try {
            if (step.pays()) {
                phone.pay(order);
            } else {
                phone.scan(order);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Sale order(Wallet wallet) {
        return rig.journal().sales().stream().filter(s -> s.wallet() == wallet).findFirst().orElseThrow();
    }

    /** A customer who scans the code of {@code wallet} after 4 s and pays it after 9 s. */
    static List<Step> pays(Wallet wallet) {
        return List.of(new Step(4, wallet, false), new Step(9, wallet, true));
    }

    /** Sells slot A1 once, waits until every order is final, checks the invariants; the orders by wallet. */
    Map<Wallet, Sale> sell() {
        rig.start();
        time.runDue();
        rig.engine().select("A1");
        time.runDue();
        assertTrue(time.runUntil(() -> rig.journal().unfinishedSales().isEmpty(), Duration.ofMinutes(15)),
                "the sale did not end: " + rig.journal().sales());
        time.advance(Duration.ofMinutes(4));
        Journal j = rig.journal();
        List<Invariants.BackendOrder> books = new ArrayList<>(Invariants.BackendOrder.alipay(alipay.ledger()));
        books.addAll(Invariants.BackendOrder.wechat(wechat.ledger()));
        Invariants.Report report = Invariants.checkOrders(j.sales(), books, rig.pulsesByOrder(), rig.dropsByOrder(), j::history,
                Invariants.SensorFaults.NONE);
        assertTrue(report.safe(), report.violations() + " sales " + j.sales());
        assertEquals(1, report.sales(), "one customer's sale");
        Map<Wallet, Sale> orders = new EnumMap<>(Wallet.class);
        j.sales().forEach(s -> orders.put(s.wallet(), s));
        assertEquals(2, orders.size(), "one order at each wallet: " + j.sales());
        return orders;
    }

    static Map<Wallet, SaleState> states(Map<Wallet, Sale> orders) {
        Map<Wallet, SaleState> out = new EnumMap<>(Wallet.class);
        orders.forEach((w, s) -> out.put(w, s.state()));
        return out;
    }

    @Test
    void aWechatPaymentVendsAndTheUnscannedAlipayOrderEnds() {
        customer.addAll(pays(Wallet.WECHAT));
        Map<Wallet, Sale> orders = sell();
        assertEquals(Map.of(Wallet.WECHAT, SaleState.VENDED, Wallet.ALIPAY, SaleState.CANCELLED), states(orders));
        assertEquals(List.of(3), machine.pulses());
        FakeWechatPay.Trade paid = wechat.trade(orders.get(Wallet.WECHAT).orderNo()).orElseThrow();
        assertEquals(FakeWechatPay.TradeState.SUCCESS, paid.state());
        assertEquals(350, paid.paidFen());
        assertEquals(FakeAlipay.Status.EXPIRED, alipay.trade(orders.get(Wallet.ALIPAY).orderNo()).orElseThrow().status(),
                "nobody scanned the Alipay code: there was no trade to close, and the order expired");
    }

    @Test
    void aCustomerWhoPaysBothCodesAtOnceGetsOnePaymentBackAndOneProduct() {
        customer.addAll(List.of(new Step(4, Wallet.ALIPAY, false), new Step(4, Wallet.WECHAT, false),
                new Step(9, Wallet.ALIPAY, true), new Step(9, Wallet.WECHAT, true)));
        Map<Wallet, Sale> orders = sell();
        assertEquals(Set.of(SaleState.VENDED, SaleState.REFUNDED), Set.copyOf(states(orders).values()),
                "one order vends, the other is refunded: " + orders);
        assertEquals(List.of(3), machine.pulses());
        FakeAlipay.Trade a = alipay.trade(orders.get(Wallet.ALIPAY).orderNo()).orElseThrow();
        FakeWechatPay.Trade w = wechat.trade(orders.get(Wallet.WECHAT).orderNo()).orElseThrow();
        assertEquals(350, a.paidFen());
        assertEquals(350, w.paidFen());
        assertEquals(350, a.refundedFen() + w.refundedFen(), "exactly one payment went back, in full");
        assertEquals(1, a.refunds().size() + w.refunds().size(), "one refund at one backend");
    }

    /** The second code is paid while the terminal closes its order: WeChat Pay's close refuses (ORDERPAID) and never refunds. */
    @Test
    void aWechatPaymentLandingDuringItsCloseIsRefundedOnce() {
        faults.script("wechat.close", Fault.PAY_BEFORE_CANCEL);
        customer.addAll(pays(Wallet.ALIPAY));
        Map<Wallet, Sale> orders = sell();
        assertEquals(Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.REFUNDED), states(orders));
        FakeWechatPay.Trade w = wechat.trade(orders.get(Wallet.WECHAT).orderNo()).orElseThrow();
        assertEquals(FakeWechatPay.TradeState.REFUND, w.state());
        assertEquals(1, w.refunds().size());
        assertEquals(350, w.refundedFen());
        assertEquals(350, orders.get(Wallet.WECHAT).refundedFen());
        assertEquals(List.of(3), machine.pulses());
    }

    @Test
    void aCustomerCancelClosesBothOrdersAtBothBackends() {
        customer.addAll(List.of(new Step(4, Wallet.ALIPAY, false), new Step(4, Wallet.WECHAT, false)));
        cancelsAt6s = true;
        Map<Wallet, Sale> orders = sell();
        assertEquals(Map.of(Wallet.ALIPAY, SaleState.CANCELLED, Wallet.WECHAT, SaleState.CANCELLED), states(orders));
        assertEquals(FakeAlipay.Status.TRADE_CLOSED, alipay.trade(orders.get(Wallet.ALIPAY).orderNo()).orElseThrow().status());
        assertEquals(FakeWechatPay.TradeState.CLOSED, wechat.trade(orders.get(Wallet.WECHAT).orderNo()).orElseThrow().state());
        assertTrue(orders.values().stream().allMatch(Sale::cancelSent));
        assertTrue(machine.pulses().isEmpty());
        assertTrue(time.elapsedMillis() < Duration.ofSeconds(90).toMillis() + Duration.ofMinutes(4).toMillis(),
                "ended by the cancel, not by the payment window");
    }

    /**
     * WeChat Pay faults during a sale, three calls in a row: answers without signature, with a
     * 6-minute-old timestamp, or HTTP 500 are unknown, never believed; the sale asks again and ends as
     * the customer's money says.
     */
    static Stream<Arguments> wechatFaults() {
        return Stream.of(
                Arguments.of("wechat.query", Fault.UNSIGNED, Wallet.WECHAT, Map.of(Wallet.WECHAT, SaleState.VENDED, Wallet.ALIPAY, SaleState.CANCELLED)),
                Arguments.of("wechat.query", Fault.OLD_TIMESTAMP, Wallet.WECHAT, Map.of(Wallet.WECHAT, SaleState.VENDED, Wallet.ALIPAY, SaleState.CANCELLED)),
                Arguments.of("wechat.close", Fault.HTTP_500, Wallet.ALIPAY, Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.CANCELLED)),
                Arguments.of("wechat.close", Fault.OLD_TIMESTAMP, Wallet.ALIPAY, Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.CANCELLED)),
                Arguments.of("wechat.close", Fault.UNSIGNED, Wallet.ALIPAY, Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.CANCELLED)));
    }

    @ParameterizedTest(name = "{1} on {0}, the customer pays with {2}")
    @MethodSource("wechatFaults")
    void wechatFaultsDuringASaleEndItSafely(String method, Fault fault, Wallet paysWith, Map<Wallet, SaleState> expected) {
        faults.script(method, fault, fault, fault);
        customer.addAll(pays(paysWith));
        Map<Wallet, Sale> orders = sell();
        assertEquals(expected, states(orders));
        assertEquals(3, faults.injected().getOrDefault(fault, 0), "the faults were injected");
        assertEquals(List.of(3), machine.pulses());
        assertTrue(wechat.ledger().stream().noneMatch(t -> t.state() == FakeWechatPay.TradeState.NOTPAY), "the WeChat order was closed");
    }

    /**
     * A pays-both customer whose refund's answer is unsigned, and the refund query's then 6 minutes
     * old, still gets exactly one refund: the terminal asks before it sends the refund again.
     */
    @Test
    void theSecondPaymentIsRefundedOnceThroughUnsignedAndOldRefundAnswers() {
        faults.script("wechat.refund", Fault.UNSIGNED);
        faults.script("wechat.refund_query", Fault.OLD_TIMESTAMP);
        faults.script("wechat.close", Fault.PAY_BEFORE_CANCEL);
        customer.addAll(pays(Wallet.ALIPAY));
        Map<Wallet, Sale> orders = sell();
        assertEquals(Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.REFUNDED), states(orders));
        FakeWechatPay.Trade w = wechat.trade(orders.get(Wallet.WECHAT).orderNo()).orElseThrow();
        assertEquals(1, w.refunds().size(), "the retried refund kept its number: " + w.refunds());
        assertEquals(350, w.refundedFen());
        assertTrue(faults.injected().getOrDefault(Fault.UNSIGNED, 0) == 1 && faults.injected().getOrDefault(Fault.OLD_TIMESTAMP, 0) == 1,
                faults.injected().toString());
    }
}
