package io.qrvend.terminal.engine;

/** What became of a customer's selection. */
public sealed interface Selection {

    record Accepted(long saleId, String orderNo) implements Selection {
    }

    /** Refused, with a reason fit for the screen. No sale was created. */
    record Refused(String reason) implements Selection {
    }
}
