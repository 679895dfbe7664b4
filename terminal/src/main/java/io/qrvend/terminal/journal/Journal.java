package io.qrvend.terminal.journal;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.engine.EngineJournal;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.OrderNumbers;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.ClockStep;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite file that makes the terminal's memory survive a power cut: the sales, the append-only
 * history of every transition, and the counters; the {@link #catalog()} and the {@link #audit()}
 * log live in the same file and share its transactions. Each method is one transaction, and
 * {@link #record} returns only once the transition is on disk, so the engine can start the
 * transition's effects. The journal stores; every rule (what a step changes, when stock goes down)
 * is the sale rules'.
 *
 * <p>One connection, used by one thread at a time (the engine thread). Other processes, such as the
 * technician CLI, open their own.
 */
public final class Journal implements EngineJournal, AutoCloseable {
    private static final String SALE_COLUMNS = "id, order_no, slot_id, product_name, channel, sensor, drop_window_ms, "
            + "price_fen, state, created_at, awaiting_since, qr_code, cancel_sent, paid_at, paid_fen, "
            + "refund_request_no, refunded_fen, wallet, group_id";
    private static final String FINAL_STATES = "'VENDED', 'REFUNDED', 'CANCELLED', 'FAILED'";
    /**
     * The partial index holds only unfinished sales; named, because for ORDER BY id the planner
     * (without statistics) preferred reading the whole table in id order: 0.4 s at every start on a
     * million sales, once per simulated power cut in a campaign.
     */
    static final String UNFINISHED = "INDEXED BY sales_unfinished WHERE state NOT IN (" + FINAL_STATES + ") ORDER BY id";
    static final String SINCE = "WHERE created_at >= ? ORDER BY created_at, id";
    static final String FINISHED_SINCE = "WHERE created_at >= ? AND state IN (" + FINAL_STATES + ") ORDER BY created_at, id";
    private final Transactions tx;
    private final CatalogStore catalog;
    private final AuditLog audit;
    private final Takings takings;

    Journal(Transactions tx) {
        this.tx = tx;
        this.catalog = new CatalogStore(tx);
        this.audit = new AuditLog(tx);
        this.takings = new Takings(tx);
    }

    /** Opens (creating if needed) and migrates the journal at {@code path}. */
    public static Journal open(Path path, Durability durability) {
        return new Journal(Transactions.open(path, durability));
    }

    public String file() {
        return tx.file();
    }

    public int schemaVersion() {
        return tx.read(Schema::userVersion);
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    /** A day's takings, per slot and per wallet, for {@code qrvend report}. */
    public Takings takings() {
        return takings;
    }

    public AuditLog audit() {
        return audit;
    }

    /** A sale with one order, at Alipay: what a terminal with one wallet opens. */
    public Sale openSale(String terminalId, Slot slot, Duration dropWindow, Instant now) {
        return openSale(terminalId, slot, dropWindow, List.of(Wallet.ALIPAY), now).get(0);
    }

    @Override
    public List<Sale> openSale(String terminalId, Slot slot, Duration dropWindow, List<Wallet> wallets, Instant now) {
        if (wallets.isEmpty()) {
            throw new IllegalArgumentException("a sale needs at least one wallet");
        }
        return tx.write(c -> {
            List<Sale> orders = new ArrayList<>();
            for (Wallet wallet : wallets) {
                long seq = increment(c, "order_seq");
                String orderNo = OrderNumbers.format(terminalId, now, seq);
                long id = insertOrder(c, orderNo, slot, dropWindow, wallet, orders.isEmpty() ? null : orders.get(0).id(), now);
                long group = orders.isEmpty() ? id : orders.get(0).id();
                insertEvent(c, id, now, null, SaleState.CREATED, "slot " + slot.id() + " selected"
                        + (wallets.size() > 1 ? "; order at " + wallet.label() : ""));
                orders.add(Sale.created(id, orderNo, slot.id(), slot.name(), slot.channel(), slot.sensor(),
                        dropWindow, slot.priceFen(), now, wallet, group));
            }
            return orders;
        });
    }

    /** Inserts one order in CREATED; the first of a group names itself as the group. */
    private static long insertOrder(Connection c, String orderNo, Slot slot, Duration dropWindow, Wallet wallet,
                                    Long group, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sales (order_no, slot_id, product_name, channel, sensor, drop_window_ms, price_fen, "
                        + "state, created_at, updated_at, wallet, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
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
            ps.setString(11, wallet.key());
            if (group == null) {
                ps.setNull(12, Types.INTEGER);
            } else {
                ps.setLong(12, group);
            }
            long id;
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
            }
            if (group == null) {
                try (PreparedStatement self = c.prepareStatement("UPDATE sales SET group_id = id WHERE id = ?")) {
                    self.setLong(1, id);
                    self.executeUpdate();
                }
            }
            return id;
        }
    }

    @Override
    public boolean otherOrderPaid(Sale order) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM sales WHERE group_id = ? AND id <> ? AND paid_at IS NOT NULL LIMIT 1")) {
                ps.setLong(1, order.groupId());
                ps.setLong(2, order.id());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void record(Sale before, Sale after, String cause, Instant at, boolean takesItem) {
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
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
                    throw new JournalException("journal " + tx.file() + ": sale " + after.id() + " is not in "
                            + before.state() + " as the engine believes");
                }
            }
            insertEvent(c, after.id(), at, before.state(), after.state(), cause);
            if (takesItem) {
                CatalogStore.takeItem(c, after.slotId());
            }
            return null;
        });
    }

    @Override
    public void clockStepped(ClockStep step) {
        audit.recordClockStep(step);
    }

    @Override
    public List<Sale> unfinishedSales() {
        return querySales(UNFINISHED);
    }

    public Optional<Sale> sale(long id) {
        return querySales("WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Sale> saleByOrderNo(String orderNo) {
        return querySales("WHERE order_no = ?", orderNo).stream().findFirst();
    }

    /** Every sale, oldest first. */
    public List<Sale> sales() {
        return querySales("ORDER BY id");
    }

    /** Sales started at or after {@code from}, oldest first (by the created_at index). */
    public List<Sale> salesSince(Instant from) {
        return querySales(SINCE, from.toEpochMilli());
    }

    /** Sales in a final state started at or after {@code from}, oldest first. */
    public List<Sale> finishedSalesSince(Instant from) {
        return querySales(FINISHED_SINCE, from.toEpochMilli());
    }

    /** The history of one sale, in the order it happened. */
    public List<SaleHistoryEntry> history(long saleId) {
        return tx.read(c -> {
            List<SaleHistoryEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
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

    /** A persisted counter's value, 0 if it was never incremented. */
    public long counter(String name) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Adds one to a persisted counter in its own transaction and returns the new value. */
    public long incrementCounter(String name) {
        return tx.write(c -> increment(c, name));
    }

    @Override
    public void close() {
        tx.close();
    }

    private static long increment(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO counters (name, value) VALUES (?, 1) "
                        + "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insertEvent(Connection c, long saleId, Instant at, SaleState from, SaleState to, String cause)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sale_events (sale_id, at, from_state, to_state, cause) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, saleId);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, from == null ? null : from.name());
            ps.setString(4, to.name());
            ps.setString(5, cause);
            ps.executeUpdate();
        }
    }

    /** {@code where} is a constant of this class; every value in it is a bound {@code ?}. */
    private List<Sale> querySales(String where, Object... values) {
        return tx.read(c -> {
            List<Sale> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SALE_COLUMNS + " FROM sales " + where)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(saleFrom(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Sale saleFrom(ResultSet rs) throws SQLException {
        return new Sale(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getBoolean(6), Duration.ofMillis(rs.getLong(7)), rs.getLong(8), SaleState.valueOf(rs.getString(9)),
                Instant.ofEpochMilli(rs.getLong(10)), instant(rs, 11), rs.getString(12), rs.getBoolean(13),
                instant(rs, 14), rs.getLong(15), rs.getString(16), rs.getLong(17), wallet(rs.getString(18)),
                rs.getLong(19));
    }

    private static Wallet wallet(String key) {
        return Wallet.byKey(key).orElseThrow(() -> new JournalException("the journal names a wallet '" + key
                + "' this qrvend does not know; install the qrvend that wrote it"));
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
}
