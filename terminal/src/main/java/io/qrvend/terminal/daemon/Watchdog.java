package io.qrvend.terminal.daemon;

import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.time.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog from the engine's own thread at half the interval systemd asked for
 * ({@code WATCHDOG_USEC}). Pinging from the engine thread, and only while the engine has not
 * halted, is the point: a stuck or halted engine stops the pings and systemd restarts the service.
 */
final class Watchdog {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private Watchdog() {
    }

    /** Starts pinging when systemd asked for a watchdog ({@code watchdogUsec} set) and listens. */
    static void start(String watchdogUsec, SystemdNotifier systemd, Scheduler engineThread, Engine engine) {
        if (watchdogUsec == null || !systemd.enabled()) {
            return;
        }
        Duration interval;
        try {
            interval = Duration.ofNanos(Long.parseLong(watchdogUsec) * 1000 / 2);
        } catch (NumberFormatException e) {
            log.warn("WATCHDOG_USEC={} is not a number; the watchdog is not pinged", watchdogUsec);
            return;
        }
        log.info("pinging the systemd watchdog every {} ms", interval.toMillis());
        Runnable[] ping = new Runnable[1];
        ping[0] = () -> {
            if (engine.halted().isEmpty()) {
                systemd.notify("WATCHDOG=1");
                engineThread.schedule(interval, ping[0]);
            }
        };
        engineThread.execute(ping[0]);
    }
}
