package io.qrvend.terminal.report;

import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares each finished sale of the journal with what the backend says of its order: a vended sale
 * must be paid in full, a refunded one refunded in full, a cancelled or failed one never paid. A
 * backend that cannot be asked is reported as unverified, not as a difference. Each order is asked
 * of its own wallet's backend; an order at a wallet that is not configured is unverified.
 */
public final class Reconciler {
    private Reconciler() {
    }

    /** One sale whose journal and backend disagree, or that could not be checked. */
    public record Finding(Sale sale, boolean difference, String what) {
    }

    /** With Alipay only, as before there were two wallets. */
    public static List<Finding> reconcile(List<Sale> sales, PaymentGateway alipay) {
        return reconcile(sales, Map.of(Wallet.ALIPAY, alipay));
    }

    public static List<Finding> reconcile(List<Sale> sales, Map<Wallet, PaymentGateway> gateways) {
        List<Finding> findings = new ArrayList<>();
        for (Sale sale : sales) {
            if (!sale.state().isFinal()) {
                continue; // the daemon is still working on it
            }
            PaymentGateway gateway = gateways.get(sale.wallet());
            if (gateway == null) {
                findings.add(new Finding(sale, false, "unverified: " + sale.wallet().label() + " is not configured"));
                continue;
            }
            QueryResult order = gateway.query(sale.orderNo());
            if (order instanceof QueryResult.Unknown u) {
                findings.add(new Finding(sale, false, "unverified: the backend did not answer (" + u.reason() + ")"));
                continue;
            }
            String problem = switch (sale.state()) {
                case VENDED -> order instanceof QueryResult.Paid p && p.amountFen() == sale.priceFen() ? null
                        : "journal VENDED for " + Money.format(sale.priceFen()) + ", backend " + describe(order);
                case REFUNDED -> refunded(sale, order, gateway);
                case CANCELLED, FAILED -> order instanceof QueryResult.Paid
                        ? "journal " + sale.state() + " but the backend has it " + describe(order) + ": money kept without a vend"
                        : null;
                // not final: skipped above, the daemon is still working on them
                case CREATED, AWAITING_PAYMENT, CANCELLING, PAID, VENDING, VEND_FAILED, REFUNDING -> null;
            };
            if (problem != null) {
                findings.add(new Finding(sale, true, problem));
            }
        }
        return findings;
    }

    private static String refunded(Sale sale, QueryResult order, PaymentGateway gateway) {
        if (sale.refundRequestNo() == null) {
            // refunded by Alipay's cancel (action=refund): the trade is closed. (A WeChat Pay close never
            // refunds: every refunded WeChat order has its own refund request number.)
            return order instanceof QueryResult.Closed ? null : "journal REFUNDED by the cancel, backend " + describe(order);
        }
        RefundQueryResult refund = gateway.queryRefund(sale.orderNo(), sale.refundRequestNo());
        if (refund instanceof RefundQueryResult.Refunded r && r.amountFen() == sale.refundedFen()) {
            return null;
        }
        return "journal REFUNDED " + Money.format(sale.refundedFen()) + " (request " + sale.refundRequestNo() + "), backend refund "
                + refund.match(r -> Money.format(r.amountFen()), notFound -> "not found", unknown -> "unknown: " + unknown.reason());
    }

    private static String describe(QueryResult order) {
        return order.match(notFound -> "no such order", waiting -> "waiting for the buyer", paid -> "paid " + Money.format(paid.amountFen()),
                closed -> "closed", unknown -> "unknown: " + unknown.reason());
    }
}
