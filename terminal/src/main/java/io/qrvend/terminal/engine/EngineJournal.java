package io.qrvend.terminal.engine;

import io.qrvend.terminal.catalog.Catalog;
import io.qrvend.terminal.catalog.Slot;
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

    /** Records a new sale in CREATED with the next order number, unique across restarts. */
    Sale openSale(String terminalId, Slot slot, Duration dropWindow, Instant now);

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
