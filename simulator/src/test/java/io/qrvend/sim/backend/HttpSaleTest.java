package io.qrvend.sim.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.TerminalRig;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.FakeVendingMachine;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.alipay.AlipayConfig;
import io.qrvend.terminal.payment.alipay.AlipayGateway;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.VirtualScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The sale engine with the real Alipay gateway, over real HTTP on loopback, against the simulated
 * backend with its faults; every run ends with the invariants checked against the backend's ledger.
 * The engine runs in virtual time; each backend call is a real, blocking request.
 */
class HttpSaleTest {
    static KeyPair app;
    static KeyPair alipay;

    @TempDir
    Path dir;

    final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
    final FakeAlipay model = new FakeAlipay(time::now);
    final FakeVendingMachine machine = new FakeVendingMachine(8, time, Duration.ofMillis(800));
    final FaultPlan faults = new FaultPlan(42).hold(Duration.ofSeconds(2));
    BackendServer server;
    SimClient customer;
    TerminalRig rig;

    /** Which customer comes: pays, or only scans, or does nothing. */
    enum Customer { PAYS, SCANS_ONLY, WALKS_AWAY }

    @BeforeAll
    static void keys() {
        app = BackendServer.newKeyPair();
        alipay = BackendServer.newKeyPair();
    }

    @BeforeEach
    void start() throws IOException {
        server = new BackendServer(model, "2021000000000001", app.getPublic(), alipay.getPrivate(), faults, 0);
        customer = new SimClient(server.baseUri());
        try (Journal j = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            j.catalog().put(new Slot("A1", "Cola", 350, 3, true, 5, true, null));
        }
        AlipayGateway gateway = new AlipayGateway(new AlipayConfig(server.gatewayUri(), "2021000000000001", app.getPrivate(),
                alipay.getPublic(), Duration.ofSeconds(2), Duration.ofMillis(400)), Clock.systemUTC());
        rig = TerminalRig.builder().journal(dir.resolve("journal.db"), Durability.FULL).scheduler(time).gateway(gateway)
                .machine(machine).display(this::show).build();
    }

    @AfterEach
    void stop() {
        rig.close();
        server.close();
    }

    Customer who = Customer.WALKS_AWAY;

    /** The customer acts on the QR when it appears, over the simulator's HTTP endpoints. */
    void show(Screen screen) {
        if (screen instanceof Screen.PaymentQr qr) {
            if (who != Customer.WALKS_AWAY) {
                time.schedule(Duration.ofSeconds(4), () -> act(() -> customer.scan(qr.orderNo())));
            }
            if (who == Customer.PAYS) {
                time.schedule(Duration.ofSeconds(9), () -> act(() -> customer.pay(qr.orderNo())));
            }
        }
    }

    /** Sells slot A1 to {@code customer}, waits until every sale is final, and checks the invariants. */
    Sale sell(Customer customer) {
        who = customer;
        rig.start();
        time.runDue();
        rig.engine().select("A1");
        time.runDue();
        assertTrue(time.runUntil(() -> rig.journal().unfinishedSales().isEmpty(), Duration.ofMinutes(15)),
                "the sale did not end: " + rig.journal().sales());
        time.advance(Duration.ofMinutes(4));
        Journal j = rig.journal();
        Invariants.Report report = Invariants.check(j.sales(), model.ledger(), rig.pulsesByOrder(), rig.dropsByOrder(), j::history);
        assertTrue(report.safe(), report.violations() + " history " + j.history(1));
        return j.sales().get(0);
    }

    interface Action {
        SimClient.Answer run() throws IOException, InterruptedException;
    }

