package io.qrvend.terminal.journal;

import io.qrvend.terminal.sale.SaleState;
import java.time.Instant;

/** One row of a sale's append-only history: a transition and why it happened. */
public record SaleHistoryEntry(long saleId, Instant at, SaleState from, SaleState to, String cause) {
}
