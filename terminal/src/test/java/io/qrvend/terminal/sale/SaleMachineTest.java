package io.qrvend.terminal.sale;

import static io.qrvend.terminal.sale.SaleState.AWAITING_PAYMENT;
import static io.qrvend.terminal.sale.SaleState.CANCELLED;
import static io.qrvend.terminal.sale.SaleState.CANCELLING;
import static io.qrvend.terminal.sale.SaleState.CREATED;
import static io.qrvend.terminal.sale.SaleState.FAILED;
import static io.qrvend.terminal.sale.SaleState.PAID;
import static io.qrvend.terminal.sale.SaleState.REFUNDED;
import static io.qrvend.terminal.sale.SaleState.REFUNDING;
import static io.qrvend.terminal.sale.SaleState.VENDED;
import static io.qrvend.terminal.sale.SaleState.VENDING;
import static io.qrvend.terminal.sale.SaleState.VEND_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.sale.SaleEvent.CancelAnswered;
import io.qrvend.terminal.sale.SaleEvent.OrderCreated;
import io.qrvend.terminal.sale.SaleEvent.PulseDone;
import io.qrvend.terminal.sale.SaleEvent.QueryAnswered;
import io.qrvend.terminal.sale.SaleEvent.RefundAnswered;
import io.qrvend.terminal.sale.SaleEvent.RefundQueryAnswered;
import io.qrvend.terminal.sale.SaleEvent.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every transition of the pure sale machine, driven by events alone. */
class SaleMachineTest {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final long PRICE = 350;

    final SaleMachine machine = new SaleMachine(SalePolicy.DEFAULTS);
    LiveSale live;
    List<Decision> last;

    /** Applies {@code event} at T0 + {@code seconds}. */
    List<Decision> on(SaleEvent event, long seconds) {
        last = machine.apply(live, event, T0.plusSeconds(seconds), seconds * 1_000_000_000L);
        if (!last.isEmpty()) {
            live = last.get(last.size() - 1).next();
        }
        return last;
    }

    List<Decision> on(SaleEvent event) {
        return on(event, 1);
    }

    SaleState state() {
        return live.state();
    }

    List<SaleState> journaledStates() {
        return last.stream().filter(Decision::journaled).map(d -> d.next().state()).collect(Collectors.toList());
    }

    List<Effect> effects() {
        return last.stream().flatMap(d -> d.effects().stream()).collect(Collectors.toList());
    }

