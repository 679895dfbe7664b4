package io.qrvend.terminal.journal;

import io.qrvend.terminal.catalog.Catalog;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.sale.OrderNumbers;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite file that makes the terminal's memory survive a power cut: sales, the append-only
 * history of every transition, the catalog and counters. Each method is one transaction, and
 * {@link #record} returns only once the transition is on disk, so the engine can start the
 * transition's effects.
 *
 * <p>One connection, used by one thread at a time (the engine thread). Other processes, such as the
 * technician CLI, open their own.
 */
public final class Journal implements Catalog, AutoCloseable {
    private static final String SALE_COLUMNS = "id, order_no, slot_id, product_name, channel, sensor, drop_window_ms, "
            + "price_fen, state, created_at, awaiting_since, qr_code, cancel_sent, paid_at, paid_fen, "
            + "refund_request_no, refunded_fen";

    private final Connection connection;
    private final String file;

    private Journal(Connection connection, String file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) and migrates the journal at {@code path}. */
    public static Journal open(Path path, Durability durability) {
        String file = path.toString();
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new JournalException("journal " + file + ": directory " + dir + " does not exist");
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                if (durability == Durability.OFF) {
                    // The campaign's throwaway journals have one process only: holding the lock
                    // spares the shared-memory locking of every WAL transaction.
                    st.execute("PRAGMA locking_mode = EXCLUSIVE");
                }
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new JournalException("journal " + file + ": could not switch to WAL mode");
                    }
                }
                st.execute("PRAGMA synchronous = " + durability.name());
                st.execute("PRAGMA foreign_keys = ON");
            }
            Schema.migrate(c, file);
            return new Journal(StatementCache.wrap(c), file);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    public String file() {
        return file;
    }

    public int schemaVersion() {
        return read(() -> Schema.userVersion(connection));
    }

    /**
     * Records a new sale in CREATED with the next order number, in one transaction with the
     * sequence that makes the number unique.
     */
    public Sale openSale(String terminalId, Slot slot, Duration dropWindow, Instant now) {
        return write(() -> {
            long seq = increment("order_seq");
            String orderNo = OrderNumbers.format(terminalId, now, seq);
            long id;
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO sales (order_no, slot_id, product_name, channel, sensor, drop_window_ms, price_fen, "
                            + "state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, orderNo);
                ps.setString(2, slot.id());
                ps.setString(3, slot.name());
                ps.setInt(4, slot.channel());
                ps.setBoolean(5, slot.sensor());
                ps.setLong(6, dropWindow.toMillis());
                ps.setLong(7, slot.priceFen());
                ps.setString(8, SaleState.CREATED.name());
                ps.setLong(9, now.toEpochMilli());
                ps.setLong(10, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Sale sale = Sale.created(id, orderNo, slot.id(), slot.name(), slot.channel(), slot.sensor(),
                    dropWindow, slot.priceFen(), now);
            insertEvent(id, now, null, SaleState.CREATED, "slot " + slot.id() + " selected");
            return sale;
        });
    }

    /**
     * Commits the step from {@code before} to {@code after}: the sale row, a history row, and on
     * VENDED the slot's stock. Fails if the journal no longer holds {@code before}'s state, which
     * would mean two writers or a bug, never something to paper over.
     */
    public void record(Sale before, Sale after, String cause, Instant at) {
        write(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE sales SET state = ?, awaiting_since = ?, qr_code = ?, cancel_sent = ?, paid_at = ?, "
                            + "paid_fen = ?, refund_request_no = ?, refunded_fen = ?, updated_at = ? "
                            + "WHERE id = ? AND state = ?")) {
                ps.setString(1, after.state().name());
                setInstant(ps, 2, after.awaitingSince());
                ps.setString(3, after.qrCode());
                ps.setBoolean(4, after.cancelSent());
                setInstant(ps, 5, after.paidAt());
                ps.setLong(6, after.paidFen());
                ps.setString(7, after.refundRequestNo());
                ps.setLong(8, after.refundedFen());
                ps.setLong(9, at.toEpochMilli());
                ps.setLong(10, after.id());
                ps.setString(11, before.state().name());
                if (ps.executeUpdate() != 1) {
                    throw new JournalException("journal " + file + ": sale " + after.id() + " is not in "
                            + before.state() + " as the engine believes");
                }
            }
            insertEvent(after.id(), at, before.state(), after.state(), cause);
            if (after.state() == SaleState.VENDED && before.state() != SaleState.VENDED) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "UPDATE catalog SET stock = stock - 1 WHERE slot_id = ? AND stock > 0")) {
                    ps.setString(1, after.slotId());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Sales not in a final state, oldest first: what recovery must finish before a new sale. */
    public List<Sale> unfinishedSales() {
        return querySales("WHERE state NOT IN ('VENDED', 'REFUNDED', 'CANCELLED', 'FAILED') ORDER BY id");
    }

    public Optional<Sale> sale(long id) {
        return querySales("WHERE id = " + id).stream().findFirst();
    }

    public Optional<Sale> saleByOrderNo(String orderNo) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT " + SALE_COLUMNS + " FROM sales WHERE order_no = ?")) {
                ps.setString(1, orderNo);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(saleFrom(rs)) : Optional.<Sale>empty();
                }
            }
        });
    }

    /** Every sale, oldest first. */
    public List<Sale> sales() {
        return querySales("ORDER BY id");
    }

    /** The history of one sale, in the order it happened. */
    public List<SaleHistoryEntry> history(long saleId) {
        return read(() -> {
            List<SaleHistoryEntry> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT sale_id, at, from_state, to_state, cause FROM sale_events WHERE sale_id = ? ORDER BY id")) {
                ps.setLong(1, saleId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(3);
                        out.add(new SaleHistoryEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                from == null ? null : SaleState.valueOf(from), SaleState.valueOf(rs.getString(4)),
                                rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Slot> slot(String id) {
        return read(() -> CatalogTable.find(connection, id));
    }

    @Override
    public List<Slot> slots() {
        return read(() -> CatalogTable.all(connection));
    }

    /** Adds or replaces a slot. */
    public void putSlot(Slot slot) {
        write(() -> {
            CatalogTable.put(connection, slot);
            return null;
        });
    }

    /**
     * Adds or replaces slots and records each change with what changed, in one transaction: a
     * catalog import is all or nothing.
     */
    public void changeCatalog(List<Slot> slots, String change, Instant at) {
        write(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO catalog_events (at, slot_id, change) VALUES (?, ?, ?)")) {
                for (Slot slot : slots) {
                    Optional<Slot> before = CatalogTable.find(connection, slot.id());
                    CatalogTable.put(connection, slot);
                    ps.setLong(1, at.toEpochMilli());
                    ps.setString(2, slot.id());
                    ps.setString(3, change + ": " + (before.isEmpty() ? "new " + slot : before.get() + " -> " + slot));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The catalog's change history, oldest first, as "slot: change" lines with their time. */
    public List<CatalogChange> catalogChanges() {
        return read(() -> {
            List<CatalogChange> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT at, slot_id, change FROM catalog_events ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CatalogChange(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    public record CatalogChange(Instant at, String slotId, String change) {
    }

    /** Records a difference {@code qrvend reconcile} found between the journal and the backend. */
    public void recordReconciliation(Sale sale, String difference, Instant at) {
        write(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO reconciliations (at, sale_id, order_no, difference) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, sale.id());
                ps.setString(3, sale.orderNo());
                ps.setString(4, difference);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Differences recorded by {@code qrvend reconcile}, oldest first, as "ORDER: difference". */
    public List<String> reconciliations() {
        return read(() -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT order_no, difference FROM reconciliations ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ": " + rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Records a relay pulse fired by a technician: {@code outcome} is "ok" or what went wrong. */
    public void recordTestVend(int channel, Duration pulse, String outcome, Instant at) {
        write(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO test_vends (at, channel, pulse_ms, outcome) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setInt(2, channel);
                ps.setLong(3, pulse.toMillis());
                ps.setString(4, outcome);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Technicians' test pulses, oldest first. */
    public List<TestVend> testVends() {
        return read(() -> {
            List<TestVend> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT at, channel, pulse_ms, outcome FROM test_vends ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TestVend(Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2), Duration.ofMillis(rs.getLong(3)), rs.getString(4)));
                }
            }
            return out;
        });
    }

    /** A relay pulse fired by hand ({@code qrvend hw relay}), not a sale. */
    public record TestVend(Instant at, int channel, Duration pulse, String outcome) {
    }

    /** A persisted counter's value, 0 if it was never incremented. */
    public long counter(String name) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Adds one to a persisted counter in its own transaction and returns the new value. */
    public long incrementCounter(String name) {
        return write(() -> increment(name));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new JournalException("journal " + file + ": close failed: " + e.getMessage(), e);
        }
    }

    private long increment(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO counters (name, value) VALUES (?, 1) "
                        + "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void insertEvent(long saleId, Instant at, SaleState from, SaleState to, String cause) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO sale_events (sale_id, at, from_state, to_state, cause) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, saleId);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, from == null ? null : from.name());
            ps.setString(4, to.name());
            ps.setString(5, cause);
            ps.executeUpdate();
        }
    }

    private List<Sale> querySales(String where) {
        return read(() -> {
            List<Sale> out = new ArrayList<>();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + SALE_COLUMNS + " FROM sales " + where)) {
                while (rs.next()) {
                    out.add(saleFrom(rs));
                }
            }
            return out;
        });
    }

    private static Sale saleFrom(ResultSet rs) throws SQLException {
        return new Sale(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getBoolean(6), Duration.ofMillis(rs.getLong(7)), rs.getLong(8), SaleState.valueOf(rs.getString(9)),
                Instant.ofEpochMilli(rs.getLong(10)), instant(rs, 11), rs.getString(12), rs.getBoolean(13),
                instant(rs, 14), rs.getLong(15), rs.getString(16), rs.getLong(17));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T read(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One write transaction. BEGIN IMMEDIATE takes the write lock at once, so the daemon and a
     * technician's command wait for each other (busy_timeout) instead of failing halfway; the
     * statements are explicit because the driver's autocommit switching costs four round trips.
     */
    private <T> T write(SqlWork<T> work) {
        try {
            execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.execute();
        }
    }


    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the open already failed; that error is the one to report
            }
        }
    }
}
