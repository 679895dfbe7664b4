package io.qrvend.terminal.engine;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Effect;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleEvent;
import io.qrvend.terminal.vend.VendException;
import io.qrvend.terminal.vend.VendMechanism;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the I/O effects of sales off the engine thread and hands each outcome back as an event.
 * Backend calls and relay pulses run on separate executors, so a slow backend never delays a
 * pulse. Nothing escapes: an exception from an adapter becomes an unknown answer or a relay failure,
 * which the sale's rules already handle.
 */
final class EffectRunner {
    private static final Logger log = LoggerFactory.getLogger(EffectRunner.class);

    /** Where outcomes go: the engine, which queues them onto its own thread. */
    interface Outcomes {
        void deliver(long saleId, SaleEvent event);
    }

    private final Map<Wallet, PaymentGateway> gateways;
    private final VendMechanism vend;
    private final Executor network;
    private final Executor hardware;
    private final Outcomes outcomes;

    EffectRunner(Map<Wallet, PaymentGateway> gateways, VendMechanism vend, Executor network, Executor hardware,
                 Outcomes outcomes) {
        this.gateways = Map.copyOf(gateways);
        this.vend = vend;
        this.network = network;
        this.hardware = hardware;
        this.outcomes = outcomes;
    }

    // One method per I/O effect; the engine picks among them with Effect.match, so a new kind of
    // effect cannot go unperformed.

    void createOrder(Sale sale, Effect.CreateOrder e) {
        call(sale, g -> g.create(e.order()), CreateResult.Unknown::new,
                r -> new SaleEvent.OrderCreated(e.request(), r), "create " + sale.orderNo());
    }

    void queryOrder(Sale sale, Effect.QueryOrder e) {
        call(sale, g -> g.query(sale.orderNo()), QueryResult.Unknown::new,
                r -> new SaleEvent.QueryAnswered(e.request(), r), "query " + sale.orderNo());
    }

    void cancelOrder(Sale sale, Effect.CancelOrder e) {
        call(sale, g -> g.cancel(sale.orderNo()), CancelResult.Unknown::new,
                r -> new SaleEvent.CancelAnswered(e.request(), r), "cancel " + sale.orderNo());
    }

    void refund(Sale sale, Effect.Refund e) {
        call(sale, g -> g.refund(sale.orderNo(), e.refundRequestNo(), e.amountFen()), RefundResult.Unknown::new,
                r -> new SaleEvent.RefundAnswered(e.request(), r), "refund " + e.refundRequestNo());
    }

    void queryRefund(Sale sale, Effect.QueryRefund e) {
        call(sale, g -> g.queryRefund(sale.orderNo(), e.refundRequestNo()), RefundQueryResult.Unknown::new,
                r -> new SaleEvent.RefundQueryAnswered(e.request(), r), "refund query " + e.refundRequestNo());
    }

    void pulse(Sale sale, Effect.Pulse e) {
        long id = sale.id();
        hardware.execute(() -> outcomes.deliver(id, new SaleEvent.PulseDone(e.request(), pulse(id, e))));
    }

    private String pulse(long saleId, Effect.Pulse e) {
        try {
            vend.pulse(e.channel(), e.duration());
            return null;
        } catch (VendException ex) {
            log.warn("sale {}: relay channel {} failed: {}", saleId, e.channel(), ex.getMessage());
            return ex.getMessage();
        } catch (RuntimeException ex) {
            log.error("sale {}: relay channel {} failed unexpectedly", saleId, e.channel(), ex);
            return "unexpected " + ex;
        }
    }

    /**
     * Calls the backend of the sale's wallet. A journal may hold an unfinished order of a wallet the
     * configuration no longer lists: its calls are unknown answers, which the sale's rules retry, so
     * the order is finished once the wallet is configured again, and never given up in between.
     */
    private <R> void call(Sale sale, Function<PaymentGateway, R> request, Function<String, R> unknown,
                          Function<R, SaleEvent> event, String what) {
        long saleId = sale.id();
        PaymentGateway gateway = gateways.get(sale.wallet());
        network.execute(() -> {
            R result;
            try {
                if (gateway == null) {
                    log.error("sale {}: {} is at {}, which is not configured; configure the {}.* keys to finish it",
                            saleId, sale.orderNo(), sale.wallet().label(), sale.wallet().key());
                    result = unknown.apply(sale.wallet().label() + " is not configured");
                } else {
                    result = request.apply(gateway);
                }
            } catch (RuntimeException ex) {
                log.error("sale {}: {} failed unexpectedly; treated as unknown", saleId, what, ex);
                result = unknown.apply("unexpected " + ex.getClass().getSimpleName());
            }
            if (result == null) {
                result = unknown.apply("gateway returned nothing");
            }
            log.debug("sale {}: {} -> {}", saleId, what, result);
            outcomes.deliver(saleId, event.apply(result));
        });
    }
}
