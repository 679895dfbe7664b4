package io.qrvend.terminal.daemon;

import io.qrvend.terminal.time.Scheduler;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog from the engine's own thread at half the interval systemd asked for
 * ({@code WATCHDOG_USEC}). Pinging from the engine thread, and only while nothing is wedged, is the
 * point: a stuck engine thread sends no pings, and while {@code wedged} names a reason (the engine
 * halted, a backend call still running past its deadline, which the gateway should have abandoned)
 * the pings are skipped, so systemd restarts the service and recovery finishes the sales.
 */
final class Watchdog {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private Watchdog() {
    }

    /** Starts pinging when systemd asked for a watchdog ({@code watchdogUsec} set) and listens. */
    static void start(String watchdogUsec, SystemdNotifier systemd, Scheduler engineThread, Supplier<String> wedged) {
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
        start(interval, systemd::notify, engineThread, wedged);
    }

    static void start(Duration interval, Consumer<String> notify, Scheduler engineThread, Supplier<String> wedged) {
        Runnable[] ping = new Runnable[1];
        boolean[] skipping = {false};
        ping[0] = () -> {
            String why = wedged.get();
            if (why == null) {
                notify.accept("WATCHDOG=1");
                if (skipping[0]) {
                    log.info("watchdog pings resume");
                }
            } else if (!skipping[0]) {
                log.error("watchdog pings stop so that systemd restarts the terminal: {}", why);
            }
            skipping[0] = why != null;
            engineThread.schedule(interval, ping[0]);
        };
        engineThread.execute(ping[0]);
    }
}