    static void act(Action a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void paidSaleIsVendedOverHttp() throws Exception {
        Sale s = sell(Customer.PAYS);
        assertEquals(SaleState.VENDED, s.state());
        assertTrue(customer.trades().contains("\"status\" : \"TRADE_SUCCESS\""), customer.trades());
        assertEquals(List.of(3), machine.pulses());
    }

    @Test
    void jammedSlotIsRefundedOverHttp() {
        machine.jam(3, true);
        Sale s = sell(Customer.PAYS);
        assertEquals(SaleState.REFUNDED, s.state());
        assertEquals(350, model.ledger().get(0).refundedFen());
    }

    @Test
    void walkAwayIsCancelledOverHttp() {
        Sale s = sell(Customer.WALKS_AWAY);
        assertEquals(SaleState.CANCELLED, s.state());
        assertTrue(machine.pulses().isEmpty());
    }

    /** Every fault, on every call of the kind it hits, for the first few calls: the sale must still end safely. */
    static Stream<Arguments> faultsOnEachCall() {
        List<String> methods = List.of("precreate", "query", "cancel", "refund", "refund.query");
        List<Fault> general = List.of(Fault.LATENCY, Fault.TIMEOUT, Fault.RESET, Fault.HTTP_500, Fault.UNAVAILABLE,
                Fault.SYSTEM_ERROR, Fault.GARBLED, Fault.BAD_SIGNATURE, Fault.STALE);
        return methods.stream().flatMap(m -> general.stream().map(f -> Arguments.of(m, f)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("faultsOnEachCall")
    void faultsNeverBreakTheRules(String method, Fault fault) {
        faults.script(method, fault, fault, fault);
        if (method.startsWith("refund")) {
            machine.jam(3, true);
        }
        if (method.equals("refund.query")) {
            faults.script("refund", Fault.TIMEOUT);
        }
        Customer who = method.equals("cancel") ? Customer.SCANS_ONLY : Customer.PAYS;
        Sale s = sell(who);
        Set<SaleState> expected = switch (method) {
            case "precreate" -> Set.of(SaleState.VENDED, SaleState.CANCELLED);
            case "query" -> Set.of(SaleState.VENDED, SaleState.REFUNDED);
            case "cancel" -> Set.of(SaleState.CANCELLED);
            default -> Set.of(SaleState.REFUNDED);
        };
        assertTrue(expected.contains(s.state()), fault + " on " + method + " ended " + s.state());
        assertTrue(faults.injected().getOrDefault(fault, 0) >= 1, "the fault was injected");
    }

    /**
     * A gateway that sends its headers and then drips: each call is abandoned at the gateway's
     * deadline as unknown, and once the drip stops a paid sale still ends vended, or refunded.
     */
    @Test
    void aPaidSaleEndsVendedOrRefundedWhenTheDripStops() {
        faults.script("query", Fault.DRIP, Fault.DRIP, Fault.DRIP);
        Sale s = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> sell(Customer.PAYS));
        assertTrue(Set.of(SaleState.VENDED, SaleState.REFUNDED).contains(s.state()), s.state().name());
        assertEquals(3, faults.injected().get(Fault.DRIP));
        assertEquals(350, model.ledger().get(0).paidFen());
        if (s.state() == SaleState.VENDED) {
            assertEquals(List.of(3), machine.pulses());
        } else {
            assertEquals(350, model.ledger().get(0).refundedFen());
        }
    }

    /** The backend makes the refund whose answer drips; the sale learns it by asking, and refunds once. */
    @Test
    void aRefundWhoseAnswerDripsEndsRefundedOnce() {
        machine.jam(3, true);
        faults.script("refund", Fault.DRIP, Fault.DRIP);
        faults.script("refund.query", Fault.DRIP);
        Sale s = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> sell(Customer.PAYS));
        assertEquals(SaleState.REFUNDED, s.state());
        assertEquals(350, model.ledger().get(0).refundedFen());
        assertTrue(faults.injected().get(Fault.DRIP) >= 2, faults.injected().toString());
    }

    @Test
    void forgedPaymentNeverVends() {
        faults.chance("query", Fault.FORGED_PAID, 1.0);
        Sale s = sell(Customer.SCANS_ONLY);
        assertEquals(SaleState.CANCELLED, s.state());
        assertTrue(machine.pulses().isEmpty(), "a forged TRADE_SUCCESS fired the relay");
        assertTrue(faults.injected().get(Fault.FORGED_PAID) > 10);
    }

    @Test
    void paymentLandingJustBeforeTheCancelIsRefundedByIt() {
        faults.script("cancel", Fault.PAY_BEFORE_CANCEL);
        Sale s = sell(Customer.SCANS_ONLY);
        assertEquals(SaleState.REFUNDED, s.state());
        assertTrue(model.ledger().get(0).refundedByCancel());
        assertTrue(machine.pulses().isEmpty());
    }

    @Test
    void randomFaultsOnEveryCallStillEndSafely() {
        for (Fault f : List.of(Fault.TIMEOUT, Fault.RESET, Fault.HTTP_500, Fault.UNAVAILABLE, Fault.SYSTEM_ERROR,
                Fault.GARBLED, Fault.BAD_SIGNATURE, Fault.STALE)) {
            faults.chance("all", f, 0.04);
        }
        Sale s = sell(Customer.PAYS);
        assertTrue(Set.of(SaleState.VENDED, SaleState.REFUNDED, SaleState.CANCELLED).contains(s.state()), s.state().name());
        Map<Fault, Integer> injected = faults.injected();
        assertTrue(injected.values().stream().mapToInt(Integer::intValue).sum() > 0, injected.toString());
    }
}
