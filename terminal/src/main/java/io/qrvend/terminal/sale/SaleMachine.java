package io.qrvend.terminal.sale;

import static io.qrvend.terminal.sale.SaleState.CANCELLED;
import static io.qrvend.terminal.sale.SaleState.CANCELLING;
import static io.qrvend.terminal.sale.SaleState.FAILED;
import static io.qrvend.terminal.sale.SaleState.VENDED;
import static io.qrvend.terminal.sale.SaleState.VENDING;
import static io.qrvend.terminal.sale.SaleState.VEND_FAILED;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.sale.Effect.Alert;
import io.qrvend.terminal.sale.Effect.Arm;
import io.qrvend.terminal.sale.Effect.Show;
import io.qrvend.terminal.sale.SaleEvent.CancelAnswered;
import io.qrvend.terminal.sale.SaleEvent.CustomerCancel;
import io.qrvend.terminal.sale.SaleEvent.DropSeen;
import io.qrvend.terminal.sale.SaleEvent.OrderCreated;
import io.qrvend.terminal.sale.SaleEvent.PulseDone;
import io.qrvend.terminal.sale.SaleEvent.QueryAnswered;
import io.qrvend.terminal.sale.SaleEvent.Recover;
import io.qrvend.terminal.sale.SaleEvent.RefundAnswered;
import io.qrvend.terminal.sale.SaleEvent.RefundQueryAnswered;
import io.qrvend.terminal.sale.SaleEvent.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    public SaleMachine(SalePolicy policy) {
        this.policy = policy;
    }

    public SalePolicy policy() {
        return policy;
    }

    /** The first step of a sale the journal has just recorded in CREATED: create the order. */
    public List<Decision> open(LiveSale created) {
        Steps s = new Steps(created);
        LiveSale next = created.request();
        s.stay(next, createOrder(next), new Arm(TimerKind.DEADLINE, policy.paymentWindow()),
                new Show(new Screen.Notice("Preparing payment for " + created.sale().productName())));
        return s.decisions;
    }

    /** The steps {@code event} causes for {@code live} at {@code now}; empty when it changes nothing. */
    public List<Decision> apply(LiveSale live, SaleEvent event, Instant now) {
        Steps s = new Steps(live);
        if (event instanceof Recover) {
            recover(s, now);
            return s.decisions;
        }
        switch (live.state()) {
            case CREATED -> created(s, event, now);
            case AWAITING_PAYMENT -> awaiting(s, event, now);
            case CANCELLING -> cancelling(s, event, now);
            case VENDING -> vending(s, event);
            case REFUNDING -> refunding(s, event);
            // PAID and VEND_FAILED are left in the same step that enters them; only recovery
            // finds a sale there. Final states take no more events.
            case PAID, VEND_FAILED, VENDED, REFUNDED, CANCELLED, FAILED -> {
            }
        }
        return s.decisions;
    }

    private void created(Steps s, SaleEvent e, Instant now) {
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
                            notice("Payment is not available now. Please try again later."));
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
        } else if (isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            s.stay(next, createOrder(next));
        } else if (isTimer(e, TimerKind.DEADLINE)) {
            startCancel(s, "payment window over before the order was created");
        } else if (e instanceof CustomerCancel) {
            startCancel(s, "customer cancelled");
        }
    }

    private void showQr(Steps s, String qr, Instant now) {
        Sale sale = s.live.sale();
        Screen qrScreen = new Screen.PaymentQr(sale.orderNo(), sale.productName(), sale.priceFen(), qr,
                now.plus(policy.paymentWindow()));
        s.to(s.live.with(sale.awaiting(qr, now)), "order created, QR shown", new Show(qrScreen),
                new Arm(TimerKind.DEADLINE, policy.paymentWindow()),
                new Arm(TimerKind.NEXT, policy.pollUnscanned()));
    }

    private void awaiting(Steps s, SaleEvent e, Instant now) {
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
        } else if (isTimer(e, TimerKind.NEXT)) {
            LiveSale next = live.request();
            s.stay(next, new Effect.QueryOrder(next.lastRequest()));
        } else if (isTimer(e, TimerKind.DEADLINE)) {
            startCancel(s, "payment window of " + seconds(policy.paymentWindow()) + " over");
        } else if (e instanceof CustomerCancel) {
            startCancel(s, "customer cancelled");
        }
    }

    private Duration pollInterval(LiveSale live) {
        return live.scanned() ? policy.pollScanned() : policy.pollUnscanned();
    }

    /** Gives up on an unpaid order: one last query (a payment may have just landed), then cancel. */
    private void startCancel(Steps s, String cause) {
        LiveSale next = s.live.with(s.live.sale().withState(CANCELLING)).request();
        s.to(next, cause, new Effect.QueryOrder(next.lastRequest()), notice("Cancelling the order"));
    }

    private void cancelling(Steps s, SaleEvent e, Instant now) {
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
                s.to(live.with(sale.refunded(c.refundedFen(), c.refundedFen())),
                        "a payment of " + Money.format(c.refundedFen()) + " slipped in; the cancel refunded it",
                        new Show(new Screen.Refunded(sale.productName(), c.refundedFen())));
            } else if (r instanceof CancelResult.Cancelled) {
                cancelled(s, "backend closed the order");
            } else if (r instanceof CancelResult.NotFound) {
                notFoundAtCancel(s, now);
            } else if (live.awaits(ca.request())) {
                LiveSale failed = live.failed();
                s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
            }
        } else if (isTimer(e, TimerKind.NEXT)) {
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
    private void notFoundAtCancel(Steps s, Instant now) {
        Sale sale = s.live.sale();
        Instant payableUntil = sale.payableUntil(policy.paymentWindow(), policy.expiryGrace());
        if (!now.isBefore(payableUntil)) {
            cancelled(s, "backend has no such trade and the order has expired: nothing was paid");
        } else {
            s.stay(s.live.answered(), new Arm(TimerKind.NEXT, Duration.between(now, payableUntil)));
        }
    }

    /** The first cancel is journaled before it is sent: from then on no answer may lead to a vend. */
    private void sendCancel(Steps s) {
        LiveSale live = s.live;
        if (live.sale().cancelSent()) {
            LiveSale next = live.request();
            s.stay(next, new Effect.CancelOrder(next.lastRequest()));
        } else {
            LiveSale next = live.with(live.sale().withCancelSent()).request();
            s.to(next, "not paid; cancel sent", new Effect.CancelOrder(next.lastRequest()));
        }
    }

    private void cancelled(Steps s, String cause) {
        s.to(s.live.with(s.live.sale().withState(CANCELLED)), cause, notice("Order cancelled"));
    }

    private void onPaid(Steps s, QueryResult.Paid p, int request, Instant now) {
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
        Instant paidAt = live.recovered() ? first(p.paidAt(), sale.awaitingSince(), sale.createdAt()) : now;
        s.to(live.with(sale.paid(p.amountFen(), paidAt)),
                live.recovered() ? "payment found after a restart" : "payment confirmed");
        vendOrRefund(s, now);
    }

    /** From PAID: vend, unless this payment was found after a restart and its customer has left. */
    private void vendOrRefund(Steps s, Instant now) {
        Sale sale = s.live.sale();
        Duration since = Duration.between(sale.paidAt(), now);
        if (s.live.recovered() && since.compareTo(policy.customerPresence()) > 0) {
            startRefund(s, "paid " + seconds(since) + " before the terminal could vend; the customer has likely left");
            return;
        }
        LiveSale next = s.live.with(sale.withState(VENDING)).request();
        List<Effect> effects = new ArrayList<>();
        effects.add(new Show(new Screen.Vending(sale.productName())));
        effects.add(new Effect.Pulse(next.lastRequest(), sale.channel(), policy.pulse()));
        if (sale.sensor()) {
            effects.add(new Arm(TimerKind.DROP, policy.pulse().plus(sale.dropWindow())));
        }
        s.to(next, "firing relay channel " + sale.channel(), effects.toArray(Effect[]::new));
    }

    private void vending(Steps s, SaleEvent e) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (e instanceof PulseDone pd && live.awaits(pd.request())) {
            if (pd.failure() != null) {
                vendFailed(s, "relay failed: " + pd.failure());
            } else if (!sale.sensor()) {
                vended(s, "relay pulsed; the slot has no drop sensor, so the pulse is trusted");
            } else {
                s.stay(live.answered());
            }
        } else if (e instanceof DropSeen && sale.sensor()) {
            vended(s, "drop sensor saw the product");
        } else if (isTimer(e, TimerKind.DROP)) {
            vendFailed(s, "no drop within " + seconds(sale.dropWindow()) + " of the pulse");
        }
    }

    private void vended(Steps s, String cause) {
        s.to(s.live.with(s.live.sale().withState(VENDED)), cause,
                new Show(new Screen.ThankYou(s.live.sale().productName())));
    }

    private void vendFailed(Steps s, String cause) {
        s.to(s.live.with(s.live.sale().withState(VEND_FAILED)), cause);
        startRefund(s, "refunding " + Money.format(s.live.sale().paidFen()));
    }

    /** Persists the refund's request number with the transition, before the first refund call. */
    private void startRefund(Steps s, String cause) {
        Sale sale = s.live.sale();
        String requestNo = sale.refundRequestNo() != null ? sale.refundRequestNo() : sale.orderNo() + "R1";
        LiveSale next = s.live.with(sale.refunding(requestNo)).request();
        s.to(next, cause + " (refund request " + requestNo + ")",
                new Effect.Refund(next.lastRequest(), requestNo, sale.paidFen()),
                notice("Sorry, the product could not be delivered. Refunding " + Money.format(sale.paidFen())));
    }

    private void refunding(Steps s, SaleEvent e) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (e instanceof RefundAnswered ra) {
            RefundResult r = ra.result();
            if (r instanceof RefundResult.Refunded done) {
                refunded(s, done.amountFen(), "backend confirmed the refund");
            } else if (!live.awaits(ra.request())) {
                return;
            } else if (r instanceof RefundResult.Rejected rej) {
                LiveSale failed = live.failed();
                s.stay(failed, new Alert("refund " + sale.refundRequestNo() + " refused: " + rej.code() + " "
                        + rej.message() + "; retrying"), new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
            } else {
                LiveSale failed = live.failed();
                s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
            }
        } else if (e instanceof RefundQueryAnswered rq) {
            RefundQueryResult r = rq.result();
            if (r instanceof RefundQueryResult.Refunded done) {
                refunded(s, done.amountFen(), "backend says the refund was made");
            } else if (!live.awaits(rq.request())) {
                return;
            } else if (r instanceof RefundQueryResult.NotFound) {
                LiveSale next = live.answered().request();
                s.stay(next, new Effect.Refund(next.lastRequest(), sale.refundRequestNo(), sale.paidFen()));
            } else {
                LiveSale failed = live.failed();
                s.stay(failed, new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
            }
        } else if (isTimer(e, TimerKind.NEXT)) {
            // After an unusable answer ask first whether the refund happened; resend only if not.
            LiveSale next = live.request();
            s.stay(next, new Effect.QueryRefund(next.lastRequest(), sale.refundRequestNo()));
        }
    }

    private void refunded(Steps s, long amountFen, String cause) {
        Sale sale = s.live.sale();
        List<Effect> effects = new ArrayList<>();
        if (amountFen != sale.paidFen()) {
            effects.add(new Alert("refunded " + Money.format(amountFen) + " of a payment of " + Money.format(sale.paidFen())));
        }
        effects.add(new Show(new Screen.Refunded(sale.productName(), amountFen)));
        s.to(s.live.with(sale.refunded(sale.paidFen(), amountFen)), cause, effects.toArray(Effect[]::new));
    }

    /** Drives a sale found unfinished at start towards a final state. */
    private void recover(Steps s, Instant now) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        switch (sale.state()) {
            case CREATED, AWAITING_PAYMENT ->
                    startCancel(s, "recovery: found in " + sale.state() + "; cancelling unless the backend says paid");
            case CANCELLING -> {
                LiveSale next = live.request();
                if (sale.cancelSent()) {
                    s.to(next, "recovery: sending the cancel again", new Effect.CancelOrder(next.lastRequest()));
                } else {
                    s.to(next, "recovery: querying before the cancel", new Effect.QueryOrder(next.lastRequest()));
                }
            }
            case PAID -> vendOrRefund(s, now);
            case VENDING -> {
                String cause = "recovery: found in VENDING; the relay may have fired, so it is never fired again";
                if (policy.vendingRecovery() == SalePolicy.VendingRecovery.REFUND) {
                    vendFailed(s, cause);
                } else {
                    s.to(live.with(sale.withState(VENDED)), cause + "; counted as vended by policy",
                            new Alert("sale counted as vended without a confirmed drop: check slot " + sale.slotId()));
                }
            }
            case VEND_FAILED -> startRefund(s, "recovery: the refund was not sent yet");
            case REFUNDING -> {
                LiveSale next = live.request();
                s.to(next, "recovery: asking whether refund " + sale.refundRequestNo() + " was made",
                        new Effect.QueryRefund(next.lastRequest(), sale.refundRequestNo()));
            }
            case VENDED, REFUNDED, CANCELLED, FAILED -> {
            }
        }
    }

    /**
     * The backend keeps the order payable a little past the window, so a payment made in the last
     * second is still caught by the final query or refunded by the cancel rather than refused
     * mid-payment; {@link Sale#payableUntil} allows for the whole grace.
     */
    private Effect createOrder(LiveSale live) {
        Sale sale = live.sale();
        Duration expiresIn = policy.paymentWindow().plus(policy.expiryGrace().dividedBy(2));
        return new Effect.CreateOrder(live.lastRequest(),
                new OrderRequest(sale.orderNo(), sale.priceFen(), sale.productName(), expiresIn));
    }

    private static boolean isTimer(SaleEvent e, TimerKind kind) {
        return e instanceof TimerFired t && t.kind() == kind;
    }

    private static Show notice(String message) {
        return new Show(new Screen.Notice(message));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Instant first(Instant... candidates) {
        for (Instant i : candidates) {
            if (i != null) {
                return i;
            }
        }
        throw new IllegalStateException("no time known");
    }

    /** The steps of one event, each starting from the previous one's sale. */
    private static final class Steps {
        private LiveSale live;
        private final List<Decision> decisions = new ArrayList<>();

        Steps(LiveSale start) {
            live = start;
        }

        /** A journaled step. */
        void to(LiveSale next, String cause, Effect... effects) {
            live = next;
            decisions.add(new Decision(next, cause, List.of(effects)));
        }

        /** A step that changes only what lives in memory. */
        void stay(LiveSale next, Effect... effects) {
            live = next;
            decisions.add(new Decision(next, null, List.of(effects)));
        }
    }
}
