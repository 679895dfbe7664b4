package io.qrvend.sim.campaign;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A wallet's backend model behind the faults of a real network and a real backend, as the terminal's
 * gateway would report them: whatever cannot be proven is Unknown, and a call that timed out or was
 * garbled may still have been carried out. A stale answer is the last answer to the same call,
 * which is what a duplicated or reordered response looks like once the gateway has verified it.
 * A call made {@link #dripping} is carried out and its answer never arrives whole.
 */
final class ScriptedFaultGateway implements PaymentGateway {
    /** The backend model as the terminal's gateway reports it when nothing goes wrong. */
    private final PaymentGateway backend;
    private final CampaignDice dice;
    private final Map<String, Object> lastAnswer = new HashMap<>();
    private boolean dripping;

    ScriptedFaultGateway(PaymentGateway backend, CampaignDice dice) {
        this.backend = backend;
        this.dice = dice;
    }

    @Override
    public CreateResult create(OrderRequest order) {
        return call("create " + order.orderNo(), () -> backend.create(order), CreateResult.Unknown::new);
    }

    @Override
    public QueryResult query(String orderNo) {
        return call("query " + orderNo, () -> backend.query(orderNo), QueryResult.Unknown::new);
    }

    @Override
    public CancelResult cancel(String orderNo) {
        return call("cancel " + orderNo, () -> backend.cancel(orderNo), CancelResult.Unknown::new);
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        return call("refund " + orderNo + " " + refundRequestNo, () -> backend.refund(orderNo, refundRequestNo, amountFen),
                RefundResult.Unknown::new);
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        return call("refund query " + orderNo + " " + refundRequestNo, () -> backend.queryRefund(orderNo, refundRequestNo),
                RefundQueryResult.Unknown::new);
    }

    /** Runs {@code call}, whose answer drips in: the backend acts on it, and the gateway gives up at its deadline. */
    void dripping(Runnable call) {
        dripping = true;
        try {
            call.run();
        } finally {
            dripping = false;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String key, Supplier<T> real, Function<String, T> unknown) {
        if (dripping) {
            lastAnswer.put(key, real.get());
            return unknown.apply(FaultKind.DRIP.label());
        }
        FaultKind fault = dice.backendFault();
        if (fault == null) {
            T answer = real.get();
            lastAnswer.put(key, answer);
            return answer;
        }
        // A switch expression over every kind: a new fault does not compile until it says what a call does.
        return switch (fault) {
            case HTTP_500, UNAVAILABLE, SYSTEM_ERROR -> unknown.apply(fault.label());
            case TIMEOUT, RESET, FORGED, UNSIGNED, OLD_TIMESTAMP -> {
                if (dice.coin()) {
                    lastAnswer.put(key, real.get()); // carried out, answer lost or rejected
                }
                yield unknown.apply(fault.label());
            }
            case GARBLED -> {
                lastAnswer.put(key, real.get());
                yield unknown.apply(fault.label());
            }
            case STALE -> {
                Object previous = lastAnswer.get(key);
                T answer = real.get();
                lastAnswer.put(key, answer);
                yield previous != null ? (T) previous : answer;
            }
            case LATE_PAYMENT, PAY_BOTH, USERPAYING_LASTS, RELAY_FAULT, JAM, MISSED_DROP, SPURIOUS_DROP, CRASH, CLOCK_STEP, DRIP ->
                    throw new IllegalStateException(fault + " is not a fault of a backend call");
        };
    }
}
