package io.qrvend.terminal.journal;

import io.qrvend.terminal.report.SalesReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The takings of the sales started in [from, until), counted by SQLite over the created_at index
 * (no sale is loaded into Java): per slot and per wallet. Shares the journal's transactions.
 */
public final class Takings {
    /**
     * Per slot, per customer sale (a group of orders, one per wallet): it counts once, as vended if
     * one of its orders vended, as cancelled if none was paid and one was cancelled; each refunded
     * order counts as a refund, and money is summed over all orders.
     */
    static final String TAKINGS = "SELECT slot_id, COUNT(*), SUM(vended), SUM(refunded), SUM(cancelled), SUM(paid), SUM(refunds) "
            + "FROM (SELECT slot_id, MAX(state = 'VENDED') AS vended, SUM(state = 'REFUNDED') AS refunded, "
            + "MIN(state IN ('CANCELLED', 'FAILED')) AND MAX(state = 'CANCELLED') AS cancelled, "
            + "SUM(paid_fen) AS paid, SUM(refunded_fen) AS refunds "
            + "FROM sales WHERE created_at >= ? AND created_at < ? GROUP BY group_id) GROUP BY slot_id";
    /** Per wallet, per order: what each wallet's backend took and gave back. */
    static final String TAKINGS_BY_WALLET = "SELECT wallet, COUNT(*), SUM(state = 'VENDED'), SUM(state = 'REFUNDED'), "
            + "SUM(state = 'CANCELLED'), SUM(paid_fen), SUM(refunded_fen) FROM sales WHERE created_at >= ? AND created_at < ? "
            + "GROUP BY wallet";
    private final Transactions tx;

    Takings(Transactions tx) {
        this.tx = tx;
    }

    /** Per slot, a customer's sale counted once. */
    public Map<String, SalesReport.Line> bySlot(Instant from, Instant until) {
        return query(TAKINGS, from, until);
    }

    /** Per wallet (keys as in the configuration: alipay, wechat), each order counted. */
    public Map<String, SalesReport.Line> byWallet(Instant from, Instant until) {
        return query(TAKINGS_BY_WALLET, from, until);
    }

    private Map<String, SalesReport.Line> query(String sql, Instant from, Instant until) {
        return tx.read(c -> {
            Map<String, SalesReport.Line> byKey = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, until.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byKey.put(rs.getString(1), new SalesReport.Line(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                                rs.getLong(6), rs.getLong(7)));
                    }
                }
            }
            return byKey;
        });
    }
}