    <T extends Effect> T effect(Class<T> type) {
        return effects().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + effects()));
    }

    boolean hasEffect(Class<? extends Effect> type) {
        return effects().stream().anyMatch(type::isInstance);
    }

    static Sale sale(boolean sensor) {
        return Sale.created(1, "T1_261122_00000001", "A1", "Cola", 3, sensor, Duration.ofSeconds(3), PRICE, T0);
    }

    /** Opens a sale and answers its create with a QR: the sale waits for payment. */
    void awaitingPayment(boolean sensor) {
        live = LiveSale.fresh(sale(sensor), 0);
        last = machine.open(live);
        live = last.get(0).next();
        on(new OrderCreated(effect(Effect.CreateOrder.class).request(), new CreateResult.Created("https://qr/1")), 0);
        assertEquals(AWAITING_PAYMENT, state());
    }

    int pollOnce() {
        on(new TimerFired(TimerKind.NEXT));
        return effect(Effect.QueryOrder.class).request();
    }

    void paidAndVending(boolean sensor) {
        awaitingPayment(sensor);
        int q = pollOnce();
        on(new QueryAnswered(q, new QueryResult.Paid(PRICE, null)), 5);
        assertEquals(VENDING, state());
    }

    @Nested
    class Creating {
        @Test
        void openAsksForTheOrderAndArmsTheDeadline() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            Effect.CreateOrder create = effect(Effect.CreateOrder.class);
            assertEquals(PRICE, create.order().amountFen());
            assertEquals("T1_261122_00000001", create.order().orderNo());
            assertEquals(new Effect.Arm(TimerKind.DEADLINE, Duration.ofSeconds(90)), effect(Effect.Arm.class));
            assertEquals(Duration.ofMinutes(3), create.order().expiresIn(), "90 s window + 60 s, in whole minutes");
            assertTrue(journaledStates().isEmpty(), "CREATED was journaled by the engine when the sale was opened");
        }

        @Test
        void createdOrderShowsTheQrAndStartsSlowPolling() {
            awaitingPayment(true);
            assertEquals(List.of(AWAITING_PAYMENT), journaledStates());
            Screen.PaymentQr qr = (Screen.PaymentQr) effect(Effect.Show.class).screen();
            assertEquals("https://qr/1", qr.qrText());
            assertEquals(T0.plusSeconds(90), qr.deadline());
            assertTrue(effects().contains(new Effect.Arm(TimerKind.NEXT, SalePolicy.DEFAULTS.pollUnscanned())));
            assertEquals("https://qr/1", live.sale().qrCode());
        }

        @Test
        void rejectedOrderFailsTheSale() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new OrderCreated(1, new CreateResult.Rejected("40004", "ACQ.ACCESS_FORBIDDEN")));
            assertEquals(FAILED, state());
            assertEquals(List.of(FAILED), journaledStates());
        }

        @Test
        void unknownCreateIsRetriedThenCancelled() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new OrderCreated(1, new CreateResult.Unknown("timeout")));
            assertEquals(CREATED, state());
            assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofSeconds(1)), effect(Effect.Arm.class));
            on(new TimerFired(TimerKind.NEXT));
            int second = effect(Effect.CreateOrder.class).request();
            on(new OrderCreated(second, new CreateResult.Unknown("reset")));
            on(new TimerFired(TimerKind.NEXT));
            int third = effect(Effect.CreateOrder.class).request();
            on(new OrderCreated(third, new CreateResult.Unknown("500")));
            assertEquals(CANCELLING, state(), "after 3 unusable answers the order may exist: cancel it");
            assertTrue(hasEffect(Effect.QueryOrder.class));
        }

        @Test
        void rejectionAfterAnUnknownAttemptCancelsRatherThanFails() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new OrderCreated(1, new CreateResult.Unknown("timeout")));
            on(new TimerFired(TimerKind.NEXT));
            on(new OrderCreated(2, new CreateResult.Rejected("40004", "ACQ.CONTEXT_INCONSISTENT")));
            assertEquals(CANCELLING, state());
        }

        @Test
        void lateCreatedAnswerToAnEarlierAttemptStillShowsTheQr() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new OrderCreated(1, new CreateResult.Unknown("timeout")));
            on(new TimerFired(TimerKind.NEXT));
            on(new OrderCreated(1, new CreateResult.Created("https://qr/late")));
            assertEquals(AWAITING_PAYMENT, state());
        }

        @Test
        void staleUnknownAnswerIsIgnored() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new OrderCreated(7, new CreateResult.Unknown("stale")));
            assertTrue(last.isEmpty());
        }

        @Test
        void customerCancelWhileCreatingCancels() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new SaleEvent.CustomerCancel());
            assertEquals(CANCELLING, state());
        }

        @Test
        void deadlineWhileCreatingCancels() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(new TimerFired(TimerKind.DEADLINE), 90);
            assertEquals(CANCELLING, state());
        }
    }

    @Nested
    class Polling {
        @Test
        void notScannedKeepsPollingSlowly() {
            awaitingPayment(true);
            int q = pollOnce();
            on(new QueryAnswered(q, new QueryResult.NotFound()));
            assertEquals(AWAITING_PAYMENT, state());
            assertEquals(new Effect.Arm(TimerKind.NEXT, SalePolicy.DEFAULTS.pollUnscanned()), effect(Effect.Arm.class));
        }

        @Test
        void scannedPollsFast() {
            awaitingPayment(true);
            int q = pollOnce();
            on(new QueryAnswered(q, new QueryResult.Waiting()));
            assertTrue(live.scanned());
            assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofMillis(500)), effect(Effect.Arm.class));
            int q2 = pollOnce();
            on(new QueryAnswered(q2, new QueryResult.Unknown("timeout")));
            assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofMillis(500)), effect(Effect.Arm.class),
                    "an unknown answer is asked again at the same pace");
            assertEquals(AWAITING_PAYMENT, state());
        }

        @Test
        void unknownIsNeverTakenAsPaidOrUnpaid() {
            awaitingPayment(true);
            for (int i = 0; i < 20; i++) {
                int q = pollOnce();
                on(new QueryAnswered(q, new QueryResult.Unknown("20000")));
                assertEquals(AWAITING_PAYMENT, state());
                assertTrue(journaledStates().isEmpty());
            }
        }

        @Test
        void paidStartsTheVendAfterJournalingPaidThenVending() {
            paidAndVending(true);
            assertEquals(List.of(PAID, VENDING), journaledStates());
            Effect.Pulse pulse = effect(Effect.Pulse.class);
            assertEquals(3, pulse.channel());
            assertEquals(Duration.ofMillis(500), pulse.duration());
            assertEquals(new Effect.Arm(TimerKind.DROP, Duration.ofMillis(3500)), effect(Effect.Arm.class));
            assertEquals(PRICE, live.sale().paidFen());
            assertEquals(T0.plusSeconds(5), live.sale().paidAt());
            Decision paid = last.get(0);
            assertFalse(paid.effects().stream().anyMatch(e -> e instanceof Effect.Pulse),
                    "the pulse belongs to the VENDING step, committed after PAID");
        }

        @Test
        void paidWithTheWrongAmountIsNotTrusted() {
            awaitingPayment(true);
            int q = pollOnce();
            on(new QueryAnswered(q, new QueryResult.Paid(1, null)));
            assertEquals(AWAITING_PAYMENT, state());
            assertTrue(hasEffect(Effect.Alert.class));
            assertFalse(hasEffect(Effect.Pulse.class));
            assertTrue(hasEffect(Effect.Arm.class), "polling goes on");
        }

        @Test
        void duplicatePaidAnswerDoesNotVendTwice() {
            paidAndVending(true);
            on(new QueryAnswered(1, new QueryResult.Paid(PRICE, null)));
            assertTrue(last.isEmpty());
            assertEquals(VENDING, state());
        }

        @Test
        void lateAnswerToAnOlderQueryIsIgnoredUnlessItIsAPayment() {
            awaitingPayment(true);
            int old = pollOnce();
            on(new QueryAnswered(old, new QueryResult.Unknown("timeout")));
            int current = pollOnce();
            on(new QueryAnswered(old, new QueryResult.NotFound()));
            assertTrue(last.isEmpty(), "an answer to an older query decides nothing");
            on(new QueryAnswered(old, new QueryResult.Paid(PRICE, null)));
            assertEquals(VENDING, state(), "but a verified payment is a fact, whenever it arrives");
            on(new QueryAnswered(current, new QueryResult.Waiting()));
            assertEquals(VENDING, state());
        }

        @Test
        void closedAtTheBackendEndsTheSaleCancelled() {
            awaitingPayment(true);
            int q = pollOnce();
            on(new QueryAnswered(q, new QueryResult.Closed()));
            assertEquals(CANCELLED, state());
        }

        @Test
        void deadlineCancelsWithALastQueryFirst() {
            awaitingPayment(true);
            on(new TimerFired(TimerKind.DEADLINE), 90);
            assertEquals(CANCELLING, state());
            assertTrue(hasEffect(Effect.QueryOrder.class));
            assertFalse(hasEffect(Effect.CancelOrder.class));
            assertFalse(live.sale().cancelSent());
        }

        @Test
        void customerCancelStartsTheCancel() {
            awaitingPayment(true);
            on(new SaleEvent.CustomerCancel());
            assertEquals(CANCELLING, state());
            assertEquals(List.of(CANCELLING), journaledStates());
        }

        @Test
        void dropEdgeWhileAwaitingIsIgnored() {
            awaitingPayment(true);
            on(new SaleEvent.DropSeen());
            assertTrue(last.isEmpty());
        }
    }

    @Nested
    class Cancelling {
        int startCancelling() {
            awaitingPayment(true);
            on(new TimerFired(TimerKind.DEADLINE), 90);
            return effect(Effect.QueryOrder.class).request();
        }

        int cancelSent() {
            int q = startCancelling();
            on(new QueryAnswered(q, new QueryResult.Waiting()), 90);
            assertTrue(live.sale().cancelSent());
            assertEquals(List.of(CANCELLING), journaledStates(), "the cancel is journaled before it is sent");
            return effect(Effect.CancelOrder.class).request();
        }

        @Test
        void unpaidLastQuerySendsTheCancel() {
            int c = cancelSent();
            on(new CancelAnswered(c, new CancelResult.Cancelled(false)));
            assertEquals(CANCELLED, state());
        }

        @Test
        void unknownLastQueryStillCancels() {
            int q = startCancelling();
            on(new QueryAnswered(q, new QueryResult.Unknown("timeout")));
            assertTrue(hasEffect(Effect.CancelOrder.class));
        }

        @Test
        void paymentFoundByTheLastQueryIsVended() {
            int q = startCancelling();
            on(new QueryAnswered(q, new QueryResult.Paid(PRICE, null)), 91);
            assertEquals(VENDING, state());
            assertEquals(List.of(PAID, VENDING), journaledStates());
        }

        @Test
        void paymentThatSlippedInIsRefundedByTheCancel() {
            int c = cancelSent();
            on(new CancelAnswered(c, new CancelResult.Cancelled(true)));
            assertEquals(REFUNDED, state());
            assertEquals(PRICE, live.sale().paidFen());
            assertEquals(PRICE, live.sale().refundedFen());
        }

        @Test
        void paidAnswerAfterTheCancelWasSentNeverVends() {
            int c = cancelSent();
            on(new QueryAnswered(c - 1, new QueryResult.Paid(PRICE, null)));
            assertEquals(CANCELLING, state());
            assertFalse(hasEffect(Effect.Pulse.class));
            assertTrue(hasEffect(Effect.Alert.class));
        }

        @Test
        void retryFlagAndUnknownRetryTheCancelWithBackoff() {
            int c = cancelSent();
            on(new CancelAnswered(c, new CancelResult.RetryLater("retry_flag=Y")));
            assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofSeconds(1)), effect(Effect.Arm.class));
            on(new TimerFired(TimerKind.NEXT));
            int c2 = effect(Effect.CancelOrder.class).request();
            assertTrue(journaledStates().isEmpty(), "only the first cancel needs journaling");
            on(new CancelAnswered(c2, new CancelResult.Unknown("timeout")));
            assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofSeconds(2)), effect(Effect.Arm.class));
            on(new TimerFired(TimerKind.NEXT));
            int c3 = effect(Effect.CancelOrder.class).request();
            on(new CancelAnswered(c3, new CancelResult.Cancelled(false)));
            assertEquals(CANCELLED, state());
        }

        /** The wait for the order's expiry is measured on the monotonic clock, whatever the wall clock did. */
        @Test
        void notFoundAtCancelWaitsTheSameAfterAWallClockStepEitherWay() {
            for (Duration step : List.of(Duration.ofHours(3), Duration.ofHours(-3))) {
                int c = cancelSent();
                last = machine.apply(live, new CancelAnswered(c, new CancelResult.NotFound()), T0.plusSeconds(90).plus(step),
                        90 * 1_000_000_000L);
                live = last.get(last.size() - 1).next();
                assertEquals(CANCELLING, state(), "stepped " + step + ": the order is still payable, never given up");
                assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofSeconds(150)), effect(Effect.Arm.class),
                        "stepped " + step + ": payable until 240 s after the sale opened, by the monotonic clock");
            }
        }

        @Test
        void notFoundAtCancelEndsOnlyOnceTheOrderHasExpired() {
            int c = cancelSent();
            on(new CancelAnswered(c, new CancelResult.NotFound()), 90);
            assertEquals(CANCELLING, state(), "a scan could still create the trade");
            assertEquals(new Effect.Arm(TimerKind.NEXT, Duration.ofSeconds(150)), effect(Effect.Arm.class),
                    "created at T0, order expiry 3 min (90 s + 60 s, in whole minutes), + 60 s: payable until T0 + 240 s");
            assertFalse(live.sale().occupiesMachine(), "a sent cancel never ends in a vend: the machine is free");
            on(new TimerFired(TimerKind.NEXT), 240);
            int again = effect(Effect.CancelOrder.class).request();
            on(new CancelAnswered(c, new CancelResult.NotFound()), 240);
            assertTrue(last.isEmpty(), "a late NotFound to the earlier cancel decides nothing");
            on(new CancelAnswered(again, new CancelResult.NotFound()), 240);
            assertEquals(CANCELLED, state());
        }

        @Test
        void scanAfterANotFoundCancelIsClosedByTheNextCancel() {
            int c = cancelSent();
            on(new CancelAnswered(c, new CancelResult.NotFound()), 30);
            on(new TimerFired(TimerKind.NEXT), 240);
            int again = effect(Effect.CancelOrder.class).request();
            on(new CancelAnswered(again, new CancelResult.Cancelled(true)), 240);
            assertEquals(REFUNDED, state(), "the customer paid after all; the cancel refunded it");
        }

        @Test
        void duplicateCancelAnswerAfterTheEndChangesNothing() {
            int c = cancelSent();
            on(new CancelAnswered(c, new CancelResult.Cancelled(false)));
            assertTrue(machine.apply(live, new CancelAnswered(c, new CancelResult.Cancelled(true)), T0, 0).isEmpty());
        }

        @Test
        void closedLastQueryNeedsNoCancel() {
            int q = startCancelling();
            on(new QueryAnswered(q, new QueryResult.Closed()));
            assertEquals(CANCELLED, state());
            assertFalse(hasEffect(Effect.CancelOrder.class));
        }
    }

    @Nested
    class Vending {
        @Test
        void dropSeenMeansVended() {
            paidAndVending(true);
            on(new SaleEvent.DropSeen(), 6);
            assertEquals(VENDED, state());
            assertTrue(effect(Effect.Show.class).screen() instanceof Screen.ThankYou);
        }

        @Test
        void pulseDoneWaitsForTheSensor() {
            paidAndVending(true);
            int p = effect(Effect.Pulse.class).request();
            on(new PulseDone(p, null));
            assertEquals(VENDING, state());
            on(new SaleEvent.DropSeen());
            assertEquals(VENDED, state());
        }

        @Test
        void slotWithoutSensorTrustsThePulse() {
            paidAndVending(false);
            assertFalse(hasEffect(Effect.Arm.class), "no drop window without a sensor");
            int p = effect(Effect.Pulse.class).request();
            on(new PulseDone(p, null));
            assertEquals(VENDED, state());
        }

        @Test
        void noDropWithinTheWindowRefunds() {
            paidAndVending(true);
            on(new PulseDone(effect(Effect.Pulse.class).request(), null));
            on(new TimerFired(TimerKind.DROP), 9);
            assertEquals(List.of(VEND_FAILED, REFUNDING), journaledStates());
            Effect.Refund refund = effect(Effect.Refund.class);
            assertEquals("T1_261122_00000001R1", refund.refundRequestNo());
            assertEquals(PRICE, refund.amountFen());
            assertEquals("T1_261122_00000001R1", live.sale().refundRequestNo(),
                    "the request number is in the REFUNDING step, journaled before the call");
        }

        @Test
        void relayFailureRefunds() {
            paidAndVending(false);
            on(new PulseDone(effect(Effect.Pulse.class).request(), "board did not answer"));
            assertEquals(REFUNDING, state());
        }

        @Test
        void pulseFailureAfterTheDropChangesNothing() {
            paidAndVending(true);
            int p = effect(Effect.Pulse.class).request();
            on(new SaleEvent.DropSeen());
            assertTrue(machine.apply(live, new PulseDone(p, "late failure"), T0, 0).isEmpty());
        }
    }

    @Nested
    class Refunding {
        int refunding() {
            paidAndVending(false);
            on(new PulseDone(effect(Effect.Pulse.class).request(), "jammed"));
            return effect(Effect.Refund.class).request();
        }

        @Test
        void confirmedRefundEndsRefunded() {
            int r = refunding();
            on(new RefundAnswered(r, new RefundResult.Refunded(PRICE)));
            assertEquals(REFUNDED, state());
            assertEquals(PRICE, live.sale().refundedFen());
            assertTrue(effect(Effect.Show.class).screen() instanceof Screen.Refunded);
        }

        @Test
        void unknownRefundIsQueriedThenResentWithTheSameNumber() {
            int r = refunding();
            on(new RefundAnswered(r, new RefundResult.Unknown("timeout")));
            assertEquals(REFUNDING, state());
            on(new TimerFired(TimerKind.NEXT));
            Effect.QueryRefund q = effect(Effect.QueryRefund.class);
            assertEquals("T1_261122_00000001R1", q.refundRequestNo());
            on(new RefundQueryAnswered(q.request(), new RefundQueryResult.NotFound()));
            Effect.Refund again = effect(Effect.Refund.class);
            assertEquals("T1_261122_00000001R1", again.refundRequestNo());
            on(new RefundAnswered(again.request(), new RefundResult.Refunded(PRICE)));
            assertEquals(REFUNDED, state());
        }

        @Test
        void unknownRefundFoundMadeByTheQuery() {
            int r = refunding();
            on(new RefundAnswered(r, new RefundResult.Unknown("reset")));
            on(new TimerFired(TimerKind.NEXT));
            int q = effect(Effect.QueryRefund.class).request();
            on(new RefundQueryAnswered(q, new RefundQueryResult.Refunded(PRICE)));
            assertEquals(REFUNDED, state());
        }

        @Test
        void unknownRefundQueryBacksOff() {
            int r = refunding();
            on(new RefundAnswered(r, new RefundResult.Unknown("timeout")));
            Duration previous = Duration.ZERO;
            for (int i = 0; i < 10; i++) {
                on(new TimerFired(TimerKind.NEXT));
                int q = effect(Effect.QueryRefund.class).request();
                on(new RefundQueryAnswered(q, new RefundQueryResult.Unknown("timeout")));
                Duration delay = effect(Effect.Arm.class).delay();
                assertTrue(delay.compareTo(previous) >= 0);
                assertTrue(delay.compareTo(Duration.ofSeconds(60)) <= 0);
                previous = delay;
            }
            assertEquals(Duration.ofSeconds(60), previous);
            assertEquals(REFUNDING, state());
        }

        @Test
        void rejectedRefundIsRetriedAndReported() {
            int r = refunding();
            on(new RefundAnswered(r, new RefundResult.Rejected("40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH")));
            assertEquals(REFUNDING, state());
            assertTrue(hasEffect(Effect.Alert.class));
            assertTrue(hasEffect(Effect.Arm.class));
        }

        @Test
        void duplicateRefundedAnswerChangesNothing() {
            int r = refunding();
            on(new RefundAnswered(r, new RefundResult.Refunded(PRICE)));
            assertTrue(machine.apply(live, new RefundAnswered(r, new RefundResult.Refunded(PRICE)), T0, 0).isEmpty());
        }
    }

    @Nested
    class Recovery {
        LiveSale found(Sale s) {
            live = LiveSale.recovered(s);
            return live;
        }

        Sale inState(SaleState st) {
            return sale(true).withState(st);
        }

        @Test
        void createdOrAwaitingIsCancelledUnlessPaid() {
            found(inState(CREATED));
            on(new SaleEvent.Recover());
            assertEquals(CANCELLING, state());
            found(sale(true).awaiting("qr", T0));
            on(new SaleEvent.Recover());
            assertEquals(CANCELLING, state());
            on(new QueryAnswered(effect(Effect.QueryOrder.class).request(), new QueryResult.Paid(PRICE, T0.plusSeconds(10))), 30);
            assertEquals(VENDING, state(), "paid 20 s ago: the customer can still be there");
        }

        @Test
        void paymentFoundLongAfterIsRefunded() {
            found(sale(true).awaiting("qr", T0));
            on(new SaleEvent.Recover());
            on(new QueryAnswered(effect(Effect.QueryOrder.class).request(), new QueryResult.Paid(PRICE, T0.plusSeconds(10))), 600);
            assertEquals(List.of(PAID, REFUNDING), journaledStates());
            assertFalse(hasEffect(Effect.Pulse.class));
        }

        @Test
        void paymentWithoutABackendTimeCountsFromTheQr() {
            found(sale(true).awaiting("qr", T0));
            on(new SaleEvent.Recover());
            on(new QueryAnswered(effect(Effect.QueryOrder.class).request(), new QueryResult.Paid(PRICE, null)), 61);
            assertEquals(REFUNDING, state());
        }

        @Test
        void paidIsVendedWhileTheCustomerCanBeThere() {
            found(sale(true).paid(PRICE, T0));
            on(new SaleEvent.Recover(), 59);
            assertEquals(VENDING, state());
            found(sale(true).paid(PRICE, T0));
            on(new SaleEvent.Recover(), 61);
            assertEquals(REFUNDING, state());
        }

        @Test
        void vendingIsNeverPulsedAgain() {
            found(sale(true).paid(PRICE, T0).withState(VENDING));
            on(new SaleEvent.Recover(), 2);
            assertEquals(List.of(VEND_FAILED, REFUNDING), journaledStates());
            assertFalse(hasEffect(Effect.Pulse.class));
        }

        @Test
        void vendingCanBeCountedVendedByPolicy() {
            SaleMachine assume = new SaleMachine(SalePolicy.DEFAULTS.withVendingRecovery(SalePolicy.VendingRecovery.ASSUME_VENDED));
            live = LiveSale.recovered(sale(true).paid(PRICE, T0).withState(VENDING));
            last = assume.apply(live, new SaleEvent.Recover(), T0, 0);
            assertEquals(VENDED, last.get(0).next().state());
            assertTrue(last.get(0).effects().stream().anyMatch(e -> e instanceof Effect.Alert));
            assertTrue(last.get(0).effects().stream().noneMatch(e -> e instanceof Effect.Pulse));
        }

        @Test
        void vendFailedStartsTheRefund() {
            found(sale(true).paid(PRICE, T0).withState(VEND_FAILED));
            on(new SaleEvent.Recover());
            assertEquals(REFUNDING, state());
            assertEquals("T1_261122_00000001R1", effect(Effect.Refund.class).refundRequestNo());
        }

        @Test
        void refundingResumesWithTheSameRequestNumber() {
            found(sale(true).paid(PRICE, T0).refunding("T1_261122_00000001R1"));
            on(new SaleEvent.Recover());
            assertEquals("T1_261122_00000001R1", effect(Effect.QueryRefund.class).refundRequestNo());
            on(new RefundQueryAnswered(effect(Effect.QueryRefund.class).request(), new RefundQueryResult.NotFound()));
            assertEquals("T1_261122_00000001R1", effect(Effect.Refund.class).refundRequestNo());
        }

        @Test
        void cancellingResumesWhereItStopped() {
            found(inState(CANCELLING));
            on(new SaleEvent.Recover());
            assertTrue(hasEffect(Effect.QueryOrder.class), "no cancel was sent: query first");
            found(inState(CANCELLING).withCancelSent());
            on(new SaleEvent.Recover());
            assertTrue(hasEffect(Effect.CancelOrder.class));
            on(new QueryAnswered(1, new QueryResult.Paid(PRICE, T0)));
            assertEquals(CANCELLING, state(), "a cancel may have refunded it: never vend");
        }

        @Test
        void finalSalesNeedNothing() {
            for (SaleState s : List.of(VENDED, REFUNDED, CANCELLED, FAILED)) {
                found(inState(s));
                assertTrue(machine.apply(live, new SaleEvent.Recover(), T0, 0).isEmpty(), s.name());
            }
        }
    }

    @Test
    void finalStatesIgnoreEverything() {
        paidAndVending(false);
        on(new PulseDone(effect(Effect.Pulse.class).request(), null));
        assertEquals(VENDED, state());
        for (SaleEvent e : List.of(new SaleEvent.DropSeen(), new TimerFired(TimerKind.DROP), new SaleEvent.CustomerCancel(),
                new QueryAnswered(1, new QueryResult.Paid(PRICE, null)))) {
            assertTrue(machine.apply(live, e, T0, 0).isEmpty(), e.toString());
        }
        assertNull(live.sale().refundRequestNo());
    }

    /**
     * Results and effects are dispatched with their exhaustive {@code match}, so a new one breaks the
     * build. Events are chosen per state (most states ignore most events), so this test is their
     * guard: every kind of event must be listed here with a state where it moves the sale, and a
     * new kind fails here until the rules decide about it.
     */
    @Test
    void everyKindOfEventMovesSomeSale() {
        SaleMachine m = new SaleMachine(SalePolicy.DEFAULTS);
        Sale paid = sale(true).paid(PRICE, T0);
        java.util.Map<Class<?>, LiveSale> decidingState = new java.util.HashMap<>();
        java.util.Map<Class<?>, SaleEvent> sample = new java.util.HashMap<>();
        sample.put(SaleEvent.Recover.class, new SaleEvent.Recover());
        decidingState.put(SaleEvent.Recover.class, LiveSale.recovered(sale(true)));
        sample.put(OrderCreated.class, new OrderCreated(1, new CreateResult.Created("qr")));
        decidingState.put(OrderCreated.class, LiveSale.fresh(sale(true), 0).request());
        sample.put(QueryAnswered.class, new QueryAnswered(1, new QueryResult.Paid(PRICE, null)));
        decidingState.put(QueryAnswered.class, LiveSale.fresh(sale(true).awaiting("qr", T0), 0).request());
        sample.put(CancelAnswered.class, new CancelAnswered(1, new CancelResult.Cancelled(false)));
        decidingState.put(CancelAnswered.class, LiveSale.fresh(sale(true).withState(CANCELLING).withCancelSent(), 0).request());
        sample.put(RefundAnswered.class, new RefundAnswered(1, new RefundResult.Refunded(PRICE)));
        decidingState.put(RefundAnswered.class, LiveSale.fresh(paid.refunding("R1"), 0).request());
        sample.put(RefundQueryAnswered.class, new RefundQueryAnswered(1, new RefundQueryResult.Refunded(PRICE)));
        decidingState.put(RefundQueryAnswered.class, LiveSale.fresh(paid.refunding("R1"), 0).request());
        sample.put(PulseDone.class, new PulseDone(1, "relay failed"));
        decidingState.put(PulseDone.class, LiveSale.fresh(paid.withState(VENDING), 0).request());
        sample.put(SaleEvent.DropSeen.class, new SaleEvent.DropSeen());
        decidingState.put(SaleEvent.DropSeen.class, LiveSale.fresh(paid.withState(VENDING), 0));
        sample.put(TimerFired.class, new TimerFired(TimerKind.DEADLINE));
        decidingState.put(TimerFired.class, LiveSale.fresh(sale(true).awaiting("qr", T0), 0));
        sample.put(SaleEvent.CustomerCancel.class, new SaleEvent.CustomerCancel());
        decidingState.put(SaleEvent.CustomerCancel.class, LiveSale.fresh(sale(true).awaiting("qr", T0), 0));
        sample.put(SaleEvent.OtherOrderPaid.class, new SaleEvent.OtherOrderPaid(io.qrvend.terminal.payment.Wallet.WECHAT));
        decidingState.put(SaleEvent.OtherOrderPaid.class, LiveSale.fresh(sale(true).awaiting("qr", T0), 0));

        assertEquals(java.util.Set.of(SaleEvent.class.getPermittedSubclasses()), sample.keySet(),
                "a kind of event the sale rules were not checked for: add it here and decide it in the rules");
        for (Class<?> kind : SaleEvent.class.getPermittedSubclasses()) {
            List<Decision> steps = m.apply(decidingState.get(kind), sample.get(kind), T0.plusSeconds(5), 5 * 1_000_000_000L);
            assertFalse(steps.isEmpty(), kind.getSimpleName() + " moves no sale");
        }
    }

    @Test
    void onlyAVendTakesAnItemFromStock() {
        paidAndVending(true);
        assertTrue(last.stream().noneMatch(Decision::takesItem), "firing the relay takes nothing yet");
        on(new SaleEvent.DropSeen());
        assertEquals(VENDED, state());
        assertEquals(List.of(true), last.stream().map(Decision::takesItem).collect(Collectors.toList()));

        paidAndVending(true);
        on(new TimerFired(TimerKind.DROP));
        assertEquals(REFUNDING, state());
        assertTrue(last.stream().noneMatch(Decision::takesItem), "a failed vend takes nothing");

        SaleMachine assume = new SaleMachine(SalePolicy.DEFAULTS.withVendingRecovery(SalePolicy.VendingRecovery.ASSUME_VENDED));
        List<Decision> recovered = assume.apply(LiveSale.recovered(sale(true).paid(PRICE, T0).withState(VENDING)),
                new SaleEvent.Recover(), T0, 0);
        assertEquals(VENDED, recovered.get(0).next().state());
        assertTrue(recovered.get(0).takesItem(), "counted as vended by policy: its item is counted out too");
    }

    /** One sale, an order at each wallet: what happens to the order that did not win. */
    @Nested
    class AnotherOrderWasPaid {
        final SaleEvent otherPaid = new SaleEvent.OtherOrderPaid(io.qrvend.terminal.payment.Wallet.WECHAT);

        @Test
        void anOrderAwaitingPaymentIsClosedAndNeverVends() {
            awaitingPayment(true);
            on(otherPaid);
            assertEquals(List.of(CANCELLING), journaledStates());
            assertTrue(live.lost());
            int q = effect(Effect.QueryOrder.class).request();
            on(new QueryAnswered(q, new QueryResult.Paid(PRICE, T0.plusSeconds(3))), 4);
            assertEquals(List.of(REFUNDING), journaledStates(), "straight to the refund, never PAID");
            assertEquals(PRICE, live.sale().paidFen());
            assertEquals(T0.plusSeconds(4), live.sale().paidAt());
            assertEquals("T1_261122_00000001R1", live.sale().refundRequestNo());
            Effect.Refund refund = effect(Effect.Refund.class);
            assertEquals(new Effect.Refund(refund.request(), "T1_261122_00000001R1", PRICE), refund);
            assertFalse(hasEffect(Effect.Pulse.class));
        }

        @Test
        void anOrderStillBeingCreatedIsClosedToo() {
            live = LiveSale.fresh(sale(true), 0);
            last = machine.open(live);
            live = last.get(0).next();
            on(otherPaid);
            assertEquals(List.of(CANCELLING), journaledStates());
            assertTrue(live.lost());
        }

        @Test
        void anOrderAlreadyCancellingOnlyLearnsItLost() {
            awaitingPayment(true);
            on(new SaleEvent.CustomerCancel());
            int q = effect(Effect.QueryOrder.class).request();
            on(otherPaid);
            assertTrue(last.stream().noneMatch(Decision::journaled));
            assertTrue(live.lost());
            on(new QueryAnswered(q, new QueryResult.Paid(PRICE, null)));
            assertEquals(List.of(REFUNDING), journaledStates());
        }

        @Test
        void aPaidOrderOrOneBeingRefundedIgnoresIt() {
            paidAndVending(true);
            assertTrue(machine.apply(live, otherPaid, T0, 0).isEmpty());
            live = LiveSale.fresh(sale(true).paid(PRICE, T0).refunding("R1"), 0);
            assertTrue(machine.apply(live, otherPaid, T0, 0).isEmpty());
        }

        @Test
        void recoveryOfALostOrderClosesItAndRefundsAPaymentFoundOnIt() {
            live = LiveSale.recovered(sale(true).awaiting("qr", T0), true, 0);
            on(new SaleEvent.Recover());
            assertEquals(List.of(CANCELLING), journaledStates());
            int q = effect(Effect.QueryOrder.class).request();
            on(new QueryAnswered(q, new QueryResult.Paid(PRICE, T0.plusSeconds(2))));
            assertEquals(List.of(REFUNDING), journaledStates());
            assertEquals(T0.plusSeconds(2), live.sale().paidAt(), "after a restart the backend's payment time counts");
        }
    }

    /** A close that finds the order paid (WeChat Pay's close never refunds). */
    @Nested
    class PaidAtTheClose {
        void cancelSent() {
            awaitingPayment(true);
            on(new SaleEvent.CustomerCancel());
            on(new QueryAnswered(effect(Effect.QueryOrder.class).request(), new QueryResult.NotFound()));
            effect(Effect.CancelOrder.class);
        }

        @Test
        void thePaymentIsRefundedInFullEvenIfTheAnswerIsLate() {
            cancelSent();
            int stale = 1;
            on(new CancelAnswered(stale, new CancelResult.PaidInstead(PRICE, T0.plusSeconds(1))));
            assertEquals(List.of(REFUNDING), journaledStates());
            assertEquals(PRICE, live.sale().paidFen());
            assertEquals(PRICE, effect(Effect.Refund.class).amountFen());
            assertFalse(hasEffect(Effect.Pulse.class));
        }

        @Test
        void anAmountOtherThanThePriceIsNotBelieved() {
            cancelSent();
            int c = effect(Effect.CancelOrder.class).request();
            on(new CancelAnswered(c, new CancelResult.PaidInstead(PRICE + 1, null)));
            assertEquals(CANCELLING, state());
            assertTrue(journaledStates().isEmpty());
            assertTrue(hasEffect(Effect.Alert.class));
            on(new TimerFired(TimerKind.NEXT));
            effect(Effect.CancelOrder.class);
        }
    }

    /** WeChat Pay says nothing of a scan: its order is polled at one steady rate, waiting or not. */
    @Test
    void aWechatOrderIsPolledAtItsOwnSteadyRate() {
        Duration wechat = SalePolicy.DEFAULTS.pollInterval(io.qrvend.terminal.payment.Wallet.WECHAT, false);
        assertEquals(Duration.ofSeconds(1), wechat);
        live = LiveSale.fresh(Sale.created(1, "T1_261122_00000001", "A1", "Cola", 3, true, Duration.ofSeconds(3), PRICE, T0,
                io.qrvend.terminal.payment.Wallet.WECHAT, 1), 0);
        last = machine.open(live);
        live = last.get(0).next();
        on(new OrderCreated(effect(Effect.CreateOrder.class).request(), new CreateResult.Created("weixin://wxpay/1")), 0);
        assertTrue(effects().contains(new Effect.Arm(TimerKind.NEXT, wechat)), effects().toString());
        int q = pollOnce();
        on(new QueryAnswered(q, new QueryResult.Waiting()));
        assertEquals(List.of(new Effect.Arm(TimerKind.NEXT, wechat)), effects(), "not the scanned rate of Alipay");
    }

    /**
     * A recovered sale counts as opened at recovery, on the monotonic clock: neither a step of the
     * wall clock before the crash (its journal times look minutes older) nor one after the restart
     * makes its order look expired while the backend still takes payments for it (found by the
     * campaign once its backends kept their own time).
     */
    @Test
    void aRecoveredSaleIsNotAgedByTheWallClock() {
        Instant restart = T0.plus(Duration.ofMinutes(7)); // the clock stepped 7 minutes ahead before the crash
        live = LiveSale.recovered(sale(true).awaiting("qr", T0), false, 0);
        last = machine.apply(live, new SaleEvent.Recover(), restart, 0);
        live = last.get(last.size() - 1).next();
        last = machine.apply(live, new QueryAnswered(effect(Effect.QueryOrder.class).request(), new QueryResult.NotFound()), restart, 0);
        live = last.get(last.size() - 1).next();
        int cancel = effect(Effect.CancelOrder.class).request();
        // NTP steps the wall clock 4 minutes ahead; one real second later the cancel finds no trade
        Instant stepped = restart.plus(Duration.ofMinutes(4)).plusSeconds(1);
        last = machine.apply(live, new CancelAnswered(cancel, new CancelResult.NotFound()), stepped, 1_000_000_000L);
        live = last.get(last.size() - 1).next();
        assertEquals(CANCELLING, state(), "may still be payable at the backend: the journal's 11 minutes are not believed");
        Effect.Arm retry = effect(Effect.Arm.class);
        assertEquals(SalePolicy.DEFAULTS.payableAfterCreation().minusSeconds(1), retry.delay(), "watched until it surely expired");
    }
}
