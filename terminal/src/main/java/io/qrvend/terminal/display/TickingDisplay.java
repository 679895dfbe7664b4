package io.qrvend.terminal.display;

import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.time.Scheduler.Cancellable;
import java.time.Duration;

/**
 * Redraws a payment screen every second so its countdown moves, until another screen replaces it
 * or its deadline passes. Runs on the engine's scheduler, the thread that calls {@link #show}.
 *
 * <p>The countdown runs on the monotonic clock: the time left is taken once, when the screen is
 * shown, and each redraw restates the deadline against the wall clock of that moment, so a step of
 * the wall clock (NTP setting a board without a real-time clock) neither freezes nor jumps it, just as
 * it moves none of the sale's own timers.
 */
public final class TickingDisplay implements Display {
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Display inner;
    private final Scheduler scheduler;
    private Cancellable tick;
    /** The payment screen counted last, and its deadline on the monotonic clock. */
    private Screen.PaymentQr counted;
    private long countedDeadlineNanos;

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
        if (screen instanceof Screen.PaymentQr qr) {
            // The same QR shown again (after a notice on top of it) keeps the deadline it was given
            // the first time: its wall-clock deadline may since have been moved by a step.
            if (!qr.equals(counted)) {
                counted = qr;
                countedDeadlineNanos = scheduler.nanoTime() + Duration.between(scheduler.now(), qr.deadline()).toNanos();
            }
            count(qr, countedDeadlineNanos);
        } else {
            inner.show(screen);
        }
    }

    private void count(Screen.PaymentQr qr, long deadlineNanos) {
        long left = deadlineNanos - scheduler.nanoTime();
        inner.show(qr.withDeadline(scheduler.now().plusNanos(left)));
        if (left > 0) {
            tick = scheduler.schedule(TICK, () -> count(qr, deadlineNanos));
        }
    }
}
