package io.qrvend.terminal.engine;

import io.qrvend.terminal.sale.Sale;

/**
 * A snapshot of the engine for the technician.
 *
 * @param haltedBecause why the engine stopped, or null while it works
 * @param customerSale  the sale in front of the customer, or null
 * @param activeSales   sales not yet final, including refunds and cancels running in the background
 */
public record EngineStatus(boolean ready, boolean closing, String haltedBecause, Sale customerSale, int activeSales) {
}
