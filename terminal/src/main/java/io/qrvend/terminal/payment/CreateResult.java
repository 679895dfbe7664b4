package io.qrvend.terminal.payment;

/** The backend's answer to creating an order. */
public sealed interface CreateResult {

    /** The order exists; {@code qrCode} is the text to show as a QR code. */
    record Created(String qrCode) implements CreateResult {
    }

    /** The backend refused the order for good (bad parameters, contract, ...). */
    record Rejected(String code, String message) implements CreateResult {
    }

    /** No usable answer: the order may or may not exist. */
    record Unknown(String reason) implements CreateResult {
    }
}
