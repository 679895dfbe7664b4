package io.qrvend.terminal.sale;

import io.qrvend.terminal.payment.Wallet;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The timing and recovery rules of a sale. Every value is checked here, so a bad setting stops
 * the terminal at start instead of being clamped quietly.
 *
 * @param paymentWindow how long the QR accepts a payment before the order is cancelled
 * @param pollUnscanned query interval before the customer scans (the trade does not exist yet)
 * @param pollScanned query interval once the customer scanned and is confirming in the app
 * @param createAttempts how many times an order creation with an unusable answer is tried
 * @param retryMin first delay after an unusable answer while cancelling or refunding
 * @param retryMax longest such delay; the delay doubles up to it
 * @param pulse how long the vend relay is closed
 * @param dropWindow default wait for the drop sensor after the pulse, for slots that set none
 * @param customerPresence a payment found after a restart is vended only this soon after it was made
 * @param expiryGrace how long past the payment window an order the backend could not find at
 *     cancel may still become payable: the backend is asked to expire it half of this after the
 *     window, Alipay rounds that up to whole minutes, and a retried create may start it late
 * @param vendingRecovery what to do with a sale found in VENDING after a restart
 * @param screenHold how long a closing screen (thank you, refunded, a notice) stays up
 * @param pollWechat query interval of a WeChat Pay order, scanned or not: WeChat Pay has no
 *     "scanned" state to make polling scan-aware, so one steady interval trades latency (half of it,
 *     on average) against queries (one per interval)
 */
public record SalePolicy(Duration paymentWindow, Duration pollUnscanned, Duration pollScanned,
                         int createAttempts, Duration retryMin, Duration retryMax, Duration pulse,
                         Duration dropWindow, Duration customerPresence, Duration expiryGrace,
                         VendingRecovery vendingRecovery, Duration screenHold, Duration pollWechat) {

    /** A sale found in VENDING after a restart may or may not have dropped its product. */
    public enum VendingRecovery {
        /** Refund it: the customer may have got nothing, and the case is logged for a technician. */
        REFUND,
        /** Count it as vended: for machines whose technician checks such cases by hand. */
        ASSUME_VENDED
    }

    public static final SalePolicy DEFAULTS = new SalePolicy(Duration.ofSeconds(90),
            Duration.ofSeconds(3), Duration.ofMillis(500), 3, Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(3),
            Duration.ofSeconds(60), Duration.ofSeconds(120), VendingRecovery.REFUND, Duration.ofSeconds(4),
            Duration.ofSeconds(1));

    public SalePolicy {
        positive("sale.payment_window", paymentWindow);
        positive("sale.poll.unscanned", pollUnscanned);
        positive("sale.poll.scanned", pollScanned);
        positive("sale.retry.min", retryMin);
        positive("sale.retry.max", retryMax);
        positive("sale.pulse", pulse);
        positive("sale.drop_window", dropWindow);
        positive("sale.customer_presence", customerPresence);
        positive("sale.expiry_grace", expiryGrace);
        positive("sale.screen_hold", screenHold);
        positive("sale.poll.wechat", pollWechat);
        Objects.requireNonNull(vendingRecovery, "sale.recovery.vending");
        if (createAttempts < 1) {
            throw new IllegalArgumentException("sale.create_attempts must be 1 or more, not " + createAttempts);
        }
        if (retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("sale.retry.max (" + retryMax + ") is shorter than sale.retry.min (" + retryMin + ")");
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
        }
    }

    /**
     * How long the backend is asked to keep an order payable: the window plus half the grace, so a
     * payment in the window's last second completes, rounded up to whole minutes because that is
     * what Alipay's {@code timeout_express} takes.
     */
    public Duration orderExpiry() {
        long seconds = paymentWindow.plus(expiryGrace.dividedBy(2)).toSeconds();
        return Duration.ofMinutes(Math.max(1, (seconds + 59) / 60));
    }

    /**
     * How long after a sale was created its order may still be paid at the latest: the expiry asked
     * for, plus half the grace for a create that reached the backend late.
     */
    public Duration payableAfterCreation() {
        return orderExpiry().plus(expiryGrace.dividedBy(2));
    }

    /** The delay before retry number {@code failures} (1 = first): doubling from min, capped at max. */
    public Duration backoff(int failures) {
        Duration delay = retryMin;
        for (int i = 1; i < failures && delay.compareTo(retryMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }

    public SalePolicy withPaymentWindow(Duration window) {
        return with(p -> p.paymentWindow = window);
    }

    public SalePolicy withPulse(Duration relayPulse) {
        return with(p -> p.pulse = relayPulse);
    }

    public SalePolicy withDropWindow(Duration window) {
        return with(p -> p.dropWindow = window);
    }

    public SalePolicy withPolling(Duration unscanned, Duration scanned) {
        return with(p -> {
            p.pollUnscanned = unscanned;
            p.pollScanned = scanned;
        });
    }

    public SalePolicy withWechatPolling(Duration interval) {
        return with(p -> p.pollWechat = interval);
    }

    /**
     * How long until the next query of an order awaiting payment. Alipay creates its trade only when
     * the customer scans, so there a scan is seen and polling speeds up; WeChat Pay's order exists
     * from the start and says nothing of a scan, so it is polled at one steady rate.
     */
    public Duration pollInterval(Wallet wallet, boolean scanned) {
        return switch (wallet) {
            case ALIPAY -> scanned ? pollScanned : pollUnscanned;
            case WECHAT -> pollWechat;
        };
    }

    public SalePolicy withScreenHold(Duration hold) {
        return with(p -> p.screenHold = hold);
    }

    public SalePolicy withVendingRecovery(VendingRecovery recovery) {
        return with(p -> p.vendingRecovery = recovery);
    }

    /** This policy with {@code change} applied, checked by the constructor like any other. */
    private SalePolicy with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.policy();
    }

    /**
     * A policy being changed: the one place besides the record header that lists every component,
     * so that a with-method names only what it changes (twelve positional arguments were easy to
     * swap unnoticed, two Durations side by side).
     */
    private static final class Draft {
        Duration paymentWindow;
        Duration pollUnscanned;
        Duration pollScanned;
        int createAttempts;
        Duration retryMin;
        Duration retryMax;
        Duration pulse;
        Duration dropWindow;
        Duration customerPresence;
        Duration expiryGrace;
        VendingRecovery vendingRecovery;
        Duration screenHold;
        Duration pollWechat;

        Draft(SalePolicy p) {
            paymentWindow = p.paymentWindow;
            pollUnscanned = p.pollUnscanned;
            pollScanned = p.pollScanned;
            createAttempts = p.createAttempts;
            retryMin = p.retryMin;
            retryMax = p.retryMax;
            pulse = p.pulse;
            dropWindow = p.dropWindow;
            customerPresence = p.customerPresence;
            expiryGrace = p.expiryGrace;
            vendingRecovery = p.vendingRecovery;
            screenHold = p.screenHold;
            pollWechat = p.pollWechat;
        }

        SalePolicy policy() {
            return new SalePolicy(paymentWindow, pollUnscanned, pollScanned, createAttempts, retryMin, retryMax, pulse, dropWindow,
                    customerPresence, expiryGrace, vendingRecovery, screenHold, pollWechat);
        }
    }
}
