package io.qrvend.terminal.display;

import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.time.Scheduler.Cancellable;
import java.time.Duration;

/**
 * Redraws a payment screen every second so its countdown moves, until another screen replaces it
 * or its deadline passes. Runs on the engine's scheduler, the thread that calls {@link #show}.
 */
public final class TickingDisplay implements Display {
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Display inner;
    private final Scheduler scheduler;
    private Cancellable tick;

    public TickingDisplay(Display inner, Scheduler scheduler) {
        this.inner = inner;
        this.scheduler = scheduler;
    }

    @Override
    public void show(Screen screen) {
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
        inner.show(screen);
        if (screen instanceof Screen.PaymentQr qr && scheduler.now().isBefore(qr.deadline())) {
            tick = scheduler.schedule(TICK, () -> show(screen));
        }
    }
}
