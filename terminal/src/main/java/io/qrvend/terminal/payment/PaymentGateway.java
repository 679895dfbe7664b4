package io.qrvend.terminal.payment;

/**
 * The payment backend as the sale engine sees it. Calls block and never throw for a backend or
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

    /** Closes the order if unpaid, or refunds it if a payment slipped in. */
    CancelResult cancel(String orderNo);

    /** Refunds {@code amountFen} of a paid order; repeating the same request number refunds once. */
    RefundResult refund(String orderNo, String refundRequestNo, long amountFen);

    /** Asks whether the refund with this request number has been made. */
    RefundQueryResult queryRefund(String orderNo, String refundRequestNo);
}
