package io.qrvend.terminal.journal;

import io.qrvend.terminal.catalog.Catalog;
import io.qrvend.terminal.catalog.Slot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalog in the journal file: what each slot sells, at what price, how many are left. Stock
 * goes down only when the sale rules say an item left the machine ({@link Journal#record}).
 */
public final class CatalogStore implements Catalog {
    private final Transactions tx;

    CatalogStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Slot> slot(String id) {
        return tx.read(c -> CatalogTable.find(c, id));
    }

    @Override
    public List<Slot> slots() {
        return tx.read(CatalogTable::all);
    }

    /** Adds or replaces a slot, without an audit row: for set-ups and tests, not technicians. */
    public void put(Slot slot) {
        tx.write(c -> {
            CatalogTable.put(c, slot);
            return null;
        });
    }

    /**
     * Adds or replaces slots and records each change with what changed in the audit log, in one
     * transaction: a catalog import is all or nothing.
     */
    public void change(List<Slot> slots, String change, Instant at) {
        tx.write(c -> {
            for (Slot slot : slots) {
                Optional<Slot> before = CatalogTable.find(c, slot.id());
                CatalogTable.put(c, slot);
                AuditLog.insertCatalogChange(c, at, slot.id(),
                        change + ": " + (before.isEmpty() ? "new " + slot : before.get() + " -> " + slot));
            }
            return null;
        });
    }

    /** Inside a sale's transaction: one item of {@code slotId} left the machine. */
    static void takeItem(Connection c, String slotId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE catalog SET stock = stock - 1 WHERE slot_id = ? AND stock > 0")) {
            ps.setString(1, slotId);
            ps.executeUpdate();
        }
    }
}
