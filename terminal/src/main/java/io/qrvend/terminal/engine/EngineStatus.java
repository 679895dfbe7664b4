package io.qrvend.terminal.engine;

import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.time.ClockStep;
import java.time.Duration;

/**
 * A snapshot of the engine for the technician.
 *
 * @param haltedBecause why the engine stopped, or null while it works
 * @param customerSale  the sale in front of the customer, or null
 * @param activeSales   sales not yet final, including refunds and cancels running in the background
 * @param uptime        since the engine was built, on the monotonic clock
 * @param lastClockStep the last step of the wall clock noticed since then, or null
 */
public record EngineStatus(boolean ready, boolean closing, String haltedBecause, Sale customerSale, int activeSales,
                           Duration uptime, ClockStep lastClockStep) {
}
