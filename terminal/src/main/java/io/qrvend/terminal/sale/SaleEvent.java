package io.qrvend.terminal.sale;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import io.qrvend.terminal.payment.Wallet;

/** Something that happened to a sale. Answers carry the number of the request they answer. */
public sealed interface SaleEvent {

    /** The sale was found unfinished when the terminal started. */
    record Recover() implements SaleEvent {
    }

    record OrderCreated(int request, CreateResult result) implements SaleEvent {
    }

    record QueryAnswered(int request, QueryResult result) implements SaleEvent {
    }

    record CancelAnswered(int request, CancelResult result) implements SaleEvent {
    }

    record RefundAnswered(int request, RefundResult result) implements SaleEvent {
    }

    record RefundQueryAnswered(int request, RefundQueryResult result) implements SaleEvent {
    }

    /** The relay pulse ended; {@code failure} is null when the board did what it was told. */
    record PulseDone(int request, String failure) implements SaleEvent {
    }

    /** The drop sensor watching this sale's slot saw a product fall. */
    record DropSeen() implements SaleEvent {
    }

    record TimerFired(TimerKind kind) implements SaleEvent {
    }

    /** The customer pressed cancel or a controller sent {@code qrvend cancel}. */
    record CustomerCancel() implements SaleEvent {
    }

    /**
     * Another order of the same customer's sale, at {@code wallet}, was found paid first: this
     * order must be closed, and refunded if it turns out paid too. The engine steps it into the
     * other orders in the same turn as the payment's commit, before any other answer is handled.
     */
    record OtherOrderPaid(Wallet wallet) implements SaleEvent {
    }
}
