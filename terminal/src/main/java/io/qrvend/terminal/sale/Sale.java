package io.qrvend.terminal.sale;

import io.qrvend.terminal.payment.Wallet;
import java.time.Duration;
import java.time.Instant;

/**
 * One sale as the journal holds it: everything recovery needs after a power cut. Changes are made
 * by {@link SaleMachine} only, through the {@code with*} methods, and each change is committed to
 * the journal before any effect it causes.
 *
 * @param id journal row id
 * @param orderNo unique order number sent to the backend (out_trade_no)
 * @param dropWindow how long to wait for the drop sensor after the pulse
 * @param awaitingSince when the QR went on screen, or null
 * @param qrCode what the QR encodes, or null before the order exists
 * @param cancelSent true once a cancel may have reached the backend; from then on only the cancel's
 *     answer may end the sale, never a vend
 * @param paidAt when the payment happened, as well as the terminal knows, or null
 * @param refundRequestNo the refund's idempotency key, persisted before the first refund call
 * @param wallet the wallet this order was placed at
 * @param groupId the customer's sale this order belongs to: the id of its first order. With two
 *     wallets one selection opens one order at each, and they share the group; with one wallet the
 *     group is the order itself
 */
public record Sale(long id, String orderNo, String slotId, String productName, int channel,
                   boolean sensor, Duration dropWindow, long priceFen, SaleState state,
                   Instant createdAt, Instant awaitingSince, String qrCode, boolean cancelSent,
                   Instant paidAt, long paidFen, String refundRequestNo, long refundedFen, Wallet wallet,
                   long groupId) {

    /** A sale just selected: state CREATED, nothing else known yet. */
    public static Sale created(long id, String orderNo, String slotId, String productName, int channel,
                               boolean sensor, Duration dropWindow, long priceFen, Instant now) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.CREATED, now, null, null, false, null, 0, null, 0, Wallet.ALIPAY, id);
    }

    /** An order of the customer's sale {@code groupId} at {@code wallet}, just selected. */
    public static Sale created(long id, String orderNo, String slotId, String productName, int channel,
                               boolean sensor, Duration dropWindow, long priceFen, Instant now, Wallet wallet,
                               long groupId) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.CREATED, now, null, null, false, null, 0, null, 0, wallet, groupId);
    }

    /**
     * Whether this sale still needs the screen and the relays, so a new selection must wait. A
     * refund, or a cancel already sent (which can end only in CANCELLED or REFUNDED, never in a vend),
     * runs on in the background.
     */
    public boolean occupiesMachine() {
        return switch (state) {
            case CREATED, AWAITING_PAYMENT, PAID, VENDING -> true;
            case CANCELLING -> !cancelSent;
            case VEND_FAILED, REFUNDING, VENDED, REFUNDED, CANCELLED, FAILED -> false;
        };
    }

    public Sale withState(SaleState next) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen, next,
                createdAt, awaitingSince, qrCode, cancelSent, paidAt, paidFen, refundRequestNo, refundedFen,
                wallet, groupId);
    }

    public Sale awaiting(String qr, Instant since) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.AWAITING_PAYMENT, createdAt, since, qr, cancelSent, paidAt, paidFen,
                refundRequestNo, refundedFen, wallet, groupId);
    }

    public Sale withCancelSent() {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen, state,
                createdAt, awaitingSince, qrCode, true, paidAt, paidFen, refundRequestNo, refundedFen,
                wallet, groupId);
    }

    public Sale paid(long fen, Instant at) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.PAID, createdAt, awaitingSince, qrCode, cancelSent, at, fen, refundRequestNo,
                refundedFen, wallet, groupId);
    }

    public Sale refunding(String requestNo) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.REFUNDING, createdAt, awaitingSince, qrCode, cancelSent, paidAt, paidFen,
                requestNo, refundedFen, wallet, groupId);
    }

    /**
     * A payment found on an order that must not vend (another order of the sale was paid first, or
     * a cancel was already sent): it goes straight to its refund, in one journaled step, so no
     * restart can find it PAID and vend.
     */
    public Sale paidToRefund(long fen, Instant at, String requestNo) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.REFUNDING, createdAt, awaitingSince, qrCode, cancelSent, at, fen, requestNo,
                refundedFen, wallet, groupId);
    }

    /** Final: {@code fen} went back to the customer, by a refund or by a cancel that refunded. */
    public Sale refunded(long paid, long fen) {
        return new Sale(id, orderNo, slotId, productName, channel, sensor, dropWindow, priceFen,
                SaleState.REFUNDED, createdAt, awaitingSince, qrCode, cancelSent, paidAt, paid,
                refundRequestNo, fen, wallet, groupId);
    }
}
