package io.qrvend.terminal.sale;

import static io.qrvend.terminal.sale.SaleState.CANCELLED;
import static io.qrvend.terminal.sale.SaleState.CANCELLING;
import static io.qrvend.terminal.sale.SaleState.FAILED;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.sale.Effect.Alert;
import io.qrvend.terminal.sale.Effect.Arm;
import io.qrvend.terminal.sale.Effect.Show;
import io.qrvend.terminal.sale.SaleEvent.CancelAnswered;
import io.qrvend.terminal.sale.SaleEvent.CustomerCancel;
import io.qrvend.terminal.sale.SaleEvent.OrderCreated;
import io.qrvend.terminal.sale.SaleEvent.OtherOrderPaid;
import io.qrvend.terminal.sale.SaleEvent.QueryAnswered;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules until the money is settled one way: creating the order, polling for the payment,
 * and cancelling an order that was not paid.
 */
final class PaymentSteps {
    private final SalePolicy policy;
    private final DeliverySteps delivery;

    PaymentSteps(SalePolicy policy, DeliverySteps delivery) {
        this.policy = policy;
        this.delivery = delivery;
    }

    void created(Steps s, SaleEvent e, Instant now) {
        LiveSale live = s.live;
        if (e instanceof OrderCreated oc) {
            boolean awaited = live.awaits(oc.request());
            oc.result().match(
                    created -> showQr(s, created.qrCode(), now),
                    rejected -> !awaited ? s.unchanged() : live.failures() == 0
                            ? s.to(live.with(live.sale().withState(FAILED)),
                                    "backend refused the order: " + rejected.code() + " " + rejected.message(),
                                    Steps.notice("Payment is not available now. Please try again later."))
                            : startCancel(s, "backend refused a repeated order creation (" + rejected.code()
                                    + "); an earlier attempt may have created it"),
                    unknown -> !awaited ? s.unchanged() : createUnanswered(s, unknown));
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            s.stay(next, createOrder(next));
        } else if (Steps.isTimer(e, TimerKind.DEADLINE)) {
            startCancel(s, "payment window over before the order was created");
        } else if (e instanceof CustomerCancel) {
            startCancel(s, "customer cancelled");
        } else if (e instanceof OtherOrderPaid other) {
            lost(s, other);
        }
    }

    /** The customer paid another order of the sale: this one is closed, and never vends. */
    private Steps lost(Steps s, OtherOrderPaid other) {
        s.live = s.live.asLost();
        return startCancel(s, "the customer paid with " + other.wallet().label() + "; closing this order");
    }

    private Steps createUnanswered(Steps s, CreateResult.Unknown unknown) {
        LiveSale failed = s.live.failed();
        if (failed.failures() >= policy.createAttempts()) {
            s.live = failed;
            return startCancel(s, "order creation unanswered after " + failed.failures() + " attempts: " + unknown.reason());
        }
        return s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
    }

    Steps showQr(Steps s, String qr, Instant now) {
        Sale sale = s.live.sale();
        Screen qrScreen = new Screen.PaymentQr(sale.orderNo(), sale.productName(), sale.priceFen(), qr,
                now.plus(policy.paymentWindow()));
        return s.to(s.live.with(sale.awaiting(qr, now)), "order created, QR shown", new Show(qrScreen),
                new Arm(TimerKind.DEADLINE, policy.paymentWindow()),
                new Arm(TimerKind.NEXT, pollInterval(s.live)));
    }

    void awaiting(Steps s, SaleEvent e, Instant now) {
        LiveSale live = s.live;
        if (e instanceof QueryAnswered q) {
            // A verified payment is a fact whenever it comes; any other answer counts only if awaited.
            boolean awaited = live.awaits(q.request());
            q.result().match(
                    notFound -> !awaited ? s.unchanged() : s.stay(live.answered(), new Arm(TimerKind.NEXT, pollInterval(live))),
                    waiting -> !awaited ? s.unchanged() : s.stay(live.withScanned(), new Arm(TimerKind.NEXT, pollInterval(live.withScanned()))),
                    paid -> onPaid(s, paid, q.request(), now),
                    closed -> !awaited ? s.unchanged() : cancelled(s, "backend closed the trade unpaid"),
                    unknown -> !awaited ? s.unchanged() : s.stay(live.failed(), new Arm(TimerKind.NEXT, pollInterval(live))));
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            s.stay(next, new Effect.QueryOrder(next.lastRequest()));
        } else if (Steps.isTimer(e, TimerKind.DEADLINE)) {
            startCancel(s, "payment window of " + Steps.seconds(policy.paymentWindow()) + " over");
        } else if (e instanceof CustomerCancel) {
            startCancel(s, "customer cancelled");
        } else if (e instanceof OtherOrderPaid other) {
            lost(s, other);
        }
    }

    private Duration pollInterval(LiveSale live) {
        return policy.pollInterval(live.sale().wallet(), live.scanned());
    }

    /** Gives up on an unpaid order: one last query (a payment may have just landed), then cancel. */
    Steps startCancel(Steps s, String cause) {
        LiveSale next = s.live.with(s.live.sale().withState(CANCELLING)).request();
        return s.to(next, cause, new Effect.QueryOrder(next.lastRequest()), Steps.notice("Cancelling the order"));
    }

