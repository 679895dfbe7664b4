package io.qrvend.terminal.catalog;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One product slot of the machine as the catalog holds it.
 *
 * @param id the label on the machine, e.g. "A1"
 * @param priceFen price in fen; a slot priced 0 or less exists only to be refused at selection
 * @param channel relay channel that vends this slot, from 1
 * @param sensor whether a drop sensor watches this slot; without one the pulse is trusted
 * @param dropWindow how long to wait for the drop sensor after the pulse, or null for the default
 */
public record Slot(String id, String name, long priceFen, int channel, boolean sensor, int stock,
                   boolean enabled, Duration dropWindow) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    public Slot {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("slot id '" + id + "' must be 1-16 letters, digits, '-' or '_'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("slot " + id + ": a name is required");
        }
        if (channel < 1) {
            throw new IllegalArgumentException("slot " + id + ": relay channel must be 1 or more, not " + channel);
        }
        if (stock < 0) {
            throw new IllegalArgumentException("slot " + id + ": stock cannot be negative");
        }
        if (dropWindow != null && (dropWindow.isNegative() || dropWindow.isZero())) {
            throw new IllegalArgumentException("slot " + id + ": drop window must be positive");
        }
    }

    public Slot withStock(int newStock) {
        return new Slot(id, name, priceFen, channel, sensor, newStock, enabled, dropWindow);
    }

    public Slot withEnabled(boolean on) {
        return new Slot(id, name, priceFen, channel, sensor, stock, on, dropWindow);
    }
}
