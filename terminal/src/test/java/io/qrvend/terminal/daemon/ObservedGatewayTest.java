package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What status learns about the backend: the call under way, for how long by the monotonic clock, and when it is overdue. */
class ObservedGatewayTest {
    static final String ORDER = "T1_261122_00000001";

    /** Answers a query only when released; everything else at once. */
    static final class HeldGateway implements PaymentGateway {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public CreateResult create(OrderRequest order) {
            return new CreateResult.Unknown("not here");
        }

        @Override
        public QueryResult query(String orderNo) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new QueryResult.Unknown("no whole answer within 13000 ms (call abandoned)");
        }

        @Override
        public CancelResult cancel(String orderNo) {
            return new CancelResult.Cancelled(false);
        }

        @Override
        public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
            return new RefundResult.Refunded(amountFen);
        }

        @Override
        public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
            return new RefundQueryResult.NotFound();
        }
    }

    @Test
    void aCallUnderWayIsShownWithItsAgeAndIsOverduePastTheDeadline() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        HeldGateway held = new HeldGateway();
        Clock wall = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
        ObservedGateway observed = new ObservedGateway(held, wall, nanos::get, Duration.ofSeconds(13));
        assertNull(observed.health().callInFlight());

        CompletableFuture<QueryResult> call = CompletableFuture.supplyAsync(() -> observed.query(ORDER));
        assertTrue(held.entered.await(30, TimeUnit.SECONDS));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        ObservedGateway.Health health = observed.health();
        assertEquals("query " + ORDER, health.callInFlight());
        assertEquals(Duration.ofSeconds(5), health.callInFlightFor());
        assertFalse(health.callOverdue());

        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertFalse(observed.health().callOverdue(), "14 s under way: being abandoned at the 13 s deadline");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(observed.health().callOverdue(), "16 s under way, past the 13 s deadline and the margin");

        held.release.countDown();
        call.get(30, TimeUnit.SECONDS);
        health = observed.health();
        assertNull(health.callInFlight());
        assertNull(health.callInFlightFor());
        assertFalse(health.callOverdue());
        assertEquals("query " + ORDER + ": no whole answer within 13000 ms (call abandoned)", health.lastFailure());
    }
}
