package io.qrvend.terminal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.journal.SaleHistoryEntry;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.VirtualScheduler;
import io.qrvend.terminal.vend.VendException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real journal file, in virtual time, with a scripted backend and a recording machine. */
class EngineTest {
    @TempDir
    Path dir;

    final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
    final ScriptedGateway backend = new ScriptedGateway();
    final List<Screen> screens = new ArrayList<>();
    final List<String> pulses = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();
    Journal journal;
    Engine engine;
    boolean jammed;
    String stateAtPulse;

    @BeforeEach
    void setUp() {
        journal = Journal.open(dir.resolve("journal.db"), Durability.FULL);
        journal.catalog().put(new Slot("A1", "Cola", 350, 3, true, 2, true, null));
        journal.catalog().put(new Slot("A2", "Water", 200, 4, false, 1, true, null));
        journal.catalog().put(new Slot("B1", "Tea", 300, 5, true, 0, true, null));
        journal.catalog().put(new Slot("B2", "Juice", 400, 6, true, 3, false, null));
        journal.catalog().put(new Slot("C1", "Broken", 0, 7, true, 3, true, null));
        engine = Engine.builder().terminalId("T1").journal(journal).scheduler(time).gateway(backend)
                .vend((channel, duration) -> {
                    Sale vending = journal.unfinishedSales().get(0);
                    stateAtPulse = vending.state().name();
                    pulses.add(channel + "/" + duration.toMillis());
                    if (jammed) {
                        throw new VendException("motor stalled");
                    }
                })
                .display(screens::add).network(Runnable::run).hardware(Runnable::run)
                .listener(new EngineListener() {
                    @Override
                    public void transition(Sale before, Sale after, String cause) {
                        transitions.add((before == null ? "-" : before.state()) + ">" + after.state());
                    }
                })
                .build();
        engine.start();
        time.runDue();
    }

    @AfterEach
    void tearDown() {
        journal.close();
    }

    Selection select(String slot) {
        CompletableFuture<Selection> f = engine.select(slot);
        time.runDue();
        return f.join();
    }

    Sale sale(Selection s) {
        return journal.sale(((Selection.Accepted) s).saleId()).orElseThrow();
    }

    String refusal(String slot) {
        Selection s = select(slot);
        return assertInstanceOf(Selection.Refused.class, s).reason();
    }

    @Test
    void startsReadyWithTheIdleScreen() {
        assertTrue(engine.isReady());
        Screen.Idle idle = assertInstanceOf(Screen.Idle.class, screens.get(screens.size() - 1));
        assertEquals(5, idle.offers().size());
        assertEquals(List.of(true, true, false, false, false),
                idle.offers().stream().map(Screen.Offer::available).collect(Collectors.toList()));
    }

