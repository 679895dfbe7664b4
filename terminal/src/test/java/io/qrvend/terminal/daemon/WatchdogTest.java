package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qrvend.terminal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdog in virtual time: pinged while all is well, skipped while something is wedged, resumed after. */
class WatchdogTest {
    @Test
    void pingsStopWhileWedgedAndResumeAfter() {
        VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-12-01T08:00:00Z"));
        List<String> sent = new ArrayList<>();
        String[] wedged = {null};
        Watchdog.start(Duration.ofSeconds(15), sent::add, time, () -> wedged[0]);

        time.advance(Duration.ofSeconds(30));
        assertEquals(3, sent.size(), "a ping at start and one every 15 s");

        wedged[0] = "backend call 'query T1' still running 20 s after it began";
        time.advance(Duration.ofSeconds(60));
        assertEquals(3, sent.size(), "no ping while wedged, so systemd restarts the service");

        wedged[0] = null;
        time.advance(Duration.ofSeconds(15));
        assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"), sent);
    }
}
