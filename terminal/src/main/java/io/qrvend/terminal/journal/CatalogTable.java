package io.qrvend.terminal.journal;

import io.qrvend.terminal.catalog.Slot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog table's SQL; {@link Journal} runs it in its transactions. */
final class CatalogTable {
    private static final String COLUMNS = "slot_id, name, price_fen, channel, sensor, stock, enabled, drop_window_ms";

    private CatalogTable() {
    }

    static Optional<Slot> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM catalog WHERE slot_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(slotFrom(rs)) : Optional.<Slot>empty();
            }
        }
    }

    static List<Slot> all(Connection connection) throws SQLException {
        List<Slot> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM catalog ORDER BY slot_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(slotFrom(rs));
            }
        }
        return out;
    }

    static void put(Connection connection, Slot slot) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR REPLACE INTO catalog (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, slot.id());
            ps.setString(2, slot.name());
            ps.setLong(3, slot.priceFen());
            ps.setInt(4, slot.channel());
            ps.setBoolean(5, slot.sensor());
            ps.setInt(6, slot.stock());
            ps.setBoolean(7, slot.enabled());
            if (slot.dropWindow() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setLong(8, slot.dropWindow().toMillis());
            }
            ps.executeUpdate();
        }
    }

    private static Slot slotFrom(ResultSet rs) throws SQLException {
        long dropMs = rs.getLong(8);
        Duration drop = rs.wasNull() ? null : Duration.ofMillis(dropMs);
        return new Slot(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getBoolean(5),
                rs.getInt(6), rs.getBoolean(7), drop);
    }
}
