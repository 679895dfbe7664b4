package io.qrvend.terminal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
    final VirtualScheduler s = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
    final List<String> ran = new ArrayList<>();

    @Test
    void runsTasksInTimeOrderThenQueueOrder() {
        s.schedule(Duration.ofSeconds(2), () -> ran.add("b"));
        s.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        s.execute(() -> ran.add("now1"));
        s.execute(() -> ran.add("now2"));
        s.schedule(Duration.ofSeconds(2), () -> ran.add("c"));
        s.advance(Duration.ofSeconds(1));
        assertEquals(List.of("now1", "now2", "a"), ran);
        s.advance(Duration.ofSeconds(5));
        assertEquals(List.of("now1", "now2", "a", "b", "c"), ran);
        assertEquals(6000, s.elapsedMillis());
    }

    @Test
    void cancelledTasksNeverRun() {
        Scheduler.Cancellable c = s.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        c.cancel();
        assertEquals(0, s.pending());
        s.advance(Duration.ofSeconds(2));
        assertTrue(ran.isEmpty());
    }

    @Test
    void taskTimeIsItsDueTime() {
        List<Instant> at = new ArrayList<>();
        s.schedule(Duration.ofMillis(1500), () -> at.add(s.now()));
        s.advance(Duration.ofSeconds(10));
        assertEquals(List.of(Instant.parse("2026-11-22T08:00:01.500Z")), at);
    }

    @Test
    void runUntilStopsAtTheConditionOrTheLimit() {
        s.schedule(Duration.ofSeconds(3), () -> ran.add("done"));
        assertTrue(s.runUntil(() -> !ran.isEmpty(), Duration.ofSeconds(10)));
        assertEquals(3000, s.elapsedMillis());
        assertFalse(s.runUntil(() -> false, Duration.ofSeconds(10)));
        assertEquals(13000, s.elapsedMillis());
    }

    @Test
    void wallClockStepsDoNotMoveTimers() {
        s.schedule(Duration.ofSeconds(5), () -> ran.add("timer"));
        s.stepWallClock(Duration.ofMinutes(-10));
        assertEquals(Instant.parse("2026-11-22T07:50:00Z"), s.now());
        s.advance(Duration.ofSeconds(4));
        assertTrue(ran.isEmpty());
        s.advance(Duration.ofSeconds(1));
        assertEquals(List.of("timer"), ran);
    }
}
