package io.qrvend.sim;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A bug planted on purpose, which the campaign must catch: once another order of the customer's
 * sale is paid, the losing order is reported closed without its close ever reaching the backend.
 * The order stays payable there, so a customer who pays it too keeps paying for nothing.
 */
final class LosingOrderNotClosedBug {
    /** Every order seen, by order number, and per group the order whose payment was recorded first. */
    private final Map<String, Long> groupOf = new HashMap<>();
    private final Map<Long, String> winner = new HashMap<>();
    private boolean planted;

    void plant() {
        planted = true;
    }

    /** The engine committed {@code after}; a payment recorded makes its group's other orders losers. */
    void committed(Sale after) {
        groupOf.put(after.orderNo(), after.groupId());
        if (after.paidAt() != null) {
            winner.putIfAbsent(after.groupId(), after.orderNo());
        }
    }

    /** Each wallet's gateway, with the bug in its close once planted. */
    Map<Wallet, PaymentGateway> wrap(Map<Wallet, PaymentGateway> gateways) {
        Map<Wallet, PaymentGateway> out = new LinkedHashMap<>();
        gateways.forEach((wallet, gateway) -> out.put(wallet, new Wrapped(gateway)));
        return out;
    }

    private boolean lost(String orderNo) {
        Long group = groupOf.get(orderNo);
        return group != null && winner.containsKey(group) && !orderNo.equals(winner.get(group));
    }

    private final class Wrapped implements PaymentGateway {
        private final PaymentGateway real;

        Wrapped(PaymentGateway real) {
            this.real = real;
        }

        @Override
        public CreateResult create(OrderRequest order) {
            return real.create(order);
        }

        @Override
        public QueryResult query(String orderNo) {
            return real.query(orderNo);
        }

        @Override
        public CancelResult cancel(String orderNo) {
            if (planted && lost(orderNo)) {
                return new CancelResult.Cancelled(false); // the bug: "closed", and nothing sent
            }
            return real.cancel(orderNo);
        }

        @Override
        public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
            return real.refund(orderNo, refundRequestNo, amountFen);
        }

        @Override
        public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
            return real.queryRefund(orderNo, refundRequestNo);
        }
    }
}
