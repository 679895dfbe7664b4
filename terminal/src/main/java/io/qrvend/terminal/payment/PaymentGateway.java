package io.qrvend.terminal.payment;

/**
 * One wallet's payment backend as the sale engine sees it (the engine holds one per configured wallet). Calls block and never throw for a backend or
 * network failure: anything the adapter cannot prove is answered as an {@code Unknown} result, and
 * the engine asks again. Only a verified answer is a fact.
 *
 * <p>Calls are made from the effect runner's I/O thread, never from the engine thread.
 */
public interface PaymentGateway {

    /** Creates the order and returns the text the QR code encodes. */
    CreateResult create(OrderRequest order);

    /** Asks whether the order has been scanned or paid. */
    QueryResult query(String orderNo);

    /**
     * Closes the order if unpaid. If a payment slipped in, Alipay's cancel refunds it
     * ({@code Cancelled(true)}); WeChat Pay's close never does, and says so ({@code PaidInstead}),
     * leaving the refund to the sale.
     */
    CancelResult cancel(String orderNo);

    /** Refunds {@code amountFen} of a paid order; repeating the same request number refunds once. */
    RefundResult refund(String orderNo, String refundRequestNo, long amountFen);

    /** Asks whether the refund with this request number has been made. */
    RefundQueryResult queryRefund(String orderNo, String refundRequestNo);
}