    @Test
    void paidSaleVendsAndTheDropEndsIt() {
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.NotFound(), new QueryResult.Waiting(),
                new QueryResult.Paid(350, null)));
        Selection s = select("A1");
        time.advance(Duration.ofSeconds(7)); // not found at 3 s, scanned at 6 s, paid at 6.5 s
        assertEquals(List.of("3/500"), pulses);
        assertEquals("VENDING", stateAtPulse, "VENDING was committed before the relay fired");
        engine.dropSeen("A1");
        time.runDue();
        Sale done = sale(s);
        assertEquals(SaleState.VENDED, done.state());
        assertEquals(1, journal.catalog().slot("A1").orElseThrow().stock());
        assertEquals(List.of("->CREATED", "CREATED>AWAITING_PAYMENT", "AWAITING_PAYMENT>PAID", "PAID>VENDING",
                "VENDING>VENDED"), transitions);
        assertEquals(List.of(SaleState.CREATED, SaleState.AWAITING_PAYMENT, SaleState.PAID, SaleState.VENDING,
                SaleState.VENDED), journal.history(done.id()).stream().map(SaleHistoryEntry::to).collect(Collectors.toList()));
        assertInstanceOf(Screen.ThankYou.class, screens.get(screens.size() - 1));
        time.advance(Duration.ofSeconds(4));
        assertInstanceOf(Screen.Idle.class, screens.get(screens.size() - 1), "idle again after the hold");
        assertEquals(List.of("create " + done.orderNo() + " 350", "query " + done.orderNo(), "query " + done.orderNo(),
                "query " + done.orderNo()), backend.calls);
    }

    @Test
    void jammedSlotIsRefundedAndStockStays() {
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.Paid(350, null)));
        Selection s = select("A1");
        time.advance(SalePolicy.DEFAULTS.pollUnscanned());
        assertEquals(1, pulses.size());
        time.advance(Duration.ofSeconds(4));
        Sale done = sale(s);
        assertEquals(SaleState.REFUNDED, done.state());
        assertEquals(350, done.refundedFen());
        assertEquals(2, journal.catalog().slot("A1").orElseThrow().stock());
        assertEquals(1, backend.count("refund " + done.orderNo() + "R1 350"));
        assertInstanceOf(Screen.Refunded.class, screens.get(screens.size() - 1));
    }

    @Test
    void relayFaultOnASlotWithoutSensorIsRefunded() {
        jammed = true;
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.Paid(200, null)));
        ScriptedGateway.script(backend.refunds, List.of(new RefundResult.Unknown("timeout"), new RefundResult.Refunded(200)));
        Selection s = select("A2");
        time.advance(Duration.ofSeconds(10));
        Sale done = sale(s);
        assertEquals(SaleState.REFUNDED, done.state());
        assertEquals(List.of("refund " + done.orderNo() + "R1 200", "refund-query " + done.orderNo() + "R1",
                "refund " + done.orderNo() + "R1 200"),
                backend.calls.stream().filter(c -> c.startsWith("refund")).collect(Collectors.toList()),
                "unknown refund: queried, then resent with the same request number");
    }

    @Test
    void walkAwayIsCancelledAtTheDeadline() {
        Selection s = select("A1");
        time.advance(Duration.ofSeconds(89));
        assertEquals(SaleState.AWAITING_PAYMENT, sale(s).state());
        time.advance(Duration.ofSeconds(2));
        assertEquals(SaleState.CANCELLED, sale(s).state());
        assertEquals(1, backend.count("cancel"));
        assertTrue(pulses.isEmpty());
        long queries = backend.count("query");
        assertTrue(queries >= 25 && queries <= 35, "slow polling every 3 s for 90 s: " + queries);
    }

    @Test
    void drainingCancelsAnUnpaidOrderAndRefusesNewSales() {
        Selection s = select("A1");
        time.advance(Duration.ofSeconds(5));
        CompletableFuture<Void> drained = engine.drain();
        time.advance(Duration.ofSeconds(1));
        assertTrue(drained.isDone(), "the cancel was sent: the machine is free");
        assertEquals(SaleState.CANCELLED, sale(s).state());
        assertEquals("Closed", refusal("A2"));
        assertEquals(new Screen.OutOfService("Closed"), screens.stream().filter(Screen.OutOfService.class::isInstance)
                .reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void drainingLetsAPaidVendFinishFirst() {
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.Paid(350, null)));
        Selection s = select("A1");
        time.advance(Duration.ofSeconds(3));
        assertEquals(SaleState.VENDING, sale(s).state());
        CompletableFuture<Void> drained = engine.drain();
        time.runDue();
        assertFalse(drained.isDone(), "a vend in flight is finished, not abandoned");
        engine.dropSeen("A1");
        time.runDue();
        assertTrue(drained.isDone());
        assertEquals(SaleState.VENDED, sale(s).state());
        CompletableFuture<EngineStatus> later = engine.status();
        time.runDue();
        assertTrue(later.join().closing());
        assertEquals(0, later.join().activeSales());
    }

    @Test
    void statusShowsTheCustomersSale() {
        Selection s = select("A1");
        time.advance(Duration.ofSeconds(1));
        CompletableFuture<EngineStatus> status = engine.status();
        time.runDue();
        assertEquals(new EngineStatus(true, false, null, sale(s), 1, Duration.ofSeconds(1), null), status.join());
    }

    @Test
    void customerCancelCancelsTheOrder() {
        Selection s = select("A1");
        time.advance(Duration.ofSeconds(5));
        CompletableFuture<Boolean> cancelled = engine.cancel();
        time.advance(Duration.ofSeconds(1));
        assertTrue(cancelled.join());
        assertEquals(SaleState.CANCELLED, sale(s).state());
        CompletableFuture<Boolean> again = engine.cancel();
        time.runDue();
        assertFalse(again.join(), "nothing left to cancel");
    }

    @Test
    void selectionsThatCannotBeSoldAreRefusedWithAReason() {
        assertEquals("There is no slot Z9", refusal("Z9"));
        assertEquals("Tea is sold out", refusal("B1"));
        assertEquals("Juice (B2) is not available", refusal("B2"));
        assertEquals("Broken has no valid price; please call the operator", refusal("C1"));
        assertTrue(journal.sales().isEmpty(), "a refused selection creates no sale");
        assertEquals(new Screen.Notice("Broken has no valid price; please call the operator"), screens.get(screens.size() - 1));
    }

    @Test
    void selectionDuringASaleIsRefusedAndTheQrComesBack() {
        select("A1");
        Screen qr = screens.get(screens.size() - 1);
        assertInstanceOf(Screen.PaymentQr.class, qr);
        assertEquals("Please wait: a sale is in progress", refusal("A2"));
        assertEquals(new Screen.Notice("Please wait: a sale is in progress"), screens.get(screens.size() - 1));
        time.advance(Duration.ofSeconds(4));
        assertEquals(qr, screens.get(screens.size() - 1));
        assertEquals(1, journal.sales().size());
    }

    @Test
    void spuriousDropEdgeIsIgnored() {
        engine.dropSeen(null);
        Selection s = select("A1");
        engine.dropSeen("A1");
        time.advance(Duration.ofSeconds(1));
        assertEquals(SaleState.AWAITING_PAYMENT, sale(s).state());
    }

    @Test
    void aFailingJournalHaltsTheEngineBeforeAnyEffect() {
        Selection s = haltWhenThePaymentIsFound();
        assertTrue(pulses.isEmpty(), "PAID could not be committed, so nothing was pulsed");
        assertInstanceOf(Screen.OutOfService.class, screens.get(screens.size() - 1));
        assertEquals("Out of service", refusal("A1"));
        journal = Journal.open(dir.resolve("journal.db"), Durability.FULL);
        assertEquals(SaleState.AWAITING_PAYMENT, sale(s).state());
    }

    @Test
    void aHaltedEngineDrainsAndSettlesAtOnceLeavingItsSalesToRecovery() {
        Selection s = haltWhenThePaymentIsFound();
        CompletableFuture<Void> drained = engine.drain();
        CompletableFuture<Void> settled = engine.settled();
        time.runDue();
        assertTrue(drained.isDone() && settled.isDone(), "a stop of a halted terminal does not wait out its grace");
        journal = Journal.open(dir.resolve("journal.db"), Durability.FULL);
        assertEquals(SaleState.AWAITING_PAYMENT, sale(s).state(), "the sale is left as journaled, for recovery");
    }

    /** A sale whose payment is found after the journal went away: PAID cannot be committed. */
    private Selection haltWhenThePaymentIsFound() {
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.Paid(350, null)));
        Selection s = select("A1");
        journal.close();
        time.advance(Duration.ofSeconds(3));
        assertTrue(engine.halted().isPresent());
        return s;
    }

    @Test
    void selectionBeforeRecoveryEndsIsRefused() {
        Selection first = select("A1");
        // The customer paid while the terminal was down, a moment ago: the product is still theirs.
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.Paid(350, time.now())));
        Engine restarted = restart();
        assertEquals(List.of("late 3"), pulses); // A1 is on channel 3
        assertFalse(restarted.isReady(), "the earlier sale's product has not dropped yet");
        CompletableFuture<Selection> refused = restarted.select("A2");
        time.runDue();
        assertEquals(new Selection.Refused("Starting up, please wait"), refused.join());
        restarted.dropSeen("A1");
        time.runDue();
        assertTrue(restarted.isReady());
        assertEquals(SaleState.VENDED, sale(first).state());
    }

    @Test
    void aRecoveredCancelGoesOnInTheBackground() {
        ScriptedGateway.script(backend.cancels, List.of(new io.qrvend.terminal.payment.CancelResult.Unknown("down")));
        Selection first = select("A1");
        Engine restarted = restart();
        assertTrue(restarted.isReady(), "once its cancel is sent the earlier sale can no longer vend");
        assertTrue(sale(first).cancelSent());
        CompletableFuture<Selection> next = restarted.select("A2");
        time.runDue();
        assertInstanceOf(Selection.Accepted.class, next.join());
        ScriptedGateway.script(backend.cancels, List.of(new io.qrvend.terminal.payment.CancelResult.Cancelled(false)));
        time.advance(Duration.ofSeconds(5));
        assertEquals(SaleState.CANCELLED, sale(first).state());
    }

    /** The journal reopened and a new engine started on it, as after a power cut. */
    private Engine restart() {
        journal.close();
        journal = Journal.open(dir.resolve("journal.db"), Durability.FULL);
        Engine restarted = Engine.builder().terminalId("T1").journal(journal).scheduler(time).gateway(backend)
                .vend((c, d) -> pulses.add("late " + c)).display(screens::add).network(Runnable::run).hardware(Runnable::run)
                .policy(SalePolicy.DEFAULTS).build();
        restarted.start();
        time.runDue();
        return restarted;
    }

    SaleState stateOf(Selection s) {
        return sale(s).state();
    }

    /**
     * NTP steps the wall clock by hours while a customer is in front of the QR: the payment window
     * and the wait for an unscanned order's expiry run on the monotonic clock, so the order is
     * neither given up early (+3 h) nor watched for hours (-3 h); the step is journaled and shown.
     */
    @Test
    void aWallClockStepEitherWayWhileAwaitingPaymentChangesNoTimer() {
        ScriptedGateway.script(backend.cancels, List.of(new io.qrvend.terminal.payment.CancelResult.NotFound()));
        List<Duration> steps = List.of(Duration.ofHours(3), Duration.ofHours(-3));
        for (Duration step : steps) {
            long opened = time.elapsedMillis();
            Selection s = select("A1");
            time.advance(Duration.ofSeconds(30));
            time.stepWallClock(step);
            time.advance(Duration.ofMillis(89_000 - (time.elapsedMillis() - opened)));
            assertEquals(SaleState.AWAITING_PAYMENT, stateOf(s), step + ": the payment window of 90 s is not over at 89 s");
            time.advance(Duration.ofSeconds(2));
            assertEquals(SaleState.CANCELLING, stateOf(s), step + ": the window ended at 90 s");
            time.advance(Duration.ofMillis(235_000 - (time.elapsedMillis() - opened)));
            assertEquals(SaleState.CANCELLING, stateOf(s), step + ": unscanned, the order is payable until 240 s after it opened");
            time.advance(Duration.ofSeconds(10));
            assertEquals(SaleState.CANCELLED, stateOf(s), step + ": cancelled once the order expired, not hours later");
        }
        assertEquals(steps, journal.audit().clockSteps().stream().map(io.qrvend.terminal.time.ClockStep::step).collect(Collectors.toList()),
                "each step journaled once, as it was");
        CompletableFuture<EngineStatus> status = engine.status();
        time.runDue();
        assertEquals(Duration.ofHours(-3), status.join().lastClockStep().step());
        assertEquals(Duration.ofMillis(time.elapsedMillis()), status.join().uptime(), "uptime is monotonic time, steps left out");
    }

    /** The same steps while the product drops: the drop window runs on the monotonic clock. */
    @Test
    void aWallClockStepEitherWayWhileVendingChangesNoTimer() {
        ScriptedGateway.script(backend.queries, List.of(new QueryResult.Paid(350, null)));
        List<Duration> steps = List.of(Duration.ofHours(3), Duration.ofHours(-3));
        for (Duration step : steps) {
            Selection s = select("A1");
            time.advance(SalePolicy.DEFAULTS.pollUnscanned());
            assertEquals(SaleState.VENDING, stateOf(s));
            time.stepWallClock(step);
            time.advance(Duration.ofMillis(3_400));
            assertEquals(SaleState.VENDING, stateOf(s), step + ": the drop window (0.5 s pulse + 3 s) is not over");
            time.advance(Duration.ofMillis(200));
            assertEquals(SaleState.REFUNDED, stateOf(s), step + ": no drop within the window: refunded");
            time.advance(Duration.ofSeconds(15));
        }
        assertEquals(steps, journal.audit().clockSteps().stream().map(io.qrvend.terminal.time.ClockStep::step).collect(Collectors.toList()));
        assertEquals(2, journal.catalog().slot("A1").orElseThrow().stock(), "nothing dropped, nothing taken from stock");
    }
}