    void cancelling(Steps s, SaleEvent e, Instant now) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (e instanceof QueryAnswered q && sale.cancelSent()) {
            // Once a cancel may have reached the backend, only the cancel's answer ends the sale.
            q.result().match(
                    notFound -> s.unchanged(),
                    waiting -> s.unchanged(),
                    paid -> s.stay(live, new Alert("backend says paid after the cancel was sent; the cancel's answer decides")),
                    closed -> s.unchanged(),
                    unknown -> s.unchanged());
        } else if (e instanceof QueryAnswered q) {
            // The last query before the cancel: a payment is a fact; anything but a closed trade sends the cancel.
            boolean awaited = live.awaits(q.request());
            q.result().match(
                    notFound -> !awaited ? s.unchanged() : sendCancel(s),
                    waiting -> !awaited ? s.unchanged() : sendCancel(s),
                    paid -> onPaid(s, paid, q.request(), now),
                    closed -> !awaited ? s.unchanged() : cancelled(s, "backend closed the trade unpaid"),
                    unknown -> !awaited ? s.unchanged() : sendCancel(s));
        } else if (e instanceof CancelAnswered ca) {
            // A finished cancel is a fact whenever it comes; the other answers count only if awaited.
            boolean awaited = live.awaits(ca.request());
            ca.result().match(
                    cancelled -> cancelled.refunded()
                            ? s.to(live.with(sale.refunded(sale.priceFen(), sale.priceFen())),
                                    "a payment of " + Money.format(sale.priceFen()) + " slipped in; the cancel refunded it",
                                    new Show(new Screen.Refunded(sale.productName(), sale.priceFen(), sale.wallet().label())))
                            : cancelled(s, "backend closed the order"),
                    paidInstead -> paidAtCancel(s, paidInstead, now),
                    notFound -> !awaited ? s.unchanged() : notFoundAtCancel(s),
                    retryLater -> !awaited ? s.unchanged() : retryCancel(s),
                    unknown -> !awaited ? s.unchanged() : retryCancel(s));
        } else if (e instanceof OtherOrderPaid) {
            // Already being closed; from now on a payment found on this order is refunded.
            s.stay(live.asLost());
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            if (sale.cancelSent()) {
                s.stay(next, new Effect.CancelOrder(next.lastRequest()));
            } else {
                s.stay(next, new Effect.QueryOrder(next.lastRequest()));
            }
        }
    }

    /**
     * The close found the order paid (a wallet whose close never refunds, such as WeChat Pay). A
     * sent cancel means the sale may not vend, so the payment goes back in full, whenever this fact
     * arrives. An amount other than the price is not believed: an alert, and the cancel again.
     */
    private Steps paidAtCancel(Steps s, CancelResult.PaidInstead paid, Instant now) {
        Sale sale = s.live.sale();
        if (paid.amountFen() != sale.priceFen()) {
            LiveSale failed = s.live.failed();
            return s.stay(failed, new Alert("backend says the order was paid " + Money.format(paid.amountFen())
                    + " but the price is " + Money.format(sale.priceFen()) + "; not trusted, closing again"),
                    new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
        }
        return delivery.refundPayment(s, paid.amountFen(), Steps.first(paid.paidAt(), now),
                "the order was paid " + Money.format(paid.amountFen()) + " before the close took effect; the sale"
                        + " was given up, so the payment is refunded");
    }

    private Steps retryCancel(Steps s) {
        LiveSale failed = s.live.failed();
        return s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
    }

    /**
     * The backend has no trade for this order: with face-to-face payment that means nobody scanned
     * the QR yet. A scan could still create the trade until the order expires, so the sale ends only
     * once the order can no longer be paid; until then the cancel is sent again, at the expiry. The
     * sale's age is measured on the monotonic clock: after a wall-clock step of hours the order is
     * neither given up while still payable nor watched for hours.
     */
    Steps notFoundAtCancel(Steps s) {
        Duration left = policy.payableAfterCreation().minus(s.live.age(s.nanos));
        if (left.isNegative() || left.isZero()) {
            return cancelled(s, "backend has no such trade and the order has expired: nothing was paid");
        }
        return s.stay(s.live.answered(), new Arm(TimerKind.NEXT, left));
    }

    /** The first cancel is journaled before it is sent: from then on no answer may lead to a vend. */
    Steps sendCancel(Steps s) {
        LiveSale live = s.live;
        if (live.sale().cancelSent()) {
            LiveSale next = live.request();
            return s.stay(next, new Effect.CancelOrder(next.lastRequest()));
        }
        LiveSale next = live.with(live.sale().withCancelSent()).request();
        return s.to(next, "not paid; cancel sent", new Effect.CancelOrder(next.lastRequest()));
    }

    Steps cancelled(Steps s, String cause) {
        return s.to(s.live.with(s.live.sale().withState(CANCELLED)), cause, Steps.notice("Order cancelled"));
    }

    Steps onPaid(Steps s, QueryResult.Paid p, int request, Instant now) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (p.amountFen() != sale.priceFen()) {
            Alert alert = new Alert("backend says paid " + Money.format(p.amountFen()) + " but the price is "
                    + Money.format(sale.priceFen()) + "; not trusted");
            if (live.awaits(request)) {
                return s.stay(live.failed(), alert, new Arm(TimerKind.NEXT, policy.pollScanned()));
            }
            return s.stay(live, alert);
        }
        Instant paidAt = live.recovered() ? Steps.first(p.paidAt(), sale.awaitingSince(), sale.createdAt()) : now;
        if (live.lost()) {
            return delivery.refundPayment(s, p.amountFen(), paidAt,
                    "this order was paid too, after another order of the sale; refunding it in full");
        }
        s.to(live.with(sale.paid(p.amountFen(), paidAt)),
                live.recovered() ? "payment found after a restart" : "payment confirmed");
        return delivery.vendOrRefund(s, now);
    }

    /** The order as the backend gets it; {@link SalePolicy#orderExpiry} says how long it stays payable. */
    Effect createOrder(LiveSale live) {
        Sale sale = live.sale();
        return new Effect.CreateOrder(live.lastRequest(),
                new OrderRequest(sale.orderNo(), sale.priceFen(), sale.productName(), policy.orderExpiry()));
    }
}
