package io.qrvend.terminal.payment;

import java.time.Duration;

/**
 * An order to create at the backend.
 *
 * @param orderNo our unique order number (out_trade_no), at most 32 characters
 * @param amountFen the price in fen, more than zero
 * @param subject what the customer sees in the wallet app
 * @param expiresIn how long the backend should accept a payment; the QR must not outlive the sale
 */
public record OrderRequest(String orderNo, long amountFen, String subject, Duration expiresIn) {
    public OrderRequest {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("order " + orderNo + ": amount must be more than 0 fen");
        }
    }
}
