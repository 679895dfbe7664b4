package io.qrvend.terminal.journal;

import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.time.ClockStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened around the sales, for audits: catalog changes, what {@code qrvend reconcile}
 * found, technicians' test pulses, steps of the wall clock. Append-only; no rule reads it.
 */
public final class AuditLog {
    private final Transactions tx;

    AuditLog(Transactions tx) {
        this.tx = tx;
    }

    /** A catalog change a technician made ("who set A1 to 0.01?"). */
    public record CatalogChange(Instant at, String slotId, String change) {
    }

    /** A relay pulse fired by hand ({@code qrvend hw relay}), not a sale. */
    public record TestVend(Instant at, int channel, Duration pulse, String outcome) {
    }

    /** The catalog's change history, oldest first. */
    public List<CatalogChange> catalogChanges() {
        return tx.read(c -> {
            List<CatalogChange> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, slot_id, change FROM catalog_events ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CatalogChange(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    /** Inside the catalog's transaction: the audit row of one slot's change. */
    static void insertCatalogChange(Connection c, Instant at, String slotId, String change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_events (at, slot_id, change) VALUES (?, ?, ?)")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, slotId);
            ps.setString(3, change);
            ps.executeUpdate();
        }
    }

    /** Records a difference {@code qrvend reconcile} found between the journal and the backend. */
    public void recordReconciliation(Sale sale, String difference, Instant at) {
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
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
        return tx.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT order_no, difference FROM reconciliations ORDER BY id");
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
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
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
        return tx.read(c -> {
            List<TestVend> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, channel, pulse_ms, outcome FROM test_vends ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TestVend(Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2), Duration.ofMillis(rs.getLong(3)), rs.getString(4)));
                }
            }
            return out;
        });
    }

    /** Records a step of the wall clock the terminal noticed. */
    public void recordClockStep(ClockStep step) {
        tx.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO clock_steps (at, step_ms) VALUES (?, ?)")) {
                ps.setLong(1, step.at().toEpochMilli());
                ps.setLong(2, step.step().toMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Steps of the wall clock, oldest first. */
    public List<ClockStep> clockSteps() {
        return tx.read(c -> {
            List<ClockStep> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, step_ms FROM clock_steps ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClockStep(Instant.ofEpochMilli(rs.getLong(1)), Duration.ofMillis(rs.getLong(2))));
                }
            }
            return out;
        });
    }

    /** The last step of the wall clock on record, if any. */
    public Optional<ClockStep> lastClockStep() {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT at, step_ms FROM clock_steps ORDER BY id DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ClockStep(Instant.ofEpochMilli(rs.getLong(1)), Duration.ofMillis(rs.getLong(2))))
                        : Optional.<ClockStep>empty();
            }
        });
    }
}
