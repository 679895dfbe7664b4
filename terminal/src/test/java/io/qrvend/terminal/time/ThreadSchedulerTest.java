package io.qrvend.terminal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real engine thread. Waits are bounded latches, never sleeps, and nothing asserts a duration. */
class ThreadSchedulerTest {
    final ThreadScheduler scheduler = new ThreadScheduler("test-engine",
            Clock.fixed(Instant.parse("2026-11-22T08:00:00.123456Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        scheduler.close();
    }

    /** What arrives after a stop (the answer to a backend call it abandoned) is dropped, not thrown at the caller. */
    @Test
    void afterCloseTasksAndTimersAreDropped() {
        scheduler.close();
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.execute(() -> ran.set(true));
        scheduler.schedule(Duration.ZERO, () -> ran.set(true)).cancel();
        assertFalse(ran.get());
    }

    @Test
    void tasksRunInOrderOnTheNamedThread() throws InterruptedException {
        AtomicReference<String> thread = new AtomicReference<>();
        StringBuilder order = new StringBuilder();
        CountDownLatch done = new CountDownLatch(1);
        scheduler.execute(() -> order.append('a'));
        scheduler.execute(() -> {
            order.append('b');
            thread.set(Thread.currentThread().getName());
            done.countDown();
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals("ab", order.toString());
        assertEquals("test-engine", thread.get());
    }

    @Test
    void aFailingTaskDoesNotStopTheThread() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        scheduler.execute(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        scheduler.schedule(Duration.ofMillis(1), after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
    }

    @Test
    void cancelledTaskNeverRuns() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Scheduler.Cancellable c = scheduler.schedule(Duration.ofMillis(50), () -> ran.set(true));
        c.cancel();
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(Duration.ofMillis(100), later::countDown);
        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertFalse(ran.get());
    }

    @Test
    void wallClockIsKeptToMilliseconds() {
        assertEquals(Instant.parse("2026-11-22T08:00:00.123Z"), scheduler.now());
    }
}
