package io.qrvend.terminal.engine;

import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.time.Scheduler.Cancellable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the display shows, on the engine thread. Only the customer's sale (the last one
 * selected; with two wallets, the group of its orders, named by the group id) may change the screen: a refund or cancel running on in the background must not replace
 * the next customer's QR. Passing notices and closing screens return to the screen below after the
 * hold time.
 */
final class ScreenKeeper {
    private static final Logger log = LoggerFactory.getLogger(ScreenKeeper.class);

    private final Display display;
    private final Scheduler scheduler;
    private final Duration hold;
    private final Supplier<Screen> idle;
    private Long customerGroup;
    private Screen base;
    private Cancellable timer;

    ScreenKeeper(Display display, Scheduler scheduler, Duration hold, Supplier<Screen> idle) {
        this.display = display;
        this.scheduler = scheduler;
        this.hold = hold;
        this.idle = idle;
    }

    /** The group of the sale now in front of the customer, or null. */
    Long customerGroup() {
        return customerGroup;
    }

    void newCustomer(long groupId) {
        customerGroup = groupId;
    }

    /** Shows a sale's screen if that sale is the customer's. */
    void showFor(long groupId, Screen screen) {
        if (Objects.equals(customerGroup, groupId)) {
            show(screen);
        }
    }

    void show(Screen screen) {
        base = screen;
        replaceTimer(null);
        display.show(screen);
    }

    void showIdle() {
        show(idle.get());
    }

    /** A passing message; the screen underneath comes back after the hold time. */
    void notice(String message) {
        display.show(new Screen.Notice(message));
        replaceTimer(scheduler.schedule(hold, () -> {
            if (base != null) {
                display.show(base);
            }
        }));
    }

    /**
     * The customer's sale no longer needs the screen: what it shows stays up for the hold time, then
     * the idle screen returns. A sale that goes on in the background (a refund) stays the customer's
     * until it ends or someone selects, so its customer, likely still there, sees how it ends.
     */
    void release(long groupId, boolean finished) {
        if (!Objects.equals(customerGroup, groupId)) {
            return;
        }
        if (finished) {
            customerGroup = null;
        }
        replaceTimer(scheduler.schedule(hold, () -> {
            if (customerGroup == null || customerGroup == groupId) {
                showIdle();
            }
        }));
    }

    void outOfService() {
        outOfService("Out of service");
    }

    /** Replaces whatever is up, for good: the engine halted or is closing. */
    void outOfService(String reason) {
        replaceTimer(null);
        customerGroup = null;
        base = null;
        try {
            display.show(new Screen.OutOfService(reason));
        } catch (RuntimeException e) {
            log.warn("could not show the out-of-service screen", e);
        }
    }

    private void replaceTimer(Cancellable next) {
        if (timer != null) {
            timer.cancel();
        }
        timer = next;
    }
}
