package io.qrvend.terminal.sale;

import static io.qrvend.terminal.sale.SaleState.CANCELLED;
import static io.qrvend.terminal.sale.SaleState.CANCELLING;
import static io.qrvend.terminal.sale.SaleState.FAILED;
import static io.qrvend.terminal.sale.SaleState.VENDED;
import static io.qrvend.terminal.sale.SaleState.VENDING;
import static io.qrvend.terminal.sale.SaleState.VEND_FAILED;

import io.qrvend.terminal.sale.Effect.Alert;
import io.qrvend.terminal.sale.Effect.Arm;
import io.qrvend.terminal.sale.SaleEvent.Recover;
import java.time.Instant;
import java.util.List;

/**
 * The rules of a sale, with no I/O: given a sale and what happened, the steps to take. The engine
 * commits each journaled step before it performs the step's effects.
 *
 * <p>Answers come back in any order and sometimes twice. Each request has a number, and only the
 * answer to the awaited request moves a sale on, except facts, which count whenever they arrive in
 * a state where they matter: a verified payment (before any cancel was sent), a finished cancel, a
 * finished refund, a created order.
 */
public final class SaleMachine {
    private final SalePolicy policy;
    private final DeliverySteps delivery;
    private final PaymentSteps payment;

    public SaleMachine(SalePolicy policy) {
        this.policy = policy;
        this.delivery = new DeliverySteps(policy);
        this.payment = new PaymentSteps(policy, delivery);
    }

    public SalePolicy policy() {
        return policy;
    }

    /** The first step of a sale the journal has just recorded in CREATED: create the order. */
    public List<Decision> open(LiveSale created) {
        Steps s = new Steps(created, created.openedNanos());
        LiveSale next = created.request();
        s.stay(next, payment.createOrder(next), new Arm(TimerKind.DEADLINE, policy.paymentWindow()),
                Steps.notice("Preparing payment for " + created.sale().productName()));
        return s.decisions;
    }

    /**
     * The steps {@code event} causes for {@code live}; empty when it changes nothing. {@code now} is
     * the wall clock, for what is journaled and shown; {@code nanos} the monotonic clock, for every
     * duration within this process (a wall-clock step moves the first only).
     */
    public List<Decision> apply(LiveSale live, SaleEvent event, Instant now, long nanos) {
        Steps s = new Steps(live, nanos);
        if (event instanceof Recover) {
            recover(s, now);
            return s.decisions;
        }
        switch (live.state()) {
            case CREATED -> payment.created(s, event, now);
            case AWAITING_PAYMENT -> payment.awaiting(s, event, now);
            case CANCELLING -> payment.cancelling(s, event, now);
            case VENDING -> delivery.vending(s, event);
            case REFUNDING -> delivery.refunding(s, event);
            // PAID and VEND_FAILED are left in the same step that enters them; only recovery
            // finds a sale there. Final states take no more events.
            case PAID, VEND_FAILED, VENDED, REFUNDED, CANCELLED, FAILED -> {
            }
        }
        return s.decisions;
    }

    /** Drives a sale found unfinished at start towards a final state. */
    private void recover(Steps s, Instant now) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        switch (sale.state()) {
            case CREATED, AWAITING_PAYMENT ->
                    payment.startCancel(s, "recovery: found in " + sale.state() + "; cancelling unless the backend says paid");
            case CANCELLING -> {
                LiveSale next = live.request();
                if (sale.cancelSent()) {
                    s.to(next, "recovery: sending the cancel again", new Effect.CancelOrder(next.lastRequest()));
                } else {
                    s.to(next, "recovery: querying before the cancel", new Effect.QueryOrder(next.lastRequest()));
                }
            }
            case PAID -> delivery.vendOrRefund(s, now);
            case VENDING -> {
                String cause = "recovery: found in VENDING; the relay may have fired, so it is never fired again";
                if (policy.vendingRecovery() == SalePolicy.VendingRecovery.REFUND) {
                    delivery.vendFailed(s, cause);
                } else {
                    s.toTakingItem(live.with(sale.withState(VENDED)), cause + "; counted as vended by policy",
                            new Alert("sale counted as vended without a confirmed drop: check slot " + sale.slotId()));
                }
            }
            case VEND_FAILED -> delivery.startRefund(s, "recovery: the refund was not sent yet");
            case REFUNDING -> {
                LiveSale next = live.request();
                s.to(next, "recovery: asking whether refund " + sale.refundRequestNo() + " was made",
                        new Effect.QueryRefund(next.lastRequest(), sale.refundRequestNo()));
            }
            case VENDED, REFUNDED, CANCELLED, FAILED -> {
            }
        }
    }
}
