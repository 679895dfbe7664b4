package io.qrvend.terminal.sale;

import static io.qrvend.terminal.sale.SaleState.VENDED;
import static io.qrvend.terminal.sale.SaleState.VENDING;
import static io.qrvend.terminal.sale.SaleState.VEND_FAILED;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.sale.Effect.Alert;
import io.qrvend.terminal.sale.Effect.Arm;
import io.qrvend.terminal.sale.Effect.Show;
import io.qrvend.terminal.sale.SaleEvent.DropSeen;
import io.qrvend.terminal.sale.SaleEvent.PulseDone;
import io.qrvend.terminal.sale.SaleEvent.RefundAnswered;
import io.qrvend.terminal.sale.SaleEvent.RefundQueryAnswered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules once the sale is paid: fire the relay, wait for the drop, refund when it fails. */
final class DeliverySteps {
    private final SalePolicy policy;

    DeliverySteps(SalePolicy policy) {
        this.policy = policy;
    }

    /** From PAID: vend, unless this payment was found after a restart and its customer has left. */
    Steps vendOrRefund(Steps s, Instant now) {
        Sale sale = s.live.sale();
        Duration since = Duration.between(sale.paidAt(), now);
        if (s.live.recovered() && since.compareTo(policy.customerPresence()) > 0) {
            return startRefund(s, "paid " + Steps.seconds(since) + " before the terminal could vend; the customer has likely left");
        }
        LiveSale next = s.live.with(sale.withState(VENDING)).request();
        List<Effect> effects = new ArrayList<>();
        effects.add(new Show(new Screen.Vending(sale.productName())));
        effects.add(new Effect.Pulse(next.lastRequest(), sale.channel(), policy.pulse()));
        if (sale.sensor()) {
            effects.add(new Arm(TimerKind.DROP, policy.pulse().plus(sale.dropWindow())));
        }
        return s.to(next, "firing relay channel " + sale.channel(), effects.toArray(Effect[]::new));
    }

    void vending(Steps s, SaleEvent e) {
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
        } else if (Steps.isTimer(e, TimerKind.DROP)) {
            vendFailed(s, "no drop within " + Steps.seconds(sale.dropWindow()) + " of the pulse");
        }
    }

    /** The product is out: the sale ends VENDED and, in the same commit, takes one item from the slot's stock. */
    Steps vended(Steps s, String cause) {
        return s.toTakingItem(s.live.with(s.live.sale().withState(VENDED)), cause,
                new Show(new Screen.ThankYou(s.live.sale().productName())));
    }

    Steps vendFailed(Steps s, String cause) {
        s.to(s.live.with(s.live.sale().withState(VEND_FAILED)), cause);
        return startRefund(s, "refunding " + Money.format(s.live.sale().paidFen()));
    }

    /** Persists the refund's request number with the transition, before the first refund call. */
    Steps startRefund(Steps s, String cause) {
        Sale sale = s.live.sale();
        String requestNo = refundRequestNo(sale);
        LiveSale next = s.live.with(sale.refunding(requestNo)).request();
        return s.to(next, cause + " (refund request " + requestNo + ")",
                new Effect.Refund(next.lastRequest(), requestNo, sale.paidFen()),
                Steps.notice("Sorry, the product could not be delivered. Refunding " + Money.format(sale.paidFen())));
    }

    /**
     * A payment of {@code fen} found on an order that must not vend: recorded and sent to its refund
     * in one journaled step, with the refund's request number, before the first refund call.
     */
    Steps refundPayment(Steps s, long fen, Instant paidAt, String cause) {
        Sale sale = s.live.sale();
        String requestNo = refundRequestNo(sale);
        LiveSale next = s.live.with(sale.paidToRefund(fen, paidAt, requestNo)).request();
        return s.to(next, cause + " (refund request " + requestNo + ")",
                new Effect.Refund(next.lastRequest(), requestNo, fen));
    }

    private static String refundRequestNo(Sale sale) {
        return sale.refundRequestNo() != null ? sale.refundRequestNo() : sale.orderNo() + "R1";
    }

    void refunding(Steps s, SaleEvent e) {
        LiveSale live = s.live;
        Sale sale = live.sale();
        if (e instanceof RefundAnswered ra) {
            // A made refund is a fact whenever it comes; the other answers count only if awaited.
            boolean awaited = live.awaits(ra.request());
            ra.result().match(
                    done -> refunded(s, done.amountFen(), "backend confirmed the refund"),
                    rejected -> !awaited ? s.unchanged() : retryRefund(s, new Alert("refund " + sale.refundRequestNo()
                            + " refused: " + rejected.code() + " " + rejected.message() + "; retrying")),
                    unknown -> !awaited ? s.unchanged() : retryRefund(s));
        } else if (e instanceof RefundQueryAnswered rq) {
            boolean awaited = live.awaits(rq.request());
            rq.result().match(
                    done -> refunded(s, done.amountFen(), "backend says the refund was made"),
                    notFound -> {
                        if (!awaited) {
                            return s.unchanged();
                        }
                        LiveSale next = live.answered().request();
                        return s.stay(next, new Effect.Refund(next.lastRequest(), sale.refundRequestNo(), sale.paidFen()));
                    },
                    unknown -> !awaited ? s.unchanged() : retryRefund(s));
        } else if (Steps.isTimer(e, TimerKind.NEXT)) {
            // After an unusable answer ask first whether the refund happened; resend only if not.
            LiveSale next = live.request();
            s.stay(next, new Effect.QueryRefund(next.lastRequest(), sale.refundRequestNo()));
        }
    }

    private Steps retryRefund(Steps s, Effect... alerts) {
        LiveSale failed = s.live.failed();
        List<Effect> effects = new ArrayList<>(List.of(alerts));
        effects.add(new Arm(TimerKind.NEXT, policy.backoff(failed.failures())));
        return s.stay(failed, effects.toArray(Effect[]::new));
    }

    Steps refunded(Steps s, long amountFen, String cause) {
        Sale sale = s.live.sale();
        List<Effect> effects = new ArrayList<>();
        if (amountFen != sale.paidFen()) {
            effects.add(new Alert("refunded " + Money.format(amountFen) + " of a payment of " + Money.format(sale.paidFen())));
        }
        effects.add(new Show(new Screen.Refunded(sale.productName(), amountFen, sale.wallet().label())));
        return s.to(s.live.with(sale.refunded(sale.paidFen(), amountFen)), cause, effects.toArray(Effect[]::new));
    }
}
