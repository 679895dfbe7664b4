package io.qrvend.terminal.engine;

import io.qrvend.terminal.catalog.Catalog;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.time.ClockStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the engine needs of the journal: its port to storage. Each method is one transaction that
 * is on disk when it returns, so the engine can start a step's effects after it.
 */
public interface EngineJournal {

    /** Sales not in a final state, oldest first: what recovery must finish. */
    List<Sale> unfinishedSales();

    /**
     * Records a new sale: one order per wallet, in that order, each in CREATED with the next order
     * number (unique across restarts), all sharing the first order's id as their group. All are on
     * disk before any of them is sent to a backend.
     */
    List<Sale> openSale(String terminalId, Slot slot, Duration dropWindow, List<Wallet> wallets, Instant now);

    /** Whether another order of {@code order}'s group holds a payment: then {@code order} must never vend. */
    boolean otherOrderPaid(Sale order);

    /**
     * Commits the step from {@code before} to {@code after} with its cause; with {@code takesItem}
     * (the sale rules' decision) one item of the sale's slot in the same transaction. Fails if the
     * journal does not hold {@code before}'s state.
     */
    void record(Sale before, Sale after, String cause, Instant at, boolean takesItem);

    /** The slots, read at each selection. */
    Catalog catalog();

    /** Keeps a step of the wall clock in the audit log. */
    void clockStepped(ClockStep step);
}
