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
            CreateResult r = oc.result();
            if (r instanceof CreateResult.Created c) {
                showQr(s, c.qrCode(), now);
            } else if (!live.awaits(oc.request())) {
                return;
            } else if (r instanceof CreateResult.Rejected rej) {
                if (live.failures() == 0) {
                    s.to(live.with(live.sale().withState(FAILED)),
                            "backend refused the order: " + rej.code() + " " + rej.message(),
                            Steps.notice("Payment is not available now. Please try again later."));
                } else {
                    startCancel(s, "backend refused a repeated order creation (" + rej.code()
                            + "); an earlier attempt may have created it");
                }
            } else if (r instanceof CreateResult.Unknown u) {
                LiveSale failed = live.failed();
                if (failed.failures() >= policy.createAttempts()) {
                    s.live = failed;
                    startCancel(s, "order creation unanswered after " + failed.failures() + " attempts: " + u.reason());
                } else {
                    s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
                }
            }
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            s.stay(next, createOrder(next));
        } else if (Steps.isTimer(e, TimerKind.DEADLINE)) {
            startCancel(s, "payment window over before the order was created");
        } else if (e instanceof CustomerCancel) {
            startCancel(s, "customer cancelled");
        }
    }

    void showQr(Steps s, String qr, Instant now) {
        Sale sale = s.live.sale();
        Screen qrScreen = new Screen.PaymentQr(sale.orderNo(), sale.productName(), sale.priceFen(), qr,
                now.plus(policy.paymentWindow()));
        s.to(s.live.with(sale.awaiting(qr, now)), "order created, QR shown", new Show(qrScreen),
                new Arm(TimerKind.DEADLINE, policy.paymentWindow()),
                new Arm(TimerKind.NEXT, policy.pollUnscanned()));
    }

    void awaiting(Steps s, SaleEvent e, Instant now) {
        LiveSale live = s.live;
        if (e instanceof QueryAnswered q) {
            QueryResult r = q.result();
            if (r instanceof QueryResult.Paid p) {
                onPaid(s, p, q.request(), now);
            } else if (!live.awaits(q.request())) {
                return;
            } else if (r instanceof QueryResult.NotFound) {
                s.stay(live.answered(), new Arm(TimerKind.NEXT, pollInterval(live)));
            } else if (r instanceof QueryResult.Waiting) {
                s.stay(live.withScanned(), new Arm(TimerKind.NEXT, policy.pollScanned()));
            } else if (r instanceof QueryResult.Closed) {
                cancelled(s, "backend closed the trade unpaid");
            } else if (r instanceof QueryResult.Unknown) {
                s.stay(live.failed(), new Arm(TimerKind.NEXT, pollInterval(live)));
            }
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            s.stay(next, new Effect.QueryOrder(next.lastRequest()));
        } else if (Steps.isTimer(e, TimerKind.DEADLINE)) {
            startCancel(s, "payment window of " + Steps.seconds(policy.paymentWindow()) + " over");
        } else if (e instanceof CustomerCancel) {
            startCancel(s, "customer cancelled");
        }
    }

    private Duration pollInterval(LiveSale live) {
        return live.scanned() ? policy.pollScanned() : policy.pollUnscanned();
    }

    /** Gives up on an unpaid order: one last query (a payment may have just landed), then cancel. */
    void startCancel(Steps s, String cause) {
        LiveSale next = s.live.with(s.live.sale().withState(CANCELLING)).request();
        s.to(next, cause, new Effect.QueryOrder(next.lastRequest()), Steps.notice("Cancelling the order"));
    }

    void cancelling(Steps s, SaleEvent e, Instant now) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (e instanceof QueryAnswered q) {
            QueryResult r = q.result();
            if (sale.cancelSent()) {
                if (r instanceof QueryResult.Paid) {
                    s.stay(live, new Alert("backend says paid after the cancel was sent; the cancel's answer decides"));
                }
            } else if (r instanceof QueryResult.Paid p) {
                onPaid(s, p, q.request(), now);
            } else if (!live.awaits(q.request())) {
                return;
            } else if (r instanceof QueryResult.Closed) {
                cancelled(s, "backend closed the trade unpaid");
            } else {
                sendCancel(s);
            }
        } else if (e instanceof CancelAnswered ca) {
            CancelResult r = ca.result();
            if (r instanceof CancelResult.NotFound && !live.awaits(ca.request())) {
                return;
            }
            if (r instanceof CancelResult.Cancelled c && c.refunded()) {
                s.to(live.with(sale.refunded(sale.priceFen(), sale.priceFen())),
                        "a payment of " + Money.format(sale.priceFen()) + " slipped in; the cancel refunded it",
                        new Show(new Screen.Refunded(sale.productName(), sale.priceFen())));
            } else if (r instanceof CancelResult.Cancelled) {
                cancelled(s, "backend closed the order");
            } else if (r instanceof CancelResult.NotFound) {
                notFoundAtCancel(s, now);
            } else if (live.awaits(ca.request())) {
                LiveSale failed = live.failed();
                s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
            }
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            if (sale.cancelSent()) {
                LiveSale next = live.request();
                s.stay(next, new Effect.CancelOrder(next.lastRequest()));
            } else {
                LiveSale next = live.request();
                s.stay(next, new Effect.QueryOrder(next.lastRequest()));
            }
        }
    }

    /**
     * The backend has no trade for this order: with face-to-face payment that means nobody scanned
     * the QR yet. A scan could still create the trade until the order expires, so the sale ends only
     * once the order can no longer be paid; until then the cancel is sent again, at the expiry.
     */
    void notFoundAtCancel(Steps s, Instant now) {
        Sale sale = s.live.sale();
        Instant payableUntil = sale.createdAt().plus(policy.payableAfterCreation());
        if (!now.isBefore(payableUntil)) {
            cancelled(s, "backend has no such trade and the order has expired: nothing was paid");
        } else {
            s.stay(s.live.answered(), new Arm(TimerKind.NEXT, Duration.between(now, payableUntil)));
        }
    }

    /** The first cancel is journaled before it is sent: from then on no answer may lead to a vend. */
    void sendCancel(Steps s) {
        LiveSale live = s.live;
        if (live.sale().cancelSent()) {
            LiveSale next = live.request();
            s.stay(next, new Effect.CancelOrder(next.lastRequest()));
        } else {
            LiveSale next = live.with(live.sale().withCancelSent()).request();
            s.to(next, "not paid; cancel sent", new Effect.CancelOrder(next.lastRequest()));
        }
    }

    void cancelled(Steps s, String cause) {
        s.to(s.live.with(s.live.sale().withState(CANCELLED)), cause, Steps.notice("Order cancelled"));
    }

    void onPaid(Steps s, QueryResult.Paid p, int request, Instant now) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (p.amountFen() != sale.priceFen()) {
            Alert alert = new Alert("backend says paid " + Money.format(p.amountFen()) + " but the price is "
                    + Money.format(sale.priceFen()) + "; not trusted");
            if (live.awaits(request)) {
                s.stay(live.failed(), alert, new Arm(TimerKind.NEXT, policy.pollScanned()));
            } else {
                s.stay(live, alert);
            }
            return;
        }
        Instant paidAt = live.recovered() ? Steps.first(p.paidAt(), sale.awaitingSince(), sale.createdAt()) : now;
        s.to(live.with(sale.paid(p.amountFen(), paidAt)),
                live.recovered() ? "payment found after a restart" : "payment confirmed");
        delivery.vendOrRefund(s, now);
    }

    /** The order as the backend gets it; {@link SalePolicy#orderExpiry} says how long it stays payable. */
    Effect createOrder(LiveSale live) {
        Sale sale = live.sale();
        return new Effect.CreateOrder(live.lastRequest(),
                new OrderRequest(sale.orderNo(), sale.priceFen(), sale.productName(), policy.orderExpiry()));
    }
}
